import {
  DescribeMediaStorageConfigurationCommand,
  DescribeSignalingChannelCommand,
  DescribeStreamCommand,
  UpdateMediaStorageConfigurationCommand,
} from '@aws-sdk/client-kinesis-video';
import type { MediaStorageConfiguration } from '@aws-sdk/client-kinesis-video';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { channelNameOfArn, decodeKvsMediaStorageProperties } from '../../src/kvs/media-storage.contract';
import type { KvsMediaStorageAttributes, KvsMediaStorageProperties } from '../../src/kvs/media-storage.contract';
import { streamNameOf, streamNameOfArn } from '../../src/kvs/stream.contract';
import { kinesisVideoClient } from '../shared/clients/kinesis-video';
import { UNDO_RESERVE_MS } from '../shared/deadline';
import type { Deadline } from '../shared/deadline';
import { describeError, isError } from '../shared/errors';
import { pollUntil } from '../shared/polling';
import { retryUntilDeadline } from '../shared/retry';
import type { HandlerResponse } from '../shared/types';

const kvs = kinesisVideoClient();

/**
 * ResourceInUseException: the stream or channel is not ACTIVE yet (just
 * created), or is already mapped to another resource. Retried for a while
 * only, since the second does not go away by waiting.
 */
const IN_USE = (error: unknown) => isError(error, 'ResourceInUseException');
const IN_USE_RETRY_MS = 30_000;

/** How long Describe is given to show what Update applied before the resource fails. */
const CONFIRM_TIMEOUT_MS = 10_000;

/** What a channel without media storage reports, and what removing the configuration writes. */
const NONE: MediaStorageConfiguration = { Status: 'DISABLED' };

/** The channel or stream does not exist. */
class NotFoundError extends Error {}

/**
 * A signaling channel's media storage configuration (WebRTC ingestion into a
 * stream). The API has no owner marker, so "ours" means: on the channel this
 * resource holds (its physical ID), or identical to what it writes (a
 * repeated delivery).
 */
export async function onKvsMediaStorageEvent(event: CloudFormationCustomResourceEvent, deadline: Deadline): Promise<HandlerResponse> {
  const props = decodeKvsMediaStorageProperties(event.ResourceProperties);
  switch (event.RequestType) {
    case 'Create':
      return apply(props, deadline, false);
    case 'Update': {
      const old = decodeKvsMediaStorageProperties(event.OldResourceProperties);
      const physicalId = event.PhysicalResourceId;
      // Another stream on the same channel is written in place. Another
      // channel is another physical ID: CloudFormation deletes the old one in
      // its cleanup. A stream maps to one channel, so when the stream stays,
      // the old channel's mapping is released first (rollbacks alike).
      const moving = physicalIdOf(old) !== physicalIdOf(props) && physicalId === physicalIdOf(old) ? old : undefined;
      return apply(props, deadline, physicalId === physicalIdOf(props), moving);
    }
    case 'Delete':
      await remove(props, deadline);
      return {};
  }
}

/** The physical ID: the channel's name, so that naming one channel by ARN or by name is the same resource. */
export function physicalIdOf(props: KvsMediaStorageProperties): string {
  return props.ChannelName ?? (props.ChannelARN && channelNameOfArn(props.ChannelARN)) ?? props.ChannelARN!;
}

function streamLabel(props: KvsMediaStorageProperties): string {
  return streamNameOf(props);
}

/** Whether `found` is what `props` writes (a disabled configuration may come back without its stream). */
function sameConfiguration(found: MediaStorageConfiguration | undefined, wanted: MediaStorageConfiguration): boolean {
  if (!found || found.Status !== wanted.Status) return false;
  return found.StreamARN === wanted.StreamARN || (wanted.Status === 'DISABLED' && !found.StreamARN);
}

function isNone(c: MediaStorageConfiguration | undefined): boolean {
  return !c || (c.Status !== 'ENABLED' && !c.StreamARN);
}

function summary(c: MediaStorageConfiguration | undefined): string {
  return isNone(c) ? 'no media storage' : `Status ${c!.Status}, stream ${c!.StreamARN}`;
}

async function apply(
  props: KvsMediaStorageProperties, deadline: Deadline, onOwnChannel: boolean, moving?: KvsMediaStorageProperties,
): Promise<HandlerResponse> {
  const channel = physicalIdOf(props);
  const channelArn = await channelArnOf(props);
  const wanted: MediaStorageConfiguration = { Status: props.Status, StreamARN: await streamArnOf(props) };
  const before = await read(channelArn, channel);
  if (!isNone(before) && !sameConfiguration(before, wanted) && !onOwnChannel && !props.OverwriteExisting) {
    throw new Error(
      `Signaling channel ${channel} already has a media storage configuration (${summary(before)}) that this resource did not write; ` +
      'it was left unchanged. Remove it, or set overwriteExisting to replace it (deleting this resource then removes it)',
    );
  }
  const released = moving && await release(moving, wanted.StreamARN!, deadline);
  try {
    await write(channelArn, channel, wanted, deadline.within(IN_USE_RETRY_MS, UNDO_RESERVE_MS));
  } catch (error) {
    throw new Error(`${describeError(error)}${await undo(released)}`);
  }
  let applied: MediaStorageConfiguration;
  try {
    applied = await confirm(channelArn, channel, wanted, deadline);
  } catch (error) {
    // Leave the channel as it was: the resource fails, and nothing will ever delete what it wrote.
    const undone = await undo({ channelArn, channel, config: isNone(before) ? NONE : before! }, released);
    throw new Error(`${describeError(error)}${undone}`);
  }
  const data: KvsMediaStorageAttributes = {
    ChannelName: channel, ChannelArn: channelArn, StreamArn: applied.StreamARN ?? wanted.StreamARN!, Status: applied.Status ?? '',
  };
  return { PhysicalResourceId: channel, Data: { ...data } };
}

interface Restore { readonly channelArn: string; readonly channel: string; readonly config: MediaStorageConfiguration }

/**
 * Frees `streamArn` from the channel a replacement leaves (`old`), when that
 * channel still stores into it: the new channel could not map the stream
 * otherwise. Returns how to put it back.
 */
async function release(old: KvsMediaStorageProperties, streamArn: string, deadline: Deadline): Promise<Restore | undefined> {
  const channel = physicalIdOf(old);
  let channelArn: string;
  let current: MediaStorageConfiguration | undefined;
  try {
    channelArn = await channelArnOf(old);
    current = await read(channelArn, channel);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
  if (current?.Status !== 'ENABLED' || current.StreamARN !== streamArn) return undefined;
  console.log(`Releasing stream ${streamArn} from signaling channel ${channel}, which this resource configured before`);
  await write(channelArn, channel, NONE, deadline.within(IN_USE_RETRY_MS, UNDO_RESERVE_MS));
  return { channelArn, channel, config: current };
}

/** Puts back each configuration given, in order; says what happened, never throws. */
async function undo(...restores: (Restore | undefined)[]): Promise<string> {
  const done: string[] = [];
  for (const r of restores.filter((x): x is Restore => x !== undefined)) {
    try {
      await kvs.send(new UpdateMediaStorageConfigurationCommand({ ChannelARN: r.channelArn, MediaStorageConfiguration: r.config }));
      done.push(`signaling channel ${r.channel} was put back to ${summary(r.config)}`);
    } catch (error) {
      done.push(`putting signaling channel ${r.channel} back to ${summary(r.config)} failed (${describeError(error)})`);
    }
  }
  return done.length ? `; ${done.join('; ')}` : '';
}

async function channelArnOf(props: KvsMediaStorageProperties): Promise<string> {
  if (props.ChannelARN) return props.ChannelARN;
  try {
    const info = (await kvs.send(new DescribeSignalingChannelCommand({ ChannelName: props.ChannelName }))).ChannelInfo;
    if (!info?.ChannelARN) throw new Error(`DescribeSignalingChannel answered no ARN for signaling channel ${props.ChannelName}`);
    return info.ChannelARN;
  } catch (error) {
    if (!isError(error, 'ResourceNotFoundException')) throw error;
    throw new NotFoundError(`Signaling channel ${props.ChannelName} was not found in this account and Region: ${describeError(error)}`);
  }
}

async function streamArnOf(props: KvsMediaStorageProperties): Promise<string> {
  if (props.StreamARN) return props.StreamARN;
  try {
    const info = (await kvs.send(new DescribeStreamCommand({ StreamName: props.StreamName }))).StreamInfo;
    if (!info?.StreamARN) throw new Error(`DescribeStream answered no ARN for stream ${props.StreamName}`);
    return info.StreamARN;
  } catch (error) {
    if (!isError(error, 'ResourceNotFoundException')) throw error;
    throw new NotFoundError(`Stream ${props.StreamName} was not found in this account and Region: ${describeError(error)}`);
  }
}

async function read(channelArn: string, channel: string): Promise<MediaStorageConfiguration | undefined> {
  try {
    return (await kvs.send(new DescribeMediaStorageConfigurationCommand({ ChannelARN: channelArn }))).MediaStorageConfiguration;
  } catch (error) {
    if (!isError(error, 'ResourceNotFoundException')) throw error;
    throw new NotFoundError(`Signaling channel ${channel} was not found in this account and Region: ${describeError(error)}`);
  }
}

async function write(channelArn: string, channel: string, config: MediaStorageConfiguration, deadline: Deadline): Promise<void> {
  let last: unknown;
  try {
    await retryUntilDeadline(
      () => kvs.send(new UpdateMediaStorageConfigurationCommand({ ChannelARN: channelArn, MediaStorageConfiguration: config })),
      deadline,
      { what: `signaling channel ${channel} and its stream to become ACTIVE`, retryable: (e) => IN_USE(last = e) },
    );
  } catch (caught) {
    // Retrying ResourceInUseException ends with the deadline's error: report the service's. By
    // name: the deadline comes from lambda/index.ts's bundle, whose DeadlineError class is not this bundle's.
    const error = (caught as Error | undefined)?.name === 'DeadlineError' && IN_USE(last) ? last : caught;
    if (isError(error, 'NoDataRetentionException')) {
      throw new Error(
        `Stream ${config.StreamARN} has no data retention, and media storage needs it: ` +
        'give the stream a data retention above 0 hours (DataRetentionInHours) and deploy again',
      );
    }
    if (IN_USE(error)) {
      throw new Error(
        `UpdateMediaStorageConfiguration on signaling channel ${channel} kept answering ResourceInUseException (${describeError(error)}): ` +
        'the stream is already mapped to another channel (DescribeMappedResourceConfiguration names it), or the channel or stream is not ACTIVE',
      );
    }
    if (isError(error, 'ResourceNotFoundException')) {
      throw new NotFoundError(`Signaling channel ${channel} or its stream was not found: ${describeError(error)}`);
    }
    throw error;
  }
}

/** Reads the configuration back until it shows what was applied (Describe may lag behind Update). */
async function confirm(
  channelArn: string, channel: string, wanted: MediaStorageConfiguration, deadline: Deadline,
): Promise<MediaStorageConfiguration> {
  const shown = await pollUntil(deadline, {
    waitingFor: `signaling channel ${channel} to report its media storage configuration`,
    readName: 'DescribeMediaStorageConfiguration',
    read: () => read(channelArn, channel),
    done: (seen) => sameConfiguration(seen, wanted),
    timeoutMs: CONFIRM_TIMEOUT_MS,
    reserveMs: UNDO_RESERVE_MS,
    onTimeout: ({ last }) => new Error(
      `Signaling channel ${channel} accepted the media storage configuration but DescribeMediaStorageConfiguration ` +
      `reports ${summary(last)} instead of ${summary(wanted)}`,
    ),
  });
  return shown!;
}

/** Removes the configuration if it is still the one this resource wrote; a gone channel or stream is success. */
async function remove(props: KvsMediaStorageProperties, deadline: Deadline): Promise<void> {
  const channel = physicalIdOf(props);
  try {
    const channelArn = await channelArnOf(props);
    const current = await read(channelArn, channel);
    // Compared by the stream's name when only the name is known: the stream may be gone.
    const ours = props.StreamARN
      ? current?.StreamARN === props.StreamARN
      : current?.StreamARN && streamNameOfArn(current.StreamARN) === props.StreamName;
    if (isNone(current)) {
      console.log(`Signaling channel ${channel} has no media storage configuration: nothing to remove`);
    } else if (!ours) {
      console.log(`Signaling channel ${channel} stores into ${current!.StreamARN}, not stream ${streamLabel(props)}: left in place`);
    } else {
      await write(channelArn, channel, NONE, deadline.within(IN_USE_RETRY_MS));
    }
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    console.log(`${error.message}: nothing to remove`);
  }
}
