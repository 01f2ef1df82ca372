import {
  GetCompositionCommand,
  IVSRealTimeClient,
  StartCompositionCommand,
  StopCompositionCommand,
} from '@aws-sdk/client-ivs-realtime';
import type { Composition } from '@aws-sdk/client-ivs-realtime';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { decodeIvsCompositionProperties, IVS_COMPOSITION_STOP_WAIT_SECONDS } from '../../src/ivs/contract';
import type { IvsCompositionAttributes, IvsCompositionProperties } from '../../src/ivs/contract';
import type { Deadline } from '../shared/deadline';
import { describeError, isError } from '../shared/errors';
import { pollUntil, WaitTimeoutError } from '../shared/polling';
import { requestToken } from '../shared/request-token';
import { clientConfig } from '../shared/sdk';
import type { HandlerResponse } from '../shared/types';

const ivs = new IVSRealTimeClient(clientConfig());

/** The physical ID of a composition resource is the composition's ARN. */
const COMPOSITION_ARN = /^arn:[^:]+:ivs:[^:]+:[^:]+:composition\/[a-zA-Z0-9-]+$/;

/** Why a composition that is not running may have ended; shown with failures. */
const EPHEMERAL_HINT =
  'A composition ends by itself a minute after it starts on a stage without participants, ' +
  'or when broadcasting to a destination fails for good';

export async function onIvsCompositionEvent(event: CloudFormationCustomResourceEvent, deadline: Deadline): Promise<HandlerResponse> {
  switch (event.RequestType) {
    case 'Create':
      return start(decodeIvsCompositionProperties(event.ResourceProperties), requestToken(event), deadline);
    case 'Update': {
      // A composition cannot be changed: every update (a rollback too) replaces
      // it. The old one is stopped first, because a channel must be offline
      // before another composition can broadcast to it; the Delete that
      // CloudFormation later sends for the old ARN then finds it gone.
      const props = decodeIvsCompositionProperties(event.ResourceProperties);
      const stillRunning = await stop(event.PhysicalResourceId, deadline);
      if (stillRunning) {
        throw new Error(
          `Composition ${event.PhysicalResourceId} is still ${stillRunning} ${IVS_COMPOSITION_STOP_WAIT_SECONDS} s after StopComposition; ` +
          'its replacement was not started, so that the two never share a channel',
        );
      }
      return start(props, requestToken(event), deadline);
    }
    case 'Delete': {
      // Properties are not needed (nor decoded) to delete: the physical ID says it all.
      const stillRunning = await stop(event.PhysicalResourceId, deadline);
      if (stillRunning) {
        console.log(`Composition ${event.PhysicalResourceId} accepted StopComposition and is still ${stillRunning}; the service finishes stopping it`);
      }
      return {};
    }
  }
}

async function start(props: IvsCompositionProperties, idempotencyToken: string, deadline: Deadline): Promise<HandlerResponse> {
  const { StartTimeoutSeconds, ...input } = props;
  let started: Composition | undefined;
  try {
    started = (await ivs.send(new StartCompositionCommand({ ...input, idempotencyToken }))).composition;
  } catch (error) {
    throw new Error(`StartComposition on stage ${props.stageArn} failed: ${describeError(error)}${startHint(error)}`);
  }
  if (!started?.arn) throw new Error(`StartComposition on stage ${props.stageArn} answered without a composition`);

  let active: Composition;
  try {
    active = await waitUntilActive(started, StartTimeoutSeconds * 1_000, deadline);
  } catch (error) {
    // A failed Create is answered with a marker physical ID, and the Delete
    // CloudFormation sends for it never reaches this handler: stop the
    // composition now so that nothing is left running.
    const stopped = await stopBestEffort(started.arn);
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
    done: (composition) => composition.state === 'ACTIVE',
    failure: (composition) => composition.state === 'FAILED' || composition.state === 'STOPPING' || composition.state === 'STOPPED'
      ? new Error(`Composition ${arn} is ${composition.state} instead of ACTIVE (${describeDestinations(composition)}). ${EPHEMERAL_HINT}`)
      : undefined,
    timeoutMs,
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
  let data: IvsCompositionAttributes = { CompositionArn: composition.arn! };
  for (const d of composition.destinations ?? []) {
    if (d.configuration?.channel) data = { ...data, ChannelDestinationId: d.id ?? '' };
    if (d.configuration?.s3) data = { ...data, S3DestinationId: d.id ?? '', S3RecordingPrefix: d.detail?.s3?.recordingPrefix ?? '' };
  }
  return data;
}

/** Each destination's kind, name, ID, state and details, for failure reasons. */
function describeDestinations(composition: Composition): string {
  const described = (composition.destinations ?? []).map((d) => {
    const kind = d.configuration?.channel ? `channel ${d.configuration.channel.channelArn}` : d.configuration?.s3 ? 'S3' : 'destination';
    const details = [
      d.configuration?.name && `name ${d.configuration.name}`,
      d.detail?.s3?.recordingPrefix && `recording prefix ${d.detail.s3.recordingPrefix}`,
      d.endTime && `ended ${new Date(d.endTime).toISOString()}`,
    ].filter(Boolean);
    return `${kind} destination ${d.id}: ${d.state}${details.length ? ` (${details.join(', ')})` : ''}`;
  });
  return described.length > 0 ? described.join('; ') : 'no destinations reported';
}

function startHint(error: unknown): string {
  if (isError(error, 'ServiceQuotaExceededException')) return ' (the account runs as many compositions as its quota allows)';
  if (isError(error, 'ConflictException')) return ' (a channel destination must be offline: no other composition or stream may be broadcasting to it)';
  return '';
}
