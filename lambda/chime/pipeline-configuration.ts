/**
 * Custom::MediaInsightsPipelineConfiguration: Create/Update/DeleteMediaInsightsPipelineConfiguration.
 * The physical ID is the configuration's ARN. A new name replaces the
 * configuration (the API cannot rename it); every other change is an
 * in-place Update, which takes the whole role and element list again; tags
 * change in place too (UntagResource the removed keys, TagResource the added
 * and changed ones), so a rollback (old and new swapped) restores them.
 */
import {
  ChimeSDKMediaPipelinesClient,
  CreateMediaInsightsPipelineConfigurationCommand,
  DeleteMediaInsightsPipelineConfigurationCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateMediaInsightsPipelineConfigurationCommand,
} from '@aws-sdk/client-chime-sdk-media-pipelines';
import type { MediaInsightsPipelineConfiguration, MediaInsightsPipelineConfigurationElement } from '@aws-sdk/client-chime-sdk-media-pipelines';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { decodePipelineConfigurationProperties } from '../../src/chime/contract-configuration';
import type { PipelineConfigurationAttributes, PipelineConfigurationProperties } from '../../src/chime/contract-configuration';
import type { Deadline } from '../shared/deadline';
import { isError } from '../shared/errors';
import { requestToken } from '../shared/request-token';
import { retryUntilDeadline } from '../shared/retry';
import { clientConfig, retryWhileGrantsPropagate } from '../shared/sdk';
import type { HandlerResponse } from '../shared/types';

const chime = new ChimeSDKMediaPipelinesClient(clientConfig());
retryWhileGrantsPropagate(chime);

/**
 * How long a call is retried while the service cannot use the resource access
 * role yet: a role created in the same deployment takes a few seconds to be
 * assumable (IAM is eventually consistent).
 */
const ROLE_PROPAGATION_RETRY_MS = 90_000;

/** How long a Delete answered with ConflictException is retried (a pipeline of the configuration still stopping). */
const DELETE_CONFLICT_RETRY_MS = 120_000;

export async function onPipelineConfigurationEvent(event: CloudFormationCustomResourceEvent, deadline: Deadline): Promise<HandlerResponse> {
  const props = decodePipelineConfigurationProperties(event.ResourceProperties);
  switch (event.RequestType) {
    case 'Create':
      return create(props, requestToken(event), deadline);
    case 'Update': {
      const old = decodePipelineConfigurationProperties(event.OldResourceProperties);
      // The name is not updatable: a new name is a new configuration, and
      // CloudFormation deletes the old one in its cleanup phase.
      if (old.Name !== props.Name) return create(props, requestToken(event), deadline);
      try {
        return await update(event.PhysicalResourceId, old, props, deadline);
      } catch (error) {
        // Deleted outside the stack: made again under the same name (and so the same ARN).
        if (!isError(error, 'NotFoundException')) throw error;
        console.log(`Configuration ${event.PhysicalResourceId} no longer exists: creating it again`);
        return create(props, requestToken(event), deadline);
      }
    }
    case 'Delete':
      await remove(event.PhysicalResourceId, deadline);
      return {};
  }
}

async function create(props: PipelineConfigurationProperties, token: string, deadline: Deadline): Promise<HandlerResponse> {
  const out = await whileRolePropagates(deadline, `configuration ${props.Name} to be created`, () => chime.send(new CreateMediaInsightsPipelineConfigurationCommand({
    MediaInsightsPipelineConfigurationName: props.Name,
    ResourceAccessRoleArn: props.ResourceAccessRoleArn,
    Elements: props.Elements as MediaInsightsPipelineConfigurationElement[],
    ClientRequestToken: token,
    Tags: tagList(props.Tags),
  })));
  console.log(`Created media insights pipeline configuration ${props.Name}`);
  return answer(out.MediaInsightsPipelineConfiguration, props.Name);
}

async function update(
  physicalId: string, old: PipelineConfigurationProperties, props: PipelineConfigurationProperties, deadline: Deadline,
): Promise<HandlerResponse> {
  const out = await whileRolePropagates(deadline, `configuration ${props.Name} to be updated`, () => chime.send(new UpdateMediaInsightsPipelineConfigurationCommand({
    Identifier: physicalId,
    ResourceAccessRoleArn: props.ResourceAccessRoleArn,
    Elements: props.Elements as MediaInsightsPipelineConfigurationElement[],
  })));
  // answer() throws when the ARN is missing: the physical ID is the configuration's ARN.
  const response = answer(out.MediaInsightsPipelineConfiguration, props.Name);
  await retag(response.PhysicalResourceId!, old.Tags ?? {}, props.Tags ?? {});
  console.log(`Updated media insights pipeline configuration ${props.Name} in place`);
  return response;
}

/** Applies the difference between the old and new tags to the configuration (its ARN). */
async function retag(arn: string, oldTags: Record<string, string>, newTags: Record<string, string>): Promise<void> {
  const removed = Object.keys(oldTags).filter((key) => !(key in newTags));
  const changed = Object.fromEntries(Object.entries(newTags).filter(([key, value]) => oldTags[key] !== value));
  if (removed.length > 0) await chime.send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: removed }));
  const tags = tagList(changed);
  if (tags) await chime.send(new TagResourceCommand({ ResourceARN: arn, Tags: tags }));
}

function tagList(tags: Record<string, string> | undefined): { Key: string; Value: string }[] | undefined {
  const list = Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
  return list.length > 0 ? list : undefined;
}

/** Deletes the configuration; one already gone is success. */
async function remove(physicalId: string, deadline: Deadline): Promise<void> {
  try {
    await retryUntilDeadline(() => chime.send(new DeleteMediaInsightsPipelineConfigurationCommand({ Identifier: physicalId })),
      deadline.within(DELETE_CONFLICT_RETRY_MS), {
        what: `configuration ${physicalId} to be deletable (its pipelines must end first)`,
        retryable: (error) => isError(error, 'ConflictException'),
      });
    console.log(`Deleted media insights pipeline configuration ${physicalId}`);
  } catch (error) {
    if (!isError(error, 'NotFoundException')) throw error;
    console.log(`Media insights pipeline configuration ${physicalId} no longer exists: nothing to delete`);
  }
}

function whileRolePropagates<T>(deadline: Deadline, what: string, call: () => Promise<T>): Promise<T> {
  return retryUntilDeadline(call, deadline.within(ROLE_PROPAGATION_RETRY_MS), {
    what,
    retryable: (error) => isError(error, 'BadRequestException', 'ForbiddenException') && /role/i.test((error as Error).message),
    initialDelayMs: 2_000,
  });
}

function answer(configuration: MediaInsightsPipelineConfiguration | undefined, name: string): HandlerResponse {
  const arn = configuration?.MediaInsightsPipelineConfigurationArn;
  if (!arn) throw new Error(`The media insights pipeline configuration ${name} was answered without an ARN`);
  const data: PipelineConfigurationAttributes = { Arn: arn, Id: configuration.MediaInsightsPipelineConfigurationId ?? '', Name: name };
  return { PhysicalResourceId: arn, Data: { ...data } };
}
