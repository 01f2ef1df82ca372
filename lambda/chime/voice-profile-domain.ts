/**
 * Custom::VoiceProfileDomain: Create/Update/DeleteVoiceProfileDomain (Chime
 * SDK voice). The physical ID is the domain's ID. Name, description and tags
 * change in place; a new key replaces the domain (the API cannot re-key it).
 *
 * Every domain carries an owner tag naming its stack resource, and one made
 * by a replacement a tag naming the domain it replaces. The rollback of a
 * replacement (the old properties, the new domain's ID) reads that tag and
 * answers the original again when it still exists, is this stack resource's
 * and has the old key and name: CloudFormation then deletes only the new one.
 * Anything else (or a lookup the IAM of the moment denies) creates a domain.
 */
import {
  CreateVoiceProfileDomainCommand,
  DeleteVoiceProfileDomainCommand,
  GetVoiceProfileDomainCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateVoiceProfileDomainCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import type { VoiceProfileDomain } from '@aws-sdk/client-chime-sdk-voice';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { OWNER_TAG_KEY, REPLACES_TAG_KEY, RESERVED_TAG_PREFIX, decodeVoiceProfileDomainProperties } from '../../src/chime/voice-profile-domain.contract';
import type { VoiceProfileDomainAttributes, VoiceProfileDomainProperties } from '../../src/chime/voice-profile-domain.contract';
import { chimeVoiceClient } from '../shared/clients/chime-voice';
import type { Deadline } from '../shared/deadline';
import { isError } from '../shared/errors';
import { ownerTagValue } from '../shared/owner-tag';
import { requestToken } from '../shared/request-token';
import { retryUntilDeadline } from '../shared/retry';
import type { HandlerResponse } from '../shared/types';

const voice = chimeVoiceClient();

/**
 * How long a call answered with ConflictException is retried: the service
 * allows one API call at a time per domain ("Multiple instances of the same
 * request were made simultaneously").
 */
const CONFLICT_RETRY_MS = 60_000;

/** Time kept back to delete a domain just created if the deadline comes before the answer. */
const DELETE_RESERVE_MS = 20_000;

type Tags = Map<string, string>;

interface Original {
  readonly domain: VoiceProfileDomain;
  readonly tags: Tags;
}

export async function onVoiceProfileDomainEvent(event: CloudFormationCustomResourceEvent, deadline: Deadline): Promise<HandlerResponse> {
  const props = decodeVoiceProfileDomainProperties(event.ResourceProperties);
  const owner = ownerTagValue(event);
  switch (event.RequestType) {
    case 'Create':
      return create(props, { [OWNER_TAG_KEY]: owner }, requestToken(event), deadline);
    case 'Update': {
      const old = decodeVoiceProfileDomainProperties(event.OldResourceProperties);
      if (old.KmsKeyArn !== props.KmsKeyArn) {
        const original = await originalOf(event.PhysicalResourceId, props, owner);
        if (original) return adopt(original.domain, original.tags, props, deadline);
        return create(props, { [OWNER_TAG_KEY]: owner, [REPLACES_TAG_KEY]: event.PhysicalResourceId }, requestToken(event), deadline);
      }
      return update(event.PhysicalResourceId, old, props, deadline);
    }
    case 'Delete':
      await remove(event.PhysicalResourceId, deadline);
      return {};
  }
}

function retryConflicts<T>(deadline: Deadline, what: string, call: () => Promise<T>): Promise<T> {
  return retryUntilDeadline(call, deadline.within(CONFLICT_RETRY_MS), { what, retryable: (error) => isError(error, 'ConflictException') });
}

async function create(props: VoiceProfileDomainProperties, own: Record<string, string>, token: string, deadline: Deadline): Promise<HandlerResponse> {
  // Never start what could not be deleted again before the handler must answer.
  deadline.beforeStart(DELETE_RESERVE_MS, `voice profile domain ${props.Name}`);
  const out = await retryConflicts(deadline, `voice profile domain ${props.Name} to be created`, () => voice.send(new CreateVoiceProfileDomainCommand({
    Name: props.Name,
    Description: props.Description,
    ServerSideEncryptionConfiguration: { KmsKeyArn: props.KmsKeyArn },
    // The voice model has no idempotencyToken trait: the SDK would send none.
    ClientRequestToken: token,
    Tags: [...props.Tags, ...Object.entries(own).map(([Key, Value]) => ({ Key, Value }))],
  })));
  const domain = out.VoiceProfileDomain;
  if (!domain?.VoiceProfileDomainId || !domain.VoiceProfileDomainArn) throw new Error(`CreateVoiceProfileDomain ${props.Name} answered without a domain ID`);
  const id = domain.VoiceProfileDomainId;
  console.log(`Created voice profile domain ${id}`);
  // Deleted again only if the deadline fires before this answer reaches CloudFormation (see Deadline.race).
  deadline.track(`voice profile domain ${id}`, () => voice.send(new DeleteVoiceProfileDomainCommand({ VoiceProfileDomainId: id })));
  return answer(id, domain.VoiceProfileDomainArn);
}

/**
 * The domain `current` replaced (its replaces tag), when it still exists, is
 * this stack resource's (`owner`) and has the key and name of `props`: what
 * a rollback returns to. Anything unknown, missing or denied (the previous
 * template's IAM may not grant the lookups) is undefined: create as before.
 */
async function originalOf(current: string, props: VoiceProfileDomainProperties, owner: string): Promise<Original | undefined> {
  try {
    const replaced = (await tagsOf((await get(current)).VoiceProfileDomainArn)).get(REPLACES_TAG_KEY);
    if (!replaced) return undefined;
    const domain = await get(replaced);
    const tags = await tagsOf(domain.VoiceProfileDomainArn);
    const key = domain.ServerSideEncryptionConfiguration?.KmsKeyArn;
    if (tags.get(OWNER_TAG_KEY) !== owner || key !== props.KmsKeyArn || domain.Name !== props.Name) {
      console.log(`Voice profile domain ${replaced} (replaced by ${current}) is not this resource's with the old key and name: creating a new domain`);
      return undefined;
    }
    return { domain, tags };
  } catch (error) {
    if (!isError(error, 'NotFoundException', 'AccessDeniedException', 'ForbiddenException')) throw error;
    console.log(`Did not find the domain ${current} replaced (${(error as Error).name}): creating a new domain`);
    return undefined;
  }
}

async function get(id: string): Promise<VoiceProfileDomain & { VoiceProfileDomainArn: string }> {
  const domain = (await voice.send(new GetVoiceProfileDomainCommand({ VoiceProfileDomainId: id }))).VoiceProfileDomain;
  if (!domain?.VoiceProfileDomainArn) throw new Error(`GetVoiceProfileDomain ${id} answered without the domain's ARN`);
  return { ...domain, VoiceProfileDomainArn: domain.VoiceProfileDomainArn };
}

async function tagsOf(arn: string): Promise<Tags> {
  const out = await voice.send(new ListTagsForResourceCommand({ ResourceARN: arn }));
  return new Map((out.Tags ?? []).map((t) => [t.Key!, t.Value!]));
}

/** Answers the original again, its description and tags set back to `props` (its own tags kept). */
async function adopt(domain: VoiceProfileDomain, tags: Tags, props: VoiceProfileDomainProperties, deadline: Deadline): Promise<HandlerResponse> {
  const id = domain.VoiceProfileDomainId!;
  const arn = domain.VoiceProfileDomainArn!;
  if ((domain.Description ?? '') !== (props.Description ?? '')) {
    await retryConflicts(deadline, `voice profile domain ${id} to be updated`, () => voice.send(new UpdateVoiceProfileDomainCommand({
      VoiceProfileDomainId: id, Name: props.Name, Description: props.Description ?? '',
    })));
  }
  const current = [...tags].filter(([key]) => !key.startsWith(RESERVED_TAG_PREFIX)).map(([Key, Value]) => ({ Key, Value }));
  await retag(id, arn, current, props.Tags, deadline);
  console.log(`Returned to voice profile domain ${id}, the original of the rolled-back replacement`);
  return answer(id, arn);
}

async function update(
  id: string, old: VoiceProfileDomainProperties, props: VoiceProfileDomainProperties, deadline: Deadline,
): Promise<HandlerResponse> {
  const out = await retryConflicts(deadline, `voice profile domain ${id} to be updated`, () => voice.send(new UpdateVoiceProfileDomainCommand({
    VoiceProfileDomainId: id,
    Name: props.Name,
    // An empty description clears the old one.
    Description: props.Description ?? '',
  })));
  const arn = out.VoiceProfileDomain?.VoiceProfileDomainArn;
  if (!arn) throw new Error(`UpdateVoiceProfileDomain ${id} answered without the domain's ARN`);
  await retag(id, arn, old.Tags, props.Tags, deadline);
  console.log(`Updated voice profile domain ${id} in place`);
  return answer(id, arn);
}

/** Applies the difference between the old and new user tags (the handler's own tags are not among them). */
async function retag(id: string, arn: string, oldTags: VoiceProfileDomainProperties['Tags'], newTags: VoiceProfileDomainProperties['Tags'], deadline: Deadline): Promise<void> {
  const wanted = new Map(newTags.map((t) => [t.Key, t.Value]));
  const removed = oldTags.map((t) => t.Key).filter((key) => !wanted.has(key));
  const changed = newTags.filter((t) => oldTags.find((o) => o.Key === t.Key)?.Value !== t.Value);
  if (removed.length > 0) {
    await retryConflicts(deadline, `tags of ${id} to be removed`, () => voice.send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: removed })));
  }
  if (changed.length > 0) {
    await retryConflicts(deadline, `tags of ${id} to be set`, () => voice.send(new TagResourceCommand({ ResourceARN: arn, Tags: changed })));
  }
}

/** Deletes the domain and with it every voice profile it holds; a domain already gone is success. */
async function remove(id: string, deadline: Deadline): Promise<void> {
  try {
    await retryConflicts(deadline, `voice profile domain ${id} to be deleted`, () => voice.send(new DeleteVoiceProfileDomainCommand({ VoiceProfileDomainId: id })));
    console.log(`Deleted voice profile domain ${id}`);
  } catch (error) {
    if (!isError(error, 'NotFoundException')) throw error;
    console.log(`Voice profile domain ${id} no longer exists: nothing to delete`);
  }
}

function answer(id: string, arn: string): HandlerResponse {
  const data: VoiceProfileDomainAttributes = { DomainId: id, DomainArn: arn };
  return { PhysicalResourceId: id, Data: { ...data } };
}
