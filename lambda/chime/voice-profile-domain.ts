/**
 * Custom::VoiceProfileDomain: Create/Update/DeleteVoiceProfileDomain (Chime
 * SDK voice). The physical ID is the domain's ID. Name, description and tags
 * change in place; a new key replaces the domain (the API cannot re-key it).
 */
import {
  CreateVoiceProfileDomainCommand,
  DeleteVoiceProfileDomainCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateVoiceProfileDomainCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { decodeVoiceProfileDomainProperties } from '../../src/chime/voice-profile-domain.contract';
import type { VoiceProfileDomainAttributes, VoiceProfileDomainProperties } from '../../src/chime/voice-profile-domain.contract';
import { chimeVoiceClient } from '../shared/clients/chime-voice';
import type { Deadline } from '../shared/deadline';
import { isError } from '../shared/errors';
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

export async function onVoiceProfileDomainEvent(event: CloudFormationCustomResourceEvent, deadline: Deadline): Promise<HandlerResponse> {
  const props = decodeVoiceProfileDomainProperties(event.ResourceProperties);
  switch (event.RequestType) {
    case 'Create':
      return create(props, requestToken(event), deadline);
    case 'Update': {
      const old = decodeVoiceProfileDomainProperties(event.OldResourceProperties);
      if (old.KmsKeyArn !== props.KmsKeyArn) return create(props, requestToken(event), deadline);
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

async function create(props: VoiceProfileDomainProperties, token: string, deadline: Deadline): Promise<HandlerResponse> {
  const out = await retryConflicts(deadline, `voice profile domain ${props.Name} to be created`, () => voice.send(new CreateVoiceProfileDomainCommand({
    Name: props.Name,
    Description: props.Description,
    ServerSideEncryptionConfiguration: { KmsKeyArn: props.KmsKeyArn },
    // The voice model has no idempotencyToken trait: the SDK would send none.
    ClientRequestToken: token,
    Tags: props.Tags.length > 0 ? props.Tags : undefined,
  })));
  const domain = out.VoiceProfileDomain;
  if (!domain?.VoiceProfileDomainId || !domain.VoiceProfileDomainArn) throw new Error(`CreateVoiceProfileDomain ${props.Name} answered without a domain ID`);
  console.log(`Created voice profile domain ${domain.VoiceProfileDomainId}`);
  return answer(domain.VoiceProfileDomainId, domain.VoiceProfileDomainArn);
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
  const wanted = new Map(props.Tags.map((t) => [t.Key, t.Value]));
  const removed = old.Tags.map((t) => t.Key).filter((key) => !wanted.has(key));
  const changed = props.Tags.filter((t) => old.Tags.find((o) => o.Key === t.Key)?.Value !== t.Value);
  if (removed.length > 0) {
    await retryConflicts(deadline, `tags of ${id} to be removed`, () => voice.send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: removed })));
  }
  if (changed.length > 0) {
    await retryConflicts(deadline, `tags of ${id} to be set`, () => voice.send(new TagResourceCommand({ ResourceARN: arn, Tags: changed })));
  }
  console.log(`Updated voice profile domain ${id} in place`);
  return answer(id, arn);
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
