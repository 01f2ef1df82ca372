/**
 * What KvsImageGeneration's scenarios (kvs-image-generation*.harness.test.ts)
 * share: the harness with its three streams, and the `initial` variant as the
 * API must receive it and as CloudFormation must get it back.
 */
import type { LifecycleHarness } from '../runtime/lambda-runner';
import { KVS_STREAMS, useHarness } from '../runtime/parts';

export const UPDATE = 'UpdateImageGenerationConfiguration';
export const DESCRIBE = 'DescribeImageGenerationConfiguration';
export const FRONT = KVS_STREAMS.frontDoor;
export const BACK = KVS_STREAMS.backDoor;

/** What the `initial` variant must send, written out: the template, stringified by CloudFormation, must come back to exactly this. */
export const INITIAL_CONFIG = {
  Status: 'ENABLED',
  ImageSelectorType: 'SERVER_TIMESTAMP',
  DestinationConfig: { Uri: 's3://harness-images-bucket/front-door/', DestinationRegion: 'us-east-1' },
  SamplingInterval: 2000,
  Format: 'JPEG',
  FormatConfig: { JPEGQuality: '85' },
  WidthPixels: 1280,
};
/** The Update input of the `initial` variant. */
export const INITIAL_INPUT = { StreamARN: FRONT.arn, ImageGenerationConfiguration: INITIAL_CONFIG };
export const INITIAL_DATA = {
  StreamName: 'front-door',
  Status: 'ENABLED',
  DestinationUri: 's3://harness-images-bucket/front-door/',
  Format: 'JPEG',
  SamplingInterval: '2000',
  State: 'RUNNING',
};

/** The harness of the calling test file, with the front, back and side door streams before each test. */
export function useImageGenerationHarness(): LifecycleHarness {
  return useHarness((harness) => {
    harness.fake.kvs.addStream(FRONT);
    harness.fake.kvs.addStream(BACK);
    harness.fake.kvs.addStream(KVS_STREAMS.sideDoor);
  });
}
