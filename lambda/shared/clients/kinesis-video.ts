import { KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import { isError } from '../errors';
import { clientConfig, configureClient } from '../sdk';

/** Kinesis Video Streams answers throttling with ClientLimitExceededException (HTTP 400), which the SDK does not see as throttling. */
export const KINESIS_VIDEO_THROTTLING_ERRORS = ['ClientLimitExceededException'];

/** The Kinesis Video Streams client of the KVS handlers. */
export function kinesisVideoClient(): KinesisVideoClient {
  return configureClient(new KinesisVideoClient(clientConfig()), { throttlingErrors: KINESIS_VIDEO_THROTTLING_ERRORS });
}

/** A stream that is not ACTIVE yet (just created) answers ResourceInUseException: worth retrying until it is. */
export function isStreamNotActive(error: unknown): boolean {
  return isError(error, 'ResourceInUseException');
}
