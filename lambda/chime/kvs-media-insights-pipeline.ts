/**
 * Custom::MediaInsightsPipeline: CreateMediaInsightsPipeline from a
 * configuration on Kinesis Video streams; DeleteMediaPipeline on delete. The
 * physical ID is the pipeline's ID.
 *
 * A pipeline ends on its own (15 s without fragments, 8 h at most): an ended
 * pipeline is an ended resource, not an error. Delete of a pipeline gone or
 * ended succeeds; an Update that changes nothing the service sees keeps the
 * pipeline and says whether it ended; any other change creates a new pipeline
 * (CloudFormation deletes the old one in the cleanup phase of a forward
 * update).
 *
 * The old pipeline of a replacement stays running until that cleanup, which
 * a rolled-back update never reaches. So each pipeline carries, in its
 * runtime metadata, the stack resource that created it, a digest of the
 * properties it was created with and, for a replacement, the pipeline it
 * replaced; the rollback Update (old properties, the new pipeline's physical
 * ID) reads them and answers the original pipeline's ID when it still runs
 * with those properties and is this stack resource's, instead of creating a
 * third one. CloudFormation then deletes only the replacement.
 */
import { createHash } from 'node:crypto';
import {
  CreateMediaInsightsPipelineCommand,
  DeleteMediaPipelineCommand,
  GetMediaPipelineCommand,
} from '@aws-sdk/client-chime-sdk-media-pipelines';
import type { CreateMediaInsightsPipelineRequest, MediaInsightsPipeline } from '@aws-sdk/client-chime-sdk-media-pipelines';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import {
  PIPELINE_OWNER_METADATA_KEY, PIPELINE_PROPERTIES_METADATA_KEY, PIPELINE_REPLACES_METADATA_KEY,
  createPipelineInput, decodeMediaInsightsPipelineProperties,
} from '../../src/chime/kvs-media-insights-pipeline.contract';
import type { MediaInsightsPipelineAttributes, MediaInsightsPipelineProperties } from '../../src/chime/kvs-media-insights-pipeline.contract';
import { chimeMediaPipelinesClient } from '../shared/clients/chime-media-pipelines';
import { UNDO_RESERVE_MS } from '../shared/deadline';
import type { Deadline } from '../shared/deadline';
import { describeError, isError } from '../shared/errors';
import { canonical } from '../shared/lifecycle';
import { pollUntil } from '../shared/polling';
import { requestToken } from '../shared/request-token';
import { retryUntilDeadline } from '../shared/retry';
import type { HandlerResponse } from '../shared/types';

const chime = chimeMediaPipelinesClient();

/** Statuses of a pipeline that does not run and will not run again. */
const ENDED = new Set(['Stopping', 'Stopped', 'Failed']);


/** How long a Delete answered with ConflictException is retried. */
const DELETE_CONFLICT_RETRY_MS = 60_000;

// Values of the runtime metadata the handler adds are digests and a pipeline ID: nothing secret.
const OWNER_METADATA_KEY = PIPELINE_OWNER_METADATA_KEY;
const PROPERTIES_METADATA_KEY = PIPELINE_PROPERTIES_METADATA_KEY;
const REPLACES_METADATA_KEY = PIPELINE_REPLACES_METADATA_KEY;

/** Statuses of a pipeline that runs, or is starting to. */
const RUNNING = new Set(['Initializing', 'InProgress']);

export async function onMediaInsightsPipelineEvent(event: CloudFormationCustomResourceEvent, deadline: Deadline): Promise<HandlerResponse> {
  const props = decodeMediaInsightsPipelineProperties(event.ResourceProperties);
  const owner = digest(`${event.StackId}/${event.LogicalResourceId}`);
  switch (event.RequestType) {
    case 'Create':
      return create(props, { [OWNER_METADATA_KEY]: owner }, requestToken(event), deadline);
    case 'Update': {
      const old = decodeMediaInsightsPipelineProperties(event.OldResourceProperties);
      if (canonical(createPipelineInput(old)) !== canonical(createPipelineInput(props))) {
        const original = await originalOf(event.PhysicalResourceId, props, owner);
        if (original) {
          console.log(`Media insights pipeline ${original.id} still runs with these properties and was replaced by ${event.PhysicalResourceId} ` +
            '(a rollback): answering it');
          return answer(original.id, original.arn, false);
        }
        return create(props, { [OWNER_METADATA_KEY]: owner, [REPLACES_METADATA_KEY]: event.PhysicalResourceId }, requestToken(event), deadline);
      }
      // Only the construct's waiting options changed: the pipeline stays.
      return keep(event.PhysicalResourceId, event.ServiceToken);
    }
    case 'Delete':
      await remove(event.PhysicalResourceId, deadline);
      return {};
  }
}

/** A short digest: owner and properties are compared, never read back. */
function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/**
 * The pipeline `current` replaced, when it still runs with `props` (the
 * digest of its creation properties) and was created by this stack resource
 * (`owner`): what a rollback Update returns to. Anything unknown (a pipeline
 * from before this metadata, `current` gone) is no original.
 */
async function originalOf(current: string, props: MediaInsightsPipelineProperties, owner: string): Promise<{ id: string; arn: string } | undefined> {
  const replaced = (await getPipeline(current))?.MediaInsightsRuntimeMetadata?.[REPLACES_METADATA_KEY];
  if (!replaced) return undefined;
  const original = await getPipeline(replaced);
  const metadata = original?.MediaInsightsRuntimeMetadata ?? {};
  if (!original?.MediaPipelineArn || !RUNNING.has(original.Status ?? '')) return undefined;
  if (metadata[OWNER_METADATA_KEY] !== owner || metadata[PROPERTIES_METADATA_KEY] !== digest(canonical(createPipelineInput(props)))) return undefined;
  return { id: replaced, arn: original.MediaPipelineArn };
}

async function create(
  props: MediaInsightsPipelineProperties, own: Record<string, string>, token: string, deadline: Deadline,
): Promise<HandlerResponse> {
  const base = createPipelineInput(props);
  const metadata = { ...base.MediaInsightsRuntimeMetadata, ...own, [PROPERTIES_METADATA_KEY]: digest(canonical(base)) };
  const input = { ...base, MediaInsightsRuntimeMetadata: metadata, ClientRequestToken: token } as CreateMediaInsightsPipelineRequest;
  deadline.beforeStart(UNDO_RESERVE_MS, `a media insights pipeline from ${props.MediaInsightsPipelineConfigurationArn}`);
  const out = await chime.send(new CreateMediaInsightsPipelineCommand(input));
  const pipeline = out.MediaInsightsPipeline;
  if (!pipeline?.MediaPipelineId || !pipeline.MediaPipelineArn) {
    throw new Error(`CreateMediaInsightsPipeline from ${props.MediaInsightsPipelineConfigurationArn} answered without a pipeline ID`);
  }
  const id = pipeline.MediaPipelineId;
  console.log(`Created media insights pipeline ${id}: ${pipeline.Status}`);
  const release = deadline.track(`media insights pipeline ${id}`, () => chime.send(new DeleteMediaPipelineCommand({ MediaPipelineId: id })));
  try {
    if (props.WaitForInProgress) {
      await waitUntilInProgress(id, pipeline.Status, props.StartTimeoutSeconds, deadline);
    } else if (pipeline.Status === 'Failed') {
      throw new Error(`Media insights pipeline ${id} failed as it was created: its Media Insights State Change event on EventBridge gives the reason`);
    }
  } catch (error) {
    // Leave nothing running behind a failed resource.
    await remove(id, deadline).catch((e) => console.error(`Could not delete pipeline ${id}: ${describeError(e)}`));
    release();
    throw error;
  }
  return answer(id, pipeline.MediaPipelineArn, false);
}

async function keep(id: string, serviceToken: string): Promise<HandlerResponse> {
  const status = await pipelineStatus(id);
  const ended = status === 'gone' || ENDED.has(status ?? '');
  if (ended) console.log(`Media insights pipeline ${id} has ended (${status}): it cannot be restarted, the resource stays as an ended pipeline`);
  return answer(id, pipelineArnOf(id, serviceToken), ended);
}

async function waitUntilInProgress(id: string, first: string | undefined, timeoutSeconds: number, deadline: Deadline): Promise<void> {
  await pollUntil<string | undefined>(deadline, {
    waitingFor: `media insights pipeline ${id} to be InProgress`,
    first: { state: first },
    read: () => pipelineStatus(id),
    done: (status) => status === 'InProgress',
    failure: (status) => (status === 'gone' || ENDED.has(status ?? '') ? new Error(`Media insights pipeline ${id} did not start: it is ${status}`) : undefined),
    timeoutMs: timeoutSeconds * 1_000,
    reserveMs: UNDO_RESERVE_MS,
    onTimeout: ({ last, elapsedMs }) => new Error(
      `Media insights pipeline ${id} was not InProgress after ${Math.round(elapsedMs / 1_000)} s (last status: ${last}). ` +
      'A pipeline waits for fragments on its streams: start the producer first, raise startTimeout, or set waitForInProgress to false',
    ),
  });
}

/** Deletes a pipeline; one gone or already ended is success. */
async function remove(id: string, deadline: Deadline): Promise<void> {
  try {
    await retryUntilDeadline(() => chime.send(new DeleteMediaPipelineCommand({ MediaPipelineId: id })), deadline.within(DELETE_CONFLICT_RETRY_MS), {
      what: `media insights pipeline ${id} to be deletable`,
      retryable: (error) => isError(error, 'ConflictException'),
    });
    console.log(`Deleted media insights pipeline ${id}`);
  } catch (error) {
    if (isError(error, 'NotFoundException')) {
      console.log(`Media insights pipeline ${id} no longer exists: nothing to delete`);
      return;
    }
    const status = await pipelineStatus(id).catch(() => undefined);
    if (status !== 'gone' && !ENDED.has(status ?? '')) throw error;
    console.log(`Media insights pipeline ${id} is ${status}: nothing to delete (${describeError(error)})`);
  }
}

/** The pipeline's status, or `gone`. */
async function pipelineStatus(id: string): Promise<string | undefined> {
  const pipeline = await getPipeline(id);
  return pipeline ? pipeline.Status : 'gone';
}

/** The pipeline, or undefined when it does not exist. */
async function getPipeline(id: string): Promise<MediaInsightsPipeline | undefined> {
  try {
    const out = await chime.send(new GetMediaPipelineCommand({ MediaPipelineId: id }));
    return out.MediaPipeline?.MediaInsightsPipeline ?? {};
  } catch (error) {
    if (isError(error, 'NotFoundException')) return undefined;
    throw error;
  }
}

/**
 * The ARN of a pipeline, in the handler's own partition, Region and account
 * (read from its function ARN, the ServiceToken): an ended pipeline cannot be asked.
 */
export function pipelineArnOf(id: string, serviceToken: string): string {
  const [, partition, , region, account] = serviceToken.split(':');
  return `arn:${partition}:chime:${region}:${account}:media-pipeline/${id}`;
}

function answer(id: string, arn: string, ended: boolean): HandlerResponse {
  const data: MediaInsightsPipelineAttributes = { PipelineId: id, PipelineArn: arn, Ended: String(ended) };
  return { PhysicalResourceId: id, Data: { ...data } };
}
