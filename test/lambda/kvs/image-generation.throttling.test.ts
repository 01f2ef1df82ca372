/**
 * KvsImageGeneration's confirmation under the account's API quota: a
 * DescribeImageGenerationConfiguration answered ClientLimitExceededException
 * (KVS's throttling, HTTP 400; after the SDK's own retries, which the mock
 * replaces) is not a failure; the confirmation backs off and goes on.
 */
import {
  ClientLimitExceededException,
  DescribeImageGenerationConfigurationCommand,
  KinesisVideoClient,
  UpdateImageGenerationConfigurationCommand,
} from '@aws-sdk/client-kinesis-video';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { onKvsImageGenerationEvent } from '../../../lambda/kvs/image-generation';
import { KVS_IMAGE_GENERATION_RESOURCE_TYPE } from '../../../src/kvs/image-generation.contract';
import type { KvsImageGenerationProperties } from '../../../src/kvs/image-generation.contract';
import { cfnEvent } from '../../helpers/cfn';
import { VirtualClock } from '../../helpers/clock';

const kvs = mockClient(KinesisVideoClient);
const CONFIG: KvsImageGenerationProperties['ImageGenerationConfiguration'] = {
  Status: 'ENABLED',
  ImageSelectorType: 'SERVER_TIMESTAMP',
  DestinationConfig: { Uri: 's3://images-bucket/front-door/', DestinationRegion: 'us-east-1' },
  SamplingInterval: 2000,
  Format: 'JPEG',
};
const PROPS: KvsImageGenerationProperties = { StreamARN: 'arn:aws:kinesisvideo:us-east-1:123456789012:stream/front-door/1700000000000', ImageGenerationConfiguration: CONFIG };
const throttled = () => new ClientLimitExceededException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });

let clock: VirtualClock;
beforeEach(() => {
  kvs.reset();
  clock = new VirtualClock();
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

test('throttled Describe calls are waited out: the configuration is confirmed', async () => {
  kvs.on(UpdateImageGenerationConfigurationCommand).resolves({});
  // The read before the write (the take-over check) finds nothing; the confirmation's first read is throttled.
  kvs.on(DescribeImageGenerationConfigurationCommand)
    .resolvesOnce({}).rejectsOnce(throttled()).resolves({ ImageGenerationConfiguration: CONFIG as any });
  const response = await onKvsImageGenerationEvent(cfnEvent('Create', KVS_IMAGE_GENERATION_RESOURCE_TYPE, { ...PROPS }), clock.deadline());

  expect(response.Data?.Status).toBe('ENABLED');
  expect(kvs).toHaveReceivedCommandTimes(DescribeImageGenerationConfigurationCommand, 3);
  expect(clock.sleeps).toEqual([3_000]);
});

test('throttled for the whole confirmation: FAILED saying DescribeImageGenerationConfiguration was throttled', async () => {
  kvs.on(UpdateImageGenerationConfigurationCommand).resolves({});
  kvs.on(DescribeImageGenerationConfigurationCommand).resolvesOnce({}).rejects(throttled());
  await expect(onKvsImageGenerationEvent(cfnEvent('Create', KVS_IMAGE_GENERATION_RESOURCE_TYPE, { ...PROPS }), clock.deadline())).rejects.toThrow(
    /^(WaitTimeoutError: )?Gave up waiting for stream front-door to report its image generation configuration after \d+ s \(its timeout ran out\); last seen: nothing; \d+ of \d+ DescribeImageGenerationConfiguration calls were throttled \(last: ClientLimitExceededException: Rate exceeded\)/,
  );
});
