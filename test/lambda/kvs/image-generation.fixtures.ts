/** What the image generation handler's tests (image-generation*.test.ts) share: the mock, the streams and the props. */
import { KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import { mockClient } from 'aws-sdk-client-mock';
import { KVS_IMAGE_GENERATION_RESOURCE_TYPE } from '../../../src/kvs/image-generation.contract';
import type { KvsImageGenerationProperties } from '../../../src/kvs/image-generation.contract';
import type { VirtualClock } from '../../helpers/clock';
import { useSdkMocks } from '../../helpers/sdk-mock';

export const kvs = mockClient(KinesisVideoClient);
export const TYPE = KVS_IMAGE_GENERATION_RESOURCE_TYPE;
export const STREAM_ARN = 'arn:aws:kinesisvideo:us-east-1:123456789012:stream/front-door/1700000000000';
export const OTHER_ARN = 'arn:aws:kinesisvideo:us-east-1:123456789012:stream/back-door/1700000000001';

export type ImageGenerationConfiguration = KvsImageGenerationProperties['ImageGenerationConfiguration'];
export const CONFIG: ImageGenerationConfiguration = {
  Status: 'ENABLED',
  ImageSelectorType: 'SERVER_TIMESTAMP',
  DestinationConfig: { Uri: 's3://images-bucket/front-door/', DestinationRegion: 'us-east-1' },
  SamplingInterval: 2000,
  Format: 'JPEG',
  FormatConfig: { JPEGQuality: '85' },
};
export const PROPS: KvsImageGenerationProperties = { StreamARN: STREAM_ARN, ImageGenerationConfiguration: CONFIG };

/** Virtual time, reset before each test by useImageGenerationMock. */
export let clock: VirtualClock;
/** Registers the per-test reset of the mock and the clock (useSdkMocks) in the calling test file. */
export function useImageGenerationMock(): void {
  ({ clock } = useSdkMocks(kvs));
}
