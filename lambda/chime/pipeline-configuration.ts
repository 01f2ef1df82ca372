/**
 * Custom::MediaInsightsPipelineConfiguration: Create/Update/DeleteMediaInsightsPipelineConfiguration.
 * The physical ID is the configuration's ARN. A new name replaces the
 * configuration (the API cannot rename it); every other change is an
 * in-place Update, which takes the whole role and element list again; tags
 * change in place too (UntagResource the removed keys, TagResource the added
 * and changed ones), so a rollback (old and new swapped) restores them.
 *
 * Every configuration carries an owner tag naming its stack resource. When
 * the name to create is taken (the rollback of a rename finds the old
 * configuration, whose cleanup Delete never ran), the configuration of that
 * name is adopted, updated in place, only if its owner tag names this stack
 * resource; anyone else's is a clear failure that changes nothing.
 */
import {
  CreateMediaInsightsPipelineConfigurationCommand,
  DeleteMediaInsightsPipelineConfigurationCommand,
  GetMediaInsightsPipelineConfigurationCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateMediaInsightsPipelineConfigurationCommand,
} from '@aws-sdk/client-chime-sdk-media-pipelines';
import type { MediaInsightsPipelineConfiguration, MediaInsightsPipelineConfigurationElement } from '@aws-sdk/client-chime-sdk-media-pipelines';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { OWNER_TAG_KEY, decodePipelineConfigurationProperties } from '../../src/chime/pipeline-configuration.contract';
import type { PipelineConfigurationAttributes, PipelineConfigurationProperties } from '../../src/chime/pipeline-configuration.contract';
import { chimeMediaPipelinesClient } from '../shared/clients/chime-media-pipelines';
import type { Deadline } from '../shared/deadline';
import { isError } from '../shared/errors';
import { ownerTagValue } from '../shared/owner-tag';
import { requestToken } from '../shared/request-token';
import { retryUntilDeadline } from '../shared/retry';
import type { HandlerResponse } from '../shared/types';

const chime = chimeMediaPipelinesClient();

/**
 * How long a call is retried while the service cannot use the resource access
 * role yet: a role created in the same deployment takes a few seconds to be
 * assumable (IAM is eventually consistent).
 */
const ROLE_PROPAGATION_RETRY_MS = 90_000;

/** How long a Delete answered with ConflictException is retried (a pipeline of the configuration still stopping). */
const DELETE_CONFLICT_RETRY_MS = 120_000;

/** Time kept back to delete a configuration just created if the deadline comes before the answer. */
const DELETE_RESERVE_MS = 20_000;

type Tags = Record<string, string>;

export async function onPipelineConfigurationEvent(event: CloudFormationCustomResourceEvent, deadline: Deadline): Promise<HandlerResponse> {
  const props = decodePipelineConfigurationProperties(event.ResourceProperties);
  const owner = ownerTagValue(event);
  switch (event.RequestType) {
    case 'Create':
      return create(props, owner, requestToken(event), deadline);
    case 'Update': {
      const old = decodePipelineConfigurationProperties(event.OldResourceProperties);
      // The name is not updatable: a new name is a new configuration, and
      // CloudFormation deletes the old one in its cleanup phase.
      if (old.Name !== props.Name) return create(props, owner, requestToken(event), deadline);
      try {
        // The owner tag is not in the old tags: a configuration made before owner tags gets it now.
        return await update(event.PhysicalResourceId, old.Tags ?? {}, props, owner, deadline);
      } catch (error) {
        // Deleted outside the stack: made again under the same name (and so the same ARN).
        if (!isError(error, 'NotFoundException')) throw error;
        console.log(`Configuration ${event.PhysicalResourceId} no longer exists: creating it again`);
        return create(props, owner, requestToken(event), deadline);
      }
    }
    case 'Delete':
      await remove(event.PhysicalResourceId, deadline);
      return {};
  }
}

async function create(props: PipelineConfigurationProperties, owner: string, token: string, deadline: Deadline): Promise<HandlerResponse> {
  // Never start what could not be deleted again before the handler must answer.
  deadline.beforeStart(DELETE_RESERVE_MS, `configuration ${props.Name}`);
  let out;
  try {
    out = await whileRolePropagates(deadline, `configuration ${props.Name} to be created`, () => chime.send(new CreateMediaInsightsPipelineConfigurationCommand({
      MediaInsightsPipelineConfigurationName: props.Name,
      ResourceAccessRoleArn: props.ResourceAccessRoleArn,
      Elements: props.Elements as MediaInsightsPipelineConfigurationElement[],
      ClientRequestToken: token,
      Tags: tagList({ ...props.Tags, [OWNER_TAG_KEY]: owner }),
    })));
  } catch (error) {
    // The name may be taken (the service's error code for it is not documented): look it up.
    if (!isError(error, 'ConflictException', 'BadRequestException')) throw error;
    const existing = await findByName(props.Name);
    if (!existing) throw error;
    return adopt(existing, props, owner, deadline);
  }
  console.log(`Created media insights pipeline configuration ${props.Name}`);
  const response = answer(out.MediaInsightsPipelineConfiguration, props.Name);
  // Deleted again only if the deadline fires before this answer reaches CloudFormation (see Deadline.race).
  deadline.track(`configuration ${props.Name}`, () => chime.send(new DeleteMediaInsightsPipelineConfigurationCommand({ Identifier: response.PhysicalResourceId })));
  return response;
}

async function findByName(name: string): Promise<MediaInsightsPipelineConfiguration | undefined> {
  try {
    const out = await chime.send(new GetMediaInsightsPipelineConfigurationCommand({ Identifier: name }));
    return out.MediaInsightsPipelineConfiguration;
  } catch (error) {
    if (!isError(error, 'NotFoundException')) throw error;
    return undefined;
  }
}

/** Updates a configuration found under the name to create, only if its owner tag names this stack resource. */
async function adopt(
  existing: MediaInsightsPipelineConfiguration, props: PipelineConfigurationProperties, owner: string, deadline: Deadline,
): Promise<HandlerResponse> {
  const arn = answer(existing, props.Name).PhysicalResourceId!;
  const listed = await chime.send(new ListTagsForResourceCommand({ ResourceARN: arn }));
  const tags: Tags = Object.fromEntries((listed.Tags ?? []).map((t) => [t.Key, t.Value]));
  const found = tags[OWNER_TAG_KEY];
  if (found !== owner) {
    const why = found === undefined ? `it has no ${OWNER_TAG_KEY} tag` : `its ${OWNER_TAG_KEY} tag is ${found}, expected ${owner}`;
    throw new Error(`A media insights pipeline configuration named ${props.Name} already exists (${arn}) and is not this stack resource's: ${why}. `
      + 'Delete or rename that configuration, or give this one another name.');
  }
  console.log(`Configuration ${props.Name} already exists and is this stack resource's (the rollback of a rename): updating it in place`);
  return update(arn, tags, props, owner, deadline);
}

/** Updates in place; the tags go from `currentTags` to the desired ones plus the owner tag. */
async function update(
  physicalId: string, currentTags: Tags, props: PipelineConfigurationProperties, owner: string, deadline: Deadline,
): Promise<HandlerResponse> {
  const out = await whileRolePropagates(deadline, `configuration ${props.Name} to be updated`, () => chime.send(new UpdateMediaInsightsPipelineConfigurationCommand({
    Identifier: physicalId,
    ResourceAccessRoleArn: props.ResourceAccessRoleArn,
    Elements: props.Elements as MediaInsightsPipelineConfigurationElement[],
  })));
  // answer() throws when the ARN is missing: the physical ID is the configuration's ARN.
  const response = answer(out.MediaInsightsPipelineConfiguration, props.Name);
  await retag(response.PhysicalResourceId!, currentTags, { ...props.Tags, [OWNER_TAG_KEY]: owner });
  console.log(`Updated media insights pipeline configuration ${props.Name} in place`);
  return response;
}

/** Applies the difference between the old and new tags to the configuration (its ARN). */
async function retag(arn: string, oldTags: Tags, newTags: Tags): Promise<void> {
  const removed = Object.keys(oldTags).filter((key) => !(key in newTags));
  const changed = Object.fromEntries(Object.entries(newTags).filter(([key, value]) => oldTags[key] !== value));
  if (removed.length > 0) await chime.send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: removed }));
  const tags = tagList(changed);
  if (tags) await chime.send(new TagResourceCommand({ ResourceARN: arn, Tags: tags }));
}

function tagList(tags: Tags | undefined): { Key: string; Value: string }[] | undefined {
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
