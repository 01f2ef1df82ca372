import {
  GetCompositionCommand,
  GetStageCommand,
  StartCompositionCommand,
  StopCompositionCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-ivs-realtime';
import type { Composition } from '@aws-sdk/client-ivs-realtime';
import type { CloudFormationCustomResourceEvent, CloudFormationCustomResourceUpdateEvent } from 'aws-lambda';
import { describeDestinations, failedDestination, startHint, StartNotFoundError } from './composition-state';
import { withoutReplacement } from '../../src/core/wire';
import { decodeIvsCompositionProperties, IVS_COMPOSITION_STOP_WAIT_SECONDS, IVS_COMPOSITION_UPDATES } from '../../src/ivs/composition.contract';
import type { IvsCompositionAttributes, IvsCompositionProperties } from '../../src/ivs/composition.contract';
import { ivsRealTimeClient } from '../shared/clients/ivs-realtime';
import { UNDO_RESERVE_MS } from '../shared/deadline';
import type { Deadline } from '../shared/deadline';
import { describeError, isError } from '../shared/errors';
import { ENDED, RUNNING, canonical, changesOnly, endedFrom, endedPhysicalId, isEnded } from '../shared/lifecycle';
import { pollUntil, WaitTimeoutError } from '../shared/polling';
import { requestToken } from '../shared/request-token';
import { retryUntilDeadline } from '../shared/retry';
import type { HandlerResponse } from '../shared/types';

const ivs = ivsRealTimeClient();

/** The physical ID of a composition resource is the composition's ARN. */
const COMPOSITION_ARN = /^arn:[^:]+:ivs:[^:]+:[^:]+:composition\/[a-zA-Z0-9-]+$/;

/** Why a composition that is not running may have ended; shown with failures. */
const EPHEMERAL_HINT =
  'A composition ends by itself a minute after it starts on a stage without participants, ' +
  'or when broadcasting to a destination fails for good';

/**
 * Properties the service never sees as a change: StartTimeoutSeconds is the
 * handler's own, and tags are changed in place (TagResource, UntagResource).
 */
const HANDLER_ONLY = withoutReplacement(IVS_COMPOSITION_UPDATES);

/**
 * The tag a composition started on another stage than the one it replaces
 * carries: that stage's ARN. A rollback to a stage deleted meanwhile then
 * tells "the stage this resource ran on is gone" (ended) from "a stage that
 * never existed" (a mistake).
 */
export const REPLACED_STAGE_TAG = 'cdk-live-media:replaced-stage';

/** How long a Start answered with ConflictException is retried: a channel can still look live just after the old composition stopped. */
const START_CONFLICT_RETRY_MS = 60_000;


export async function onIvsCompositionEvent(event: CloudFormationCustomResourceEvent, deadline: Deadline): Promise<HandlerResponse> {
  switch (event.RequestType) {
    case 'Create':
      return start(decodeIvsCompositionProperties(event.ResourceProperties), requestToken(event), deadline);
    case 'Update':
      return update(event, deadline);
    case 'Delete': {
      // Properties are not needed (nor decoded) to delete: the physical ID says it all.
      if (isEnded(event.PhysicalResourceId)) return {};
      const stillRunning = await stop(event.PhysicalResourceId, deadline);
      if (stillRunning) {
        console.log(`Composition ${event.PhysicalResourceId} accepted StopComposition and is still ${stillRunning}; the service finishes stopping it`);
      }
      return {};
    }
  }
}

async function update(event: CloudFormationCustomResourceUpdateEvent, deadline: Deadline): Promise<HandlerResponse> {
  const props = decodeIvsCompositionProperties(event.ResourceProperties);
  const old = decodeIvsCompositionProperties(event.OldResourceProperties);
  const physicalId = event.PhysicalResourceId;
  // What the composition is made on and broadcasts to: unchanged, a NotFound means it ended.
  const sameTargets = canonical([props.stageArn, props.destinations]) === canonical([old.stageArn, old.destinations]);
  if (isEnded(physicalId) && sameTargets) {
    // The stage this resource ran on was deleted: nothing can start again (a rollback lands here too).
    return { PhysicalResourceId: physicalId, Data: { ...endedAttributes(physicalId, props) } };
  }
  if (!isEnded(physicalId) && changesOnly(event.OldResourceProperties, event.ResourceProperties, HANDLER_ONLY)) {
    return { PhysicalResourceId: physicalId, Data: { ...await changeInPlace(physicalId, props, old.tags) } };
  }
  if (!isEnded(physicalId)) {
    // A composition cannot be changed: any other change (a rollback too)
    // replaces it. The old one is stopped first, because a channel must be
    // offline before another composition can broadcast to it; the Delete that
    // CloudFormation later sends for the old ARN then finds it gone.
    if (props.stageArn !== old.stageArn && !await requireStage(props.stageArn, physicalId)) {
      // The rollback of a move to another stage, its original stage deleted meanwhile: ended. The
      // answer is another physical ID, so that CloudFormation's cleanup stops the current composition.
      console.log(`Stage ${props.stageArn}, which composition ${physicalId} replaced, no longer exists: the resource is marked ended`);
      return { PhysicalResourceId: endedPhysicalId(physicalId), Data: { ...endedAttributes(physicalId, props) } };
    }
    const stillRunning = await stop(physicalId, deadline);
    if (stillRunning) {
      throw new Error(
        `Composition ${physicalId} is still ${stillRunning} ${IVS_COMPOSITION_STOP_WAIT_SECONDS} s after StopComposition; ` +
        'its replacement was not started, so that the two never share a channel',
      );
    }
  }
  // A move to another stage records the stage it leaves, for the rollback (see REPLACED_STAGE_TAG).
  const moved = props.stageArn !== old.stageArn ? { ...props, tags: { ...props.tags, [REPLACED_STAGE_TAG]: old.stageArn } } : props;
  try {
    return await start(moved, requestToken(event), deadline, !isEnded(physicalId));
  } catch (error) {
    // The stage (or a destination) this resource ran on is gone: it ended. One
    // the user changed to that does not exist is a mistake, and fails.
    if (!(error instanceof StartNotFoundError) || !sameTargets) throw error;
    console.log(`${describeError(error)}: the resource is marked ended`);
    return { PhysicalResourceId: endedPhysicalId(physicalId), Data: { ...endedAttributes(physicalId, props) } };
  }
}

/**
 * Fails before anything is stopped when the stage a replacement moves to
 * does not exist: a mistyped stage must not end a live broadcast. Answers
 * false when that stage is the one the running composition replaced (its
 * REPLACED_STAGE_TAG): a rollback to a stage deleted meanwhile, which ended.
 * A role that may not read the stage (the policy of a template from before
 * this check, which a rollback restores first) leaves the start to tell.
 */
async function requireStage(stageArn: string, running: string): Promise<boolean> {
  try {
    await ivs.send(new GetStageCommand({ arn: stageArn }));
    return true;
  } catch (error) {
    if (isError(error, 'AccessDeniedException')) {
      console.log(`GetStage ${stageArn}: ${describeError(error)}; going on without the check`);
      return true;
    }
    if (!isError(error, 'ResourceNotFoundException')) throw error;
    const current = COMPOSITION_ARN.test(running) ? await getComposition(running) : undefined;
    if (current?.tags?.[REPLACED_STAGE_TAG] === stageArn) return false;
    throw new Error(`Stage ${stageArn} does not exist in this account and Region (${describeError(error)}); ` +
      `composition ${running} was left running and nothing was started`);
  }
}

/** Tags changed in place; the attributes of the composition as it is now. */
async function changeInPlace(arn: string, props: IvsCompositionProperties, oldTags: Record<string, string> = {}): Promise<IvsCompositionAttributes> {
  const newTags = props.tags ?? {};
  const removed = Object.keys(oldTags).filter((key) => !(key in newTags));
  const changed = Object.fromEntries(Object.entries(newTags).filter(([key, value]) => oldTags[key] !== value));
  try {
    if (removed.length > 0) await ivs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: removed }));
    if (Object.keys(changed).length > 0) await ivs.send(new TagResourceCommand({ resourceArn: arn, tags: changed }));
  } catch (error) {
    if (!isError(error, 'ResourceNotFoundException')) throw error;
  }
  const current = COMPOSITION_ARN.test(arn) ? await getComposition(arn) : undefined;
  // A composition that ended on its own keeps its physical ID: the next change that replaces it starts a new one.
  return current ? attributesOf(current) : endedAttributes(arn, props);
}

/** The attributes of a resource whose composition ended: the destination IDs are no more. */
function endedAttributes(physicalId: string, props: IvsCompositionProperties): IvsCompositionAttributes {
  let data: IvsCompositionAttributes = { CompositionArn: endedFrom(physicalId), State: ENDED };
  if (props.destinations.some((d) => d.channel)) data = { ...data, ChannelDestinationId: '' };
  if (props.destinations.some((d) => d.s3)) data = { ...data, S3DestinationId: '', S3RecordingPrefix: '' };
  return data;
}

/** Starts a composition and waits until it and its destinations are ACTIVE; a replacement retries a conflicting start. */
async function start(props: IvsCompositionProperties, idempotencyToken: string, deadline: Deadline, replacing = false): Promise<HandlerResponse> {
  const { StartTimeoutSeconds, ...input } = props;
  let started: Composition | undefined;
  deadline.beforeStart(UNDO_RESERVE_MS, `a composition on stage ${props.stageArn}`);
  try {
    started = (await retryUntilDeadline(
      () => ivs.send(new StartCompositionCommand({ ...input, idempotencyToken })),
      deadline.within(START_CONFLICT_RETRY_MS, UNDO_RESERVE_MS),
      { what: `the channel to be offline for a new composition on stage ${props.stageArn}`, retryable: (error) => replacing && isError(error, 'ConflictException') },
    )).composition;
  } catch (error) {
    const message = `StartComposition on stage ${props.stageArn} failed: ${describeError(error)}${startHint(error)}`;
    throw isError(error, 'ResourceNotFoundException') ? new StartNotFoundError(message) : new Error(message);
  }
  if (!started?.arn) throw new Error(`StartComposition on stage ${props.stageArn} answered without a composition`);
  const arn = started.arn;
  const release = deadline.track(`composition ${arn}`, () => ivs.send(new StopCompositionCommand({ arn })));

  let active: Composition;
  try {
    active = await waitUntilActive(started, StartTimeoutSeconds * 1_000, deadline);
  } catch (error) {
    // A failed Create is answered with a marker physical ID, and the Delete
    // CloudFormation sends for it never reaches this handler: stop the
    // composition now so that nothing is left running.
    const stopped = await stopBestEffort(arn);
    release();
    throw new Error(`${describeError(error)}. ${stopped}`);
  }
  return { PhysicalResourceId: active.arn!, Data: { ...attributesOf(active) } };
}

/** Polls GetComposition until the composition is ACTIVE; bounded by the start timeout and the handler's deadline. */
async function waitUntilActive(first: Composition, timeoutMs: number, deadline: Deadline): Promise<Composition> {
  const arn = first.arn!;
  let previous = first;
  return pollUntil(deadline, {
    waitingFor: `composition ${arn} to be ACTIVE`,
    readName: 'GetComposition',
    first: { state: first },
    read: async () => {
      const current = await getComposition(arn);
      if (!current) throw new Error(`Composition ${arn} ended while it was ${previous.state}. ${EPHEMERAL_HINT}`);
      previous = current;
      return current;
    },
    // Up means ACTIVE with every destination ACTIVE: a broadcast that never reaches its channel is not up.
    done: (composition) => composition.state === 'ACTIVE' && (composition.destinations ?? []).every((d) => d.state === 'ACTIVE'),
    failure: (composition) => composition.state === 'FAILED' || composition.state === 'STOPPING' || composition.state === 'STOPPED'
      ? new Error(`Composition ${arn} is ${composition.state} instead of ACTIVE (${describeDestinations(composition)}). ${EPHEMERAL_HINT}`)
      : failedDestination(composition),
    timeoutMs,
    reserveMs: UNDO_RESERVE_MS,
    onTimeout: ({ last, bound }) => new Error(
      `Composition ${arn} did not become ACTIVE within ${bound === 'timeout' ? `its start timeout of ${timeoutMs / 1_000} s` : 'the time the handler has left'}: ` +
      `it is still ${last.state} (${describeDestinations(last)})`,
    ),
  });
}

/**
 * Stops a composition and waits (at most IVS_COMPOSITION_STOP_WAIT_SECONDS)
 * until it is gone or STOPPED/FAILED. Returns its state if it is still
 * running then, undefined once it is confirmed stopped or gone.
 */
async function stop(arn: string, deadline: Deadline): Promise<string | undefined> {
  if (!COMPOSITION_ARN.test(arn)) {
    console.log(`Physical ID ${arn} is not a composition ARN: there is no composition to stop`);
    return undefined;
  }
  try {
    await ivs.send(new StopCompositionCommand({ arn }));
  } catch (error) {
    if (isError(error, 'ResourceNotFoundException')) {
      console.log(`Composition ${arn} no longer exists: nothing to stop`);
      return undefined;
    }
    // A composition that is already stopping may answer a conflict: what it
    // does next decides, below.
    if (!isError(error, 'ConflictException')) throw error;
    console.log(`StopComposition ${arn}: ${describeError(error)}; waiting for it to stop`);
  }
  try {
    await pollUntil(deadline, {
      waitingFor: `composition ${arn} to stop`,
      readName: 'GetComposition',
      read: async () => (await getComposition(arn))?.state,
      done: (state) => state === undefined || state === 'STOPPED' || state === 'FAILED',
      timeoutMs: IVS_COMPOSITION_STOP_WAIT_SECONDS * 1_000,
    });
    return undefined;
  } catch (error) {
    // last is undefined only when every GetComposition was throttled: its state is unconfirmed.
    if (error instanceof WaitTimeoutError) return String(error.timeout.last ?? 'unconfirmed (every GetComposition was throttled)');
    throw error;
  }
}

/** Stops a composition after a failed start, never throwing; says what happened. */
async function stopBestEffort(arn: string): Promise<string> {
  try {
    await ivs.send(new StopCompositionCommand({ arn }));
    return 'The composition was stopped';
  } catch (error) {
    if (isError(error, 'ResourceNotFoundException')) return 'The composition no longer exists';
    return `Stopping the composition failed too (${describeError(error)}): stop it with StopComposition`;
  }
}

/** The composition, or undefined once it no longer exists. */
async function getComposition(arn: string): Promise<Composition | undefined> {
  try {
    return (await ivs.send(new GetCompositionCommand({ arn }))).composition;
  } catch (error) {
    if (isError(error, 'ResourceNotFoundException')) return undefined;
    throw error;
  }
}

function attributesOf(composition: Composition): IvsCompositionAttributes {
  let data: IvsCompositionAttributes = { CompositionArn: composition.arn!, State: RUNNING };
  for (const d of composition.destinations ?? []) {
    if (d.configuration?.channel) data = { ...data, ChannelDestinationId: d.id ?? '' };
    if (d.configuration?.s3) data = { ...data, S3DestinationId: d.id ?? '', S3RecordingPrefix: d.detail?.s3?.recordingPrefix ?? '' };
  }
  return data;
}
