/**
 * KvsImageGeneration's confirmation under the account's API quota: a
 * DescribeImageGenerationConfiguration answered ClientLimitExceededException
 * (KVS's throttling, HTTP 400; after the SDK's own retries, which the mock
 * replaces) is not a failure; the confirmation backs off and goes on.
 */
import {
  ClientLimitExceededException,
  DescribeImageGenerationConfigurationCommand,
  UpdateImageGenerationConfigurationCommand,
} from '@aws-sdk/client-kinesis-video';
import 'aws-sdk-client-mock-jest';
import { CONFIG, PROPS, TYPE, clock, kvs, useImageGenerationMock } from './image-generation.fixtures';
import { onKvsImageGenerationEvent } from '../../../lambda/kvs/image-generation';
import { cfnEvent } from '../../helpers/cfn';

useImageGenerationMock();
const throttled = () => new ClientLimitExceededException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });

test('throttled Describe calls are waited out: the configuration is confirmed', async () => {
  kvs.on(UpdateImageGenerationConfigurationCommand).resolves({});
  // The read before the write (the take-over check) finds nothing; the confirmation's first read is throttled.
  kvs.on(DescribeImageGenerationConfigurationCommand)
    .resolvesOnce({}).rejectsOnce(throttled()).resolves({ ImageGenerationConfiguration: CONFIG as any });
  const response = await onKvsImageGenerationEvent(cfnEvent('Create', TYPE, { ...PROPS }), clock.deadline());

  expect(response.Data?.Status).toBe('ENABLED');
  expect(kvs).toHaveReceivedCommandTimes(DescribeImageGenerationConfigurationCommand, 3);
  expect(clock.sleeps).toEqual([3_000]);
});

test('throttled for the whole confirmation: FAILED saying DescribeImageGenerationConfiguration was throttled', async () => {
  kvs.on(UpdateImageGenerationConfigurationCommand).resolves({});
  kvs.on(DescribeImageGenerationConfigurationCommand).resolvesOnce({}).rejects(throttled());
  await expect(onKvsImageGenerationEvent(cfnEvent('Create', TYPE, { ...PROPS }), clock.deadline())).rejects.toThrow(
    /^(WaitTimeoutError: )?Gave up waiting for stream front-door to report its image generation configuration after \d+ s \(its timeout ran out\); last seen: nothing; \d+ of \d+ DescribeImageGenerationConfiguration calls were throttled \(last: ClientLimitExceededException: Rate exceeded\)/,
  );
});
