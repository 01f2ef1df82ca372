import {
  DescribeImageGenerationConfigurationCommand,
  UpdateImageGenerationConfigurationCommand,
} from '@aws-sdk/client-kinesis-video';
import type { ImageGenerationConfiguration } from '@aws-sdk/client-kinesis-video';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { handlerOnly } from '../../src/core/wire';
import { decodeKvsImageGenerationProperties, KVS_IMAGE_GENERATION_UPDATES } from '../../src/kvs/image-generation.contract';
import type { KvsImageGenerationAttributes, KvsImageGenerationProperties } from '../../src/kvs/image-generation.contract';
import { streamNameOf, streamOf } from '../../src/kvs/stream.contract';
import { CallTimeoutError, sendBefore } from '../shared/bounded-call';
import { isStreamNotActive, kinesisVideoClient } from '../shared/clients/kinesis-video';
import { UNDO_RESERVE_MS } from '../shared/deadline';
import type { Deadline } from '../shared/deadline';
import { describeError, isError } from '../shared/errors';
import { ENDED, RUNNING, canonical, changesOnly, endedFrom, endedPhysicalId, isEnded } from '../shared/lifecycle';
import { pollUntil } from '../shared/polling';
import { retryUntilDeadline } from '../shared/retry';
import type { HandlerResponse } from '../shared/types';

const kvs = kinesisVideoClient();

/** How long Describe is given to show what Update applied before the resource fails. */
const CONFIRM_TIMEOUT_MS = 10_000;

/** Read by the handler alone: changing it writes nothing. */
const HANDLER_ONLY = handlerOnly(KVS_IMAGE_GENERATION_UPDATES);

export async function onKvsImageGenerationEvent(event: CloudFormationCustomResourceEvent, deadline: Deadline): Promise<HandlerResponse> {
  const props = decodeKvsImageGenerationProperties(event.ResourceProperties);
  switch (event.RequestType) {
    case 'Create':
      return apply(props, deadline, { owned: () => false });
    case 'Update': {
      const old = decodeKvsImageGenerationProperties(event.OldResourceProperties);
      const physicalId = event.PhysicalResourceId;
      const sameStream = physicalIdOf(old) === physicalIdOf(props);
      if (isEnded(physicalId) && endedFrom(physicalId) === physicalIdOf(props)) {
        // The stream was deleted, and this configuration with it (a rollback lands here too).
        return { PhysicalResourceId: physicalId, Data: attributesOf(props, props.ImageGenerationConfiguration, ENDED) };
      }
      if (sameStream && !isEnded(physicalId) && changesOnly(event.OldResourceProperties, event.ResourceProperties, HANDLER_ONLY)) {
        return { PhysicalResourceId: physicalId, Data: attributesOf(props, props.ImageGenerationConfiguration, RUNNING) };
      }
      // A different stream yields a different physical ID: CloudFormation then
      // deletes the old resource, which removes the old stream's configuration.
      // What this logical resource wrote is its own: on its physical ID's
      // stream (a rollback of a replacement points back at it), or what the
      // old properties wrote on the same stream.
      const owned = (found: ImageGenerationConfiguration) =>
        physicalId === physicalIdOf(props) || (sameStream && sameConfiguration(found, old.ImageGenerationConfiguration));
      try {
        return await apply(props, deadline, { owned });
      } catch (error) {
        // The stream this resource configured was deleted: it ended. A stream the user moved to that does not exist is a mistake.
        if (!(error instanceof StreamNotFoundError) || !sameStream) throw error;
        console.log(`${error.message}: the resource is marked ended`);
        return { PhysicalResourceId: endedPhysicalId(physicalId), Data: attributesOf(props, props.ImageGenerationConfiguration, ENDED) };
      }
    }
    case 'Delete':
      if (!isEnded(event.PhysicalResourceId)) await remove(props, deadline);
      return {};
  }
}

/** The physical ID: the stream's name, so that naming one stream by ARN or by name is the same resource. */
export function physicalIdOf(props: KvsImageGenerationProperties): string {
  return streamNameOf(props);
}

/** The stream does not exist (its message is the Reason as it is). */
class StreamNotFoundError extends Error {}

async function apply(
  props: KvsImageGenerationProperties,
  deadline: Deadline,
  ownership: { owned: (found: ImageGenerationConfiguration) => boolean },
): Promise<HandlerResponse> {
  const wanted = props.ImageGenerationConfiguration;
  // Reading, writing and confirming leave time to undo the write before answering.
  const work = deadline.within(Infinity, UNDO_RESERVE_MS);
  const before = await retryUntilDeadline(() => read(props, work), work, {
    what: `stream ${physicalIdOf(props)} to become ACTIVE`, retryable: isStreamNotActive,
  });
  // One identical to what this resource writes is its own (a repeated delivery of the same request).
  if (before && !sameConfiguration(before, wanted) && !ownership.owned(before) && !props.OverwriteExisting) {
    throw new Error(
      `Stream ${physicalIdOf(props)} already has an image generation configuration that this resource did not write ` +
      `(${summary(before)}). Remove it from the stream, or set overwriteExisting to take it over ` +
      '(deleting the resource then removes the configuration)',
    );
  }
  let applied: ImageGenerationConfiguration;
  try {
    await write(props, wanted, work);
  } catch (error) {
    // A write given up on before it answered may have been applied: undo it too.
    if (!(error instanceof CallTimeoutError)) throw error;
    throw new Error(`${describeError(error)}. ${await undo(props, before, deadline)}`);
  }
  try {
    applied = await confirm(props, work);
  } catch (error) {
    // Leave the stream as it was: the resource fails, and nothing will ever delete what it wrote.
    throw new Error(`${describeError(error)}. ${await undo(props, before, deadline)}`);
  }
  return { PhysicalResourceId: physicalIdOf(props), Data: attributesOf(props, applied, RUNNING) };
}

function attributesOf(props: KvsImageGenerationProperties, applied: ImageGenerationConfiguration, state: string): Record<string, string> {
  const data: KvsImageGenerationAttributes = {
    StreamName: physicalIdOf(props),
    Status: applied.Status ?? '',
    DestinationUri: applied.DestinationConfig?.Uri ?? '',
    Format: applied.Format ?? '',
    SamplingInterval: String(applied.SamplingInterval ?? ''),
    State: state,
  };
  return { ...data };
}

/** The stream's configuration, undefined if it has none. */
async function read(props: KvsImageGenerationProperties, deadline: Deadline): Promise<ImageGenerationConfiguration | undefined> {
  const command = new DescribeImageGenerationConfigurationCommand(streamOf(props));
  try {
    const what = `DescribeImageGenerationConfiguration on stream ${physicalIdOf(props)}`;
    return (await sendBefore(deadline, { what, command }, (abortSignal) => kvs.send(command, { abortSignal })))
      ?.ImageGenerationConfiguration;
  } catch (error) {
    if (isError(error, 'ResourceNotFoundException')) {
      throw new StreamNotFoundError(`Stream ${physicalIdOf(props)} was not found in this account and Region: ${describeError(error)}`);
    }
    throw error;
  }
}

/** Writes a configuration (none removes it), retrying while the stream is not ACTIVE yet. */
async function write(
  props: KvsImageGenerationProperties,
  configuration: ImageGenerationConfiguration | undefined,
  deadline: Deadline,
) {
  const what = `UpdateImageGenerationConfiguration on stream ${physicalIdOf(props)}`;
  try {
    await retryUntilDeadline(
      () => {
        const input = { ...streamOf(props), ...(configuration && { ImageGenerationConfiguration: configuration }) };
        const command = new UpdateImageGenerationConfigurationCommand(input);
        return sendBefore(deadline, { what, command }, (abortSignal) => kvs.send(command, { abortSignal }));
      },
      deadline,
      { what: `stream ${physicalIdOf(props)} to become ACTIVE`, retryable: isStreamNotActive },
    );
  } catch (error) {
    if (isError(error, 'NoDataRetentionException')) {
      throw new Error(
        `Stream ${physicalIdOf(props)} has no data retention, and image generation needs it: ` +
        'give the stream a data retention above 0 hours (DataRetentionInHours) and deploy again',
      );
    }
    if (isError(error, 'ResourceNotFoundException')) {
      throw new StreamNotFoundError(`Stream ${physicalIdOf(props)} was not found in this account and Region: ${describeError(error)}`);
    }
    throw error;
  }
}

/** Reads the configuration back until it shows what was applied (Describe may lag behind Update). */
async function confirm(props: KvsImageGenerationProperties, deadline: Deadline): Promise<ImageGenerationConfiguration> {
  const wanted = props.ImageGenerationConfiguration;
  const shown = await pollUntil(deadline, {
    waitingFor: `stream ${physicalIdOf(props)} to report its image generation configuration`,
    readName: 'DescribeImageGenerationConfiguration',
    read: () => read(props, deadline),
    done: (seen) => seen?.Status === wanted.Status && seen.Format === wanted.Format && seen.SamplingInterval === wanted.SamplingInterval,
    timeoutMs: CONFIRM_TIMEOUT_MS,
    onTimeout: ({ last: seen }) => new Error(
      `Stream ${physicalIdOf(props)} accepted the image generation configuration but DescribeImageGenerationConfiguration ` +
      `reports ${seen ? `Status ${seen.Status}, Format ${seen.Format}, SamplingInterval ${seen.SamplingInterval}` : 'no configuration'} ` +
      `instead of Status ${wanted.Status}, Format ${wanted.Format}, SamplingInterval ${wanted.SamplingInterval}`,
    ),
  });
  return shown!;
}

/** Puts back what the stream had before the write (or removes the write); says what happened, never throws. */
async function undo(props: KvsImageGenerationProperties, before: ImageGenerationConfiguration | undefined, deadline: Deadline): Promise<string> {
  try {
    await write(props, before, deadline);
    return before ? 'The configuration the stream had before was restored' : 'The configuration written was removed from the stream';
  } catch (error) {
    return `Undoing the write failed too (${describeError(error)}): check the stream's image generation configuration`;
  }
}

async function remove(props: KvsImageGenerationProperties, deadline: Deadline): Promise<void> {
  try {
    // No ImageGenerationConfiguration removes it from the stream.
    await write(props, undefined, deadline);
  } catch (error) {
    // The stream is gone, and its configuration with it.
    if (!(error instanceof StreamNotFoundError)) throw error;
    console.log(`Stream ${physicalIdOf(props)} no longer exists: nothing to remove`);
  }
}

/** Whether a configuration the stream has is the one given (Describe's answer against the properties). */
function sameConfiguration(found: ImageGenerationConfiguration, wanted: ImageGenerationConfiguration): boolean {
  const key = (c: ImageGenerationConfiguration) => canonical({
    Status: c.Status,
    ImageSelectorType: c.ImageSelectorType,
    Uri: c.DestinationConfig?.Uri,
    DestinationRegion: c.DestinationConfig?.DestinationRegion,
    SamplingInterval: Number(c.SamplingInterval),
    Format: c.Format,
    JPEGQuality: c.FormatConfig?.JPEGQuality,
    WidthPixels: c.WidthPixels,
    HeightPixels: c.HeightPixels,
  });
  return key(found) === key(wanted);
}

function summary(c: ImageGenerationConfiguration): string {
  return `Status ${c.Status}, Format ${c.Format}, SamplingInterval ${c.SamplingInterval}, destination ${c.DestinationConfig?.Uri}`;
}
