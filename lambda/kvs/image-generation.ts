import {
  DescribeImageGenerationConfigurationCommand,
  KinesisVideoClient,
  UpdateImageGenerationConfigurationCommand,
} from '@aws-sdk/client-kinesis-video';
import type { ImageGenerationConfiguration } from '@aws-sdk/client-kinesis-video';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { decodeKvsImageGenerationProperties, streamNameOfArn } from '../../src/kvs/contract';
import type { KvsImageGenerationAttributes, KvsImageGenerationProperties } from '../../src/kvs/contract';
import type { Deadline } from '../shared/deadline';
import { describeError, isError } from '../shared/errors';
import { pollUntil } from '../shared/polling';
import { retryUntilDeadline } from '../shared/retry';
import { clientConfig, treatAsThrottling } from '../shared/sdk';
import type { HandlerResponse } from '../shared/types';

const kvs = new KinesisVideoClient(clientConfig());
// The SDK does not see KVS's throttling error as throttling.
treatAsThrottling(kvs, ['ClientLimitExceededException']);

/** A stream that is not ACTIVE yet (just created) answers ResourceInUseException. */
const IN_USE = (error: unknown) => isError(error, 'ResourceInUseException');

/** How long Describe is given to show what Update applied before the resource fails. */
const CONFIRM_TIMEOUT_MS = 10_000;

export async function onKvsImageGenerationEvent(event: CloudFormationCustomResourceEvent, deadline: Deadline): Promise<HandlerResponse> {
  const props = decodeKvsImageGenerationProperties(event.ResourceProperties);
  switch (event.RequestType) {
    case 'Create':
    case 'Update':
      // A different stream yields a different physical ID: CloudFormation then
      // deletes the old resource, which removes the old stream's configuration.
      return apply(props, deadline);
    case 'Delete':
      await remove(props, deadline);
      return {};
  }
}

/** The physical ID: the stream's name, so that naming one stream by ARN or by name is the same resource. */
export function physicalIdOf(props: KvsImageGenerationProperties): string {
  return props.StreamName ?? (props.StreamARN && streamNameOfArn(props.StreamARN)) ?? props.StreamARN!;
}

function streamOf(props: KvsImageGenerationProperties) {
  return props.StreamARN ? { StreamARN: props.StreamARN } : { StreamName: props.StreamName };
}

async function apply(props: KvsImageGenerationProperties, deadline: Deadline): Promise<HandlerResponse> {
  const stream = streamOf(props);
  try {
    await retryUntilDeadline(
      () => kvs.send(new UpdateImageGenerationConfigurationCommand({ ...stream, ImageGenerationConfiguration: props.ImageGenerationConfiguration })),
      deadline,
      { what: `stream ${physicalIdOf(props)} to become ACTIVE`, retryable: IN_USE },
    );
  } catch (error) {
    if (isError(error, 'NoDataRetentionException')) {
      throw new Error(
        `Stream ${physicalIdOf(props)} has no data retention, and image generation needs it: ` +
        'give the stream a data retention above 0 hours (DataRetentionInHours) and deploy again',
      );
    }
    if (isError(error, 'ResourceNotFoundException')) {
      throw new Error(`Stream ${physicalIdOf(props)} was not found in this account and Region: ${describeError(error)}`);
    }
    throw error;
  }
  const applied = await confirm(props, deadline);
  const data: KvsImageGenerationAttributes = {
    StreamName: physicalIdOf(props),
    Status: applied.Status ?? '',
    DestinationUri: applied.DestinationConfig?.Uri ?? '',
    Format: applied.Format ?? '',
    SamplingInterval: String(applied.SamplingInterval ?? ''),
  };
  return { PhysicalResourceId: physicalIdOf(props), Data: { ...data } };
}

/** Reads the configuration back until it shows what was applied (Describe may lag behind Update). */
async function confirm(props: KvsImageGenerationProperties, deadline: Deadline): Promise<ImageGenerationConfiguration> {
  const wanted = props.ImageGenerationConfiguration;
  const shown = await pollUntil(deadline, {
    waitingFor: `stream ${physicalIdOf(props)} to report its image generation configuration`,
    readName: 'DescribeImageGenerationConfiguration',
    read: async () => (await kvs.send(new DescribeImageGenerationConfigurationCommand(streamOf(props)))).ImageGenerationConfiguration,
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

async function remove(props: KvsImageGenerationProperties, deadline: Deadline): Promise<void> {
  try {
    // No ImageGenerationConfiguration removes it from the stream.
    await retryUntilDeadline(
      () => kvs.send(new UpdateImageGenerationConfigurationCommand(streamOf(props))),
      deadline,
      { what: `stream ${physicalIdOf(props)} to become ACTIVE`, retryable: IN_USE },
    );
  } catch (error) {
    // The stream is gone, and its configuration with it.
    if (!isError(error, 'ResourceNotFoundException')) throw error;
    console.log(`Stream ${physicalIdOf(props)} no longer exists: nothing to remove`);
  }
}
