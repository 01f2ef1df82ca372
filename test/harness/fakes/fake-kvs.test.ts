/**
 * The fake itself, called by the real SDK v3 clients: it must answer what the
 * SDK expects from the real services (routes, status codes, error shapes),
 * keep state, and reject what the models reject.
 */
import {
  DescribeImageGenerationConfigurationCommand,
  KinesisVideoClient,
  UpdateImageGenerationConfigurationCommand,
} from '@aws-sdk/client-kinesis-video';
import { FAKE_REGION } from './fake-services';
import { client, failure, fake, useFakeServices } from './fake-services.fixtures';

useFakeServices();

const CONFIG = {
  Status: 'ENABLED' as const,
  ImageSelectorType: 'SERVER_TIMESTAMP' as const,
  DestinationConfig: { Uri: 's3://images/front-door/', DestinationRegion: FAKE_REGION },
  SamplingInterval: 2000,
  Format: 'JPEG' as const,
  FormatConfig: { JPEGQuality: '85' },
  WidthPixels: 1280,
};

describe('Kinesis Video Streams', () => {
  const kvs = () => client(KinesisVideoClient);

  test('Update then Describe, by name and by ARN; the log holds the exact input', async () => {
    const stream = fake.kvs.addStream({ name: 'front-door' });
    await kvs().send(new UpdateImageGenerationConfigurationCommand({ StreamName: 'front-door', ImageGenerationConfiguration: CONFIG }));
    const described = await kvs().send(new DescribeImageGenerationConfigurationCommand({ StreamARN: stream.arn }));
    expect(described.ImageGenerationConfiguration).toEqual(CONFIG);
    expect(fake.kvs.stream('front-door').config).toEqual(CONFIG);
    expect(fake.callsOf()).toMatchObject([
      { service: 'kinesisvideo', operation: 'UpdateImageGenerationConfiguration', input: { StreamName: 'front-door', ImageGenerationConfiguration: CONFIG }, status: 200, attempt: 1 },
      { operation: 'DescribeImageGenerationConfiguration', input: { StreamARN: stream.arn }, status: 200 },
    ]);
  });

  test('Update without a configuration removes it', async () => {
    fake.kvs.addStream({ name: 'cam' });
    await kvs().send(new UpdateImageGenerationConfigurationCommand({ StreamName: 'cam', ImageGenerationConfiguration: CONFIG }));
    await kvs().send(new UpdateImageGenerationConfigurationCommand({ StreamName: 'cam' }));
    expect((await kvs().send(new DescribeImageGenerationConfigurationCommand({ StreamName: 'cam' }))).ImageGenerationConfiguration).toBeUndefined();
    expect(fake.inputsOf('UpdateImageGenerationConfiguration')[1]).toEqual({ StreamName: 'cam' });
  });

  test('a request the model rejects is an InvalidArgumentException naming every violation', async () => {
    fake.kvs.addStream({ name: 'cam' });
    const error = await failure(kvs().send(new UpdateImageGenerationConfigurationCommand({
      StreamName: 'bad name!',
      ImageGenerationConfiguration: { ...CONFIG, WidthPixels: 5000, Format: 'GIF' as any, Status: undefined as any },
    })));
    expect(error.name).toBe('InvalidArgumentException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toMatch(/input.StreamName: "bad name!" does not match/);
    expect(error.message).toMatch(/input.ImageGenerationConfiguration.Status: required/);
    expect(error.message).toMatch(/input.ImageGenerationConfiguration.Format: "GIF" is not one of JPEG, PNG/);
    expect(error.message).toMatch(/input.ImageGenerationConfiguration.WidthPixels: 5000 is above the maximum 3840/);
    expect(fake.callsOf()[0].violations).toHaveLength(4);
    expect(fake.kvs.stream('cam').config).toBeUndefined();
  });

  test('stream states: not found, CREATING for N calls, no data retention, another Region', async () => {
    fake.kvs.addStream({ name: 'new', creatingCalls: 2 });
    fake.kvs.addStream({ name: 'no-retention', retentionHours: 0 });
    const update = (StreamName: string, config: any = CONFIG) =>
      failure(client(KinesisVideoClient, 1)
        .send(new UpdateImageGenerationConfigurationCommand({ StreamName, ImageGenerationConfiguration: config })));
    expect((await update('missing')).name).toBe('ResourceNotFoundException');
    expect((await update('new')).name).toBe('ResourceInUseException');
    expect((await update('new')).name).toBe('ResourceInUseException');
    await kvs().send(new UpdateImageGenerationConfigurationCommand({ StreamName: 'new', ImageGenerationConfiguration: CONFIG }));
    expect((await update('no-retention')).message).toMatch(/no data retention/);
    expect((await update('new', { ...CONFIG, DestinationConfig: { Uri: 's3://b/p', DestinationRegion: 'eu-west-1' } })).message)
      .toMatch(/DestinationRegion eu-west-1 must be the stream's Region, us-east-1/);
    expect((await update('new', { ...CONFIG, SamplingInterval: 100 })).name).toBe('InvalidArgumentException');
  });

  test('throttling is ClientLimitExceededException (400), which the SDK alone does not retry', async () => {
    fake.kvs.addStream({ name: 'cam' });
    fake.injectFault('UpdateImageGenerationConfiguration', 'throttling');
    const error = await failure(kvs().send(new UpdateImageGenerationConfigurationCommand({ StreamName: 'cam', ImageGenerationConfiguration: CONFIG })));
    expect(error.name).toBe('ClientLimitExceededException');
    expect(error.$metadata).toMatchObject({ httpStatusCode: 400, attempts: 1 });
    expect(fake.callsOf()).toHaveLength(1);
  });

  test('a 5xx is retried by the SDK: the same invocation, attempt 2', async () => {
    fake.kvs.addStream({ name: 'cam' });
    fake.injectFault('DescribeImageGenerationConfiguration', 'server-error');
    await kvs().send(new DescribeImageGenerationConfigurationCommand({ StreamName: 'cam' }));
    const [first, second] = fake.callsOf();
    expect(first).toMatchObject({ status: 500, injected: true, error: { name: 'InternalFailure' }, attempt: 1 });
    expect(second).toMatchObject({ status: 200, attempt: 2, invocationId: first.invocationId });
  });

  test('access denied is AccessDeniedException (401) naming the action and resource', async () => {
    const stream = fake.kvs.addStream({ name: 'cam' });
    fake.injectFault('UpdateImageGenerationConfiguration', 'access-denied');
    const error = await failure(kvs()
      .send(new UpdateImageGenerationConfigurationCommand({ StreamARN: stream.arn, ImageGenerationConfiguration: CONFIG })));
    expect(error.name).toBe('AccessDeniedException');
    expect(error.$metadata.httpStatusCode).toBe(401);
    expect(error.message).toContain(`is not authorized to perform: kinesisvideo:UpdateImageGenerationConfiguration on resource: ${stream.arn}`);
  });

  test('a malformed response fails the SDK call; faults are used up in order', async () => {
    fake.kvs.addStream({ name: 'cam' });
    fake.injectFault('DescribeImageGenerationConfiguration', 'malformed-response');
    fake.injectFault('DescribeImageGenerationConfiguration', { errorName: 'ResourceNotFoundException' });
    await expect(client(KinesisVideoClient, 1).send(new DescribeImageGenerationConfigurationCommand({ StreamName: 'cam' }))).rejects.toThrow();
    expect((await failure(kvs().send(new DescribeImageGenerationConfigurationCommand({ StreamName: 'cam' })))).name).toBe('ResourceNotFoundException');
    await kvs().send(new DescribeImageGenerationConfigurationCommand({ StreamName: 'cam' }));
    expect(fake.callsOf().map((c) => c.status)).toEqual([200, 404, 200]);
  });
});
