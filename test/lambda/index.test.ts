import { DescribeImageGenerationConfigurationCommand, KinesisVideoClient, UpdateImageGenerationConfigurationCommand } from '@aws-sdk/client-kinesis-video';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handler } from '../../lambda';
import { DEADLINE_MARGIN_MS } from '../../lambda/shared/deadline';
import { KVS_IMAGE_GENERATION_RESOURCE_TYPE } from '../../src/kvs/image-generation.contract';
import { cfnEvent, lambdaContext } from '../helpers/cfn';
import { useSdkMocks } from '../helpers/sdk-mock';

const kvs = mockClient(KinesisVideoClient);
const PROPS = {
  StreamName: 'camera',
  ImageGenerationConfiguration: {
    Status: 'ENABLED',
    ImageSelectorType: 'SERVER_TIMESTAMP',
    Format: 'PNG',
    SamplingInterval: 1000,
    DestinationConfig: { Uri: 's3://bucket/prefix', DestinationRegion: 'us-east-1' },
  },
};

useSdkMocks(kvs);

describe('the dispatcher', () => {
  test('routes on ResourceType', async () => {
    kvs.on(UpdateImageGenerationConfigurationCommand).resolves({});
    await handler(cfnEvent('Delete', KVS_IMAGE_GENERATION_RESOURCE_TYPE, PROPS, { PhysicalResourceId: 'camera' }), lambdaContext());
    expect(kvs.commandCalls(UpdateImageGenerationConfigurationCommand)[0].args[0].input).toEqual({ StreamName: 'camera' });
  });

  test('an unknown resource type fails with a message naming it', async () => {
    await expect(handler(cfnEvent('Create', 'Custom::Unknown', {}), lambdaContext())).rejects.toThrow('cdk-live-media has no handler for resource type Custom::Unknown');
  });

  test('errors reach the entrypoint as their message alone (the Reason CloudFormation shows)', async () => {
    kvs.on(UpdateImageGenerationConfigurationCommand).rejects(Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' }));
    const error = await handler(cfnEvent('Create', KVS_IMAGE_GENERATION_RESOURCE_TYPE, PROPS), lambdaContext()).catch((e) => e);
    expect(error.message).toBe('AccessDeniedException: User is not authorized');
    expect(error.stack).toBe(error.message);
  });

  test('a huge error message is cut so the response stays under 4096 bytes', async () => {
    kvs.on(UpdateImageGenerationConfigurationCommand).rejects(new Error('x'.repeat(10_000)));
    const error = await handler(cfnEvent('Create', KVS_IMAGE_GENERATION_RESOURCE_TYPE, PROPS), lambdaContext()).catch((e) => e);
    expect(error.message.length).toBeLessThanOrEqual(1500);
  });

  test('a call that hangs is abandoned before the Lambda deadline with a clear reason', async () => {
    kvs.on(DescribeImageGenerationConfigurationCommand).callsFake(() => new Promise(() => undefined));
    kvs.on(UpdateImageGenerationConfigurationCommand).callsFake(() => new Promise(() => undefined));
    const started = Date.now();
    const error = await handler(
      cfnEvent('Create', KVS_IMAGE_GENERATION_RESOURCE_TYPE, PROPS),
      lambdaContext(DEADLINE_MARGIN_MS + 200),
    ).catch((e) => e);
    // The call itself gives up first (it keeps time back to undo a write), naming itself.
    expect(error.message).toMatch(/^DeadlineError: Gave up on DescribeImageGenerationConfiguration on stream camera: it had not answered/);
    expect(kvs).not.toHaveReceivedCommand(UpdateImageGenerationConfigurationCommand);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
