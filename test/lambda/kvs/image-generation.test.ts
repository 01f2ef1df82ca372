import {
  ClientLimitExceededException,
  DescribeImageGenerationConfigurationCommand,
  NoDataRetentionException,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateImageGenerationConfigurationCommand,
} from '@aws-sdk/client-kinesis-video';
import 'aws-sdk-client-mock-jest';
import { CONFIG as BASE_CONFIG, OTHER_ARN, STREAM_ARN, TYPE, clock, kvs, useImageGenerationMock } from './image-generation.fixtures';
import { onKvsImageGenerationEvent } from '../../../lambda/kvs/image-generation';
import type { KvsImageGenerationProperties } from '../../../src/kvs/image-generation.contract';
import { cfnEvent } from '../../helpers/cfn';

useImageGenerationMock();
/** The shared configuration with a width, which the Create must send as a number. */
const CONFIG = { ...BASE_CONFIG, WidthPixels: 1280 };
const PROPS: KvsImageGenerationProperties = { StreamARN: STREAM_ARN, ImageGenerationConfiguration: CONFIG };

function describes(config: Partial<typeof CONFIG> | undefined) {
  kvs.on(DescribeImageGenerationConfigurationCommand).resolves({ ImageGenerationConfiguration: config as any });
}

describe('Create', () => {
  test('applies the configuration with numbers restored from strings, then confirms it', async () => {
    describes(CONFIG);
    const response = await onKvsImageGenerationEvent(cfnEvent('Create', TYPE, { ...PROPS }), clock.deadline());

    expect(kvs).toHaveReceivedCommandTimes(UpdateImageGenerationConfigurationCommand, 1);
    expect(kvs).toHaveReceivedCommandWith(UpdateImageGenerationConfigurationCommand, {
      StreamARN: STREAM_ARN,
      ImageGenerationConfiguration: {
        Status: 'ENABLED',
        ImageSelectorType: 'SERVER_TIMESTAMP',
        DestinationConfig: { Uri: 's3://images-bucket/front-door/', DestinationRegion: 'us-east-1' },
        SamplingInterval: 2000,
        Format: 'JPEG',
        FormatConfig: { JPEGQuality: '85' },
        WidthPixels: 1280,
        HeightPixels: undefined,
      },
    });
    expect(kvs).toHaveReceivedCommandWith(DescribeImageGenerationConfigurationCommand, { StreamARN: STREAM_ARN });
    const sent = kvs.commandCalls(UpdateImageGenerationConfigurationCommand)[0].args[0].input;
    expect(sent.ImageGenerationConfiguration!.SamplingInterval).toStrictEqual(2000);
    expect(response).toEqual({
      PhysicalResourceId: 'front-door',
      Data: { StreamName: 'front-door', Status: 'ENABLED', DestinationUri: 's3://images-bucket/front-door/', Format: 'JPEG', SamplingInterval: '2000', State: 'RUNNING' },
    });
    expect(Buffer.byteLength(JSON.stringify(response.Data))).toBeLessThan(1024);
  });

  test('a stream known by name is sent by name and is its own physical ID', async () => {
    describes(CONFIG);
    const response = await onKvsImageGenerationEvent(
      cfnEvent('Create', TYPE, { StreamName: 'front-door', ImageGenerationConfiguration: CONFIG }),
      clock.deadline(),
    );
    expect(kvs).toHaveReceivedCommandWith(UpdateImageGenerationConfigurationCommand, { StreamName: 'front-door' });
    expect(kvs.commandCalls(UpdateImageGenerationConfigurationCommand)[0].args[0].input).not.toHaveProperty('StreamARN');
    expect(response.PhysicalResourceId).toBe('front-door');
  });

  test('retries ResourceInUseException (stream not ACTIVE yet) with growing backoff', async () => {
    kvs.on(UpdateImageGenerationConfigurationCommand)
      .rejectsOnce(new ResourceInUseException({ message: 'stream is CREATING', $metadata: {} }))
      .rejectsOnce(new ResourceInUseException({ message: 'stream is CREATING', $metadata: {} }))
      .resolves({});
    describes(CONFIG);
    await onKvsImageGenerationEvent(cfnEvent('Create', TYPE, { ...PROPS }), clock.deadline());
    expect(kvs).toHaveReceivedCommandTimes(UpdateImageGenerationConfigurationCommand, 3);
    expect(clock.sleeps).toHaveLength(2);
    expect(clock.sleeps[1]).toBeGreaterThan(clock.sleeps[0] / 2);
    expect(clock.sleeps[0]).toBeLessThanOrEqual(1000);
  });

  test('gives up on a stream that stays in use before the deadline, saying why', async () => {
    kvs.on(UpdateImageGenerationConfigurationCommand).rejects(new ResourceInUseException({ message: 'stream is CREATING', $metadata: {} }));
    await expect(onKvsImageGenerationEvent(cfnEvent('Create', TYPE, { ...PROPS }), clock.deadline(60_000)))
      .rejects.toThrow(/Gave up waiting for stream front-door to become ACTIVE.*ResourceInUseException: stream is CREATING/);
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(60_000);
  });

  test('NoDataRetentionException fails with the fix', async () => {
    kvs.on(UpdateImageGenerationConfigurationCommand).rejects(new NoDataRetentionException({ message: 'no retention', $metadata: {} }));
    await expect(onKvsImageGenerationEvent(cfnEvent('Create', TYPE, { ...PROPS }), clock.deadline()))
      .rejects.toThrow('Stream front-door has no data retention, and image generation needs it: give the stream a data retention above 0 hours');
  });

  test('other errors are not retried by the handler', async () => {
    kvs.on(UpdateImageGenerationConfigurationCommand).rejects(new ClientLimitExceededException({ message: 'slow down', $metadata: {} }));
    await expect(onKvsImageGenerationEvent(cfnEvent('Create', TYPE, { ...PROPS }), clock.deadline())).rejects.toThrow('slow down');
    // The SDK's retry strategy retries it (see shared/sdk.test.ts); the mock replaces send() and with it the SDK's retries.
    expect(kvs).toHaveReceivedCommandTimes(UpdateImageGenerationConfigurationCommand, 1);
  });

  test('waits for Describe to show the configuration, then fails clearly if it never does', async () => {
    kvs.on(DescribeImageGenerationConfigurationCommand)
      .resolvesOnce({})
      .resolves({ ImageGenerationConfiguration: { ...CONFIG, Status: 'DISABLED' } as any });
    await expect(onKvsImageGenerationEvent(cfnEvent('Create', TYPE, { ...PROPS }), clock.deadline()))
      .rejects.toThrow('reports Status DISABLED, Format JPEG, SamplingInterval 2000 instead of Status ENABLED, Format JPEG, SamplingInterval 2000');
    // One read before the write, then the shared polling schedule (0.5 s, 1 s, then 1.5 s) within the 10 s Describe is given: 8 reads.
    expect(kvs).toHaveReceivedCommandTimes(DescribeImageGenerationConfigurationCommand, 9);
    expect(clock.sleeps).toEqual([500, 1_000, 1_500, 1_500, 1_500, 1_500, 1_500]);
  });

  test('Describe lagging once is waited out', async () => {
    kvs.on(DescribeImageGenerationConfigurationCommand).resolvesOnce({}).resolvesOnce({}).resolves({ ImageGenerationConfiguration: CONFIG as any });
    const response = await onKvsImageGenerationEvent(cfnEvent('Create', TYPE, { ...PROPS }), clock.deadline());
    expect(response.Data?.Status).toBe('ENABLED');
    // The read before the write, one that lags, one that shows it.
    expect(kvs).toHaveReceivedCommandTimes(DescribeImageGenerationConfigurationCommand, 3);
  });

  test('the same Create delivered twice applies the same configuration twice, with the same answer', async () => {
    describes(CONFIG);
    const event = cfnEvent('Create', TYPE, { ...PROPS });
    const first = await onKvsImageGenerationEvent(event, clock.deadline());
    const second = await onKvsImageGenerationEvent(event, clock.deadline());
    expect(second).toEqual(first);
    const inputs = kvs.commandCalls(UpdateImageGenerationConfigurationCommand).map((c) => c.args[0].input);
    expect(inputs[1]).toEqual(inputs[0]);
  });
});

describe('Update', () => {
  test('in place on the same stream: same physical ID, new configuration', async () => {
    const updated = { ...CONFIG, SamplingInterval: 5000, Format: 'PNG' as const, FormatConfig: undefined };
    describes(updated);
    const response = await onKvsImageGenerationEvent(
      cfnEvent('Update', TYPE, { StreamARN: STREAM_ARN, ImageGenerationConfiguration: updated }, { PhysicalResourceId: 'front-door', OldResourceProperties: PROPS }),
      clock.deadline(),
    );
    expect(response.PhysicalResourceId).toBe('front-door');
    expect(kvs).toHaveReceivedCommandWith(UpdateImageGenerationConfigurationCommand, {
      StreamARN: STREAM_ARN,
      ImageGenerationConfiguration: expect.objectContaining({ SamplingInterval: 5000, Format: 'PNG', FormatConfig: undefined }),
    });
  });

  test('naming the same stream by name instead of ARN stays in place', async () => {
    describes(CONFIG);
    const response = await onKvsImageGenerationEvent(
      cfnEvent('Update', TYPE, { StreamName: 'front-door', ImageGenerationConfiguration: CONFIG }, { PhysicalResourceId: 'front-door', OldResourceProperties: PROPS }),
      clock.deadline(),
    );
    expect(response.PhysicalResourceId).toBe('front-door');
  });

  test('another stream is a replacement: new physical ID, only the new stream is touched', async () => {
    describes(CONFIG);
    const response = await onKvsImageGenerationEvent(
      cfnEvent('Update', TYPE, { StreamARN: OTHER_ARN, ImageGenerationConfiguration: CONFIG }, { PhysicalResourceId: 'front-door', OldResourceProperties: PROPS }),
      clock.deadline(),
    );
    expect(response.PhysicalResourceId).toBe('back-door');
    expect(kvs).toHaveReceivedCommandTimes(UpdateImageGenerationConfigurationCommand, 1);
    expect(kvs).toHaveReceivedCommandWith(UpdateImageGenerationConfigurationCommand, { StreamARN: OTHER_ARN });
  });

  test('then the Delete of the old physical ID removes the old stream configuration', async () => {
    kvs.on(UpdateImageGenerationConfigurationCommand).resolves({});
    await onKvsImageGenerationEvent(cfnEvent('Delete', TYPE, { ...PROPS }, { PhysicalResourceId: 'front-door' }), clock.deadline());
    expect(kvs).toHaveReceivedCommandTimes(UpdateImageGenerationConfigurationCommand, 1);
    expect(kvs.commandCalls(UpdateImageGenerationConfigurationCommand)[0].args[0].input).toStrictEqual({ StreamARN: STREAM_ARN });
  });

  test('rollback (old and new properties swapped) re-applies the old configuration in place', async () => {
    const newer = { ...CONFIG, SamplingInterval: 5000 };
    describes(CONFIG);
    const response = await onKvsImageGenerationEvent(
      cfnEvent('Update', TYPE, { ...PROPS }, { PhysicalResourceId: 'front-door', OldResourceProperties: { StreamARN: STREAM_ARN, ImageGenerationConfiguration: newer } }),
      clock.deadline(),
    );
    expect(response.PhysicalResourceId).toBe('front-door');
    expect(kvs).toHaveReceivedCommandWith(UpdateImageGenerationConfigurationCommand, {
      StreamARN: STREAM_ARN,
      ImageGenerationConfiguration: expect.objectContaining({ SamplingInterval: 2000 }),
    });
  });
});

describe('Delete', () => {
  test('removes the configuration (no ImageGenerationConfiguration) and returns no new ID', async () => {
    kvs.on(UpdateImageGenerationConfigurationCommand).resolves({});
    const response = await onKvsImageGenerationEvent(cfnEvent('Delete', TYPE, { ...PROPS }, { PhysicalResourceId: 'front-door' }), clock.deadline());
    expect(response).toEqual({});
    expect(kvs.commandCalls(UpdateImageGenerationConfigurationCommand)[0].args[0].input).toStrictEqual({ StreamARN: STREAM_ARN });
    expect(kvs).not.toHaveReceivedCommand(DescribeImageGenerationConfigurationCommand);
  });

  test('a stream that no longer exists is success', async () => {
    kvs.on(UpdateImageGenerationConfigurationCommand).rejects(new ResourceNotFoundException({ message: 'stream not found', $metadata: {} }));
    await expect(onKvsImageGenerationEvent(cfnEvent('Delete', TYPE, { ...PROPS }, { PhysicalResourceId: 'front-door' }), clock.deadline()))
      .resolves.toEqual({});
  });

  test('a stream still in use is retried', async () => {
    kvs.on(UpdateImageGenerationConfigurationCommand)
      .rejectsOnce(new ResourceInUseException({ message: 'UPDATING', $metadata: {} }))
      .resolves({});
    await onKvsImageGenerationEvent(cfnEvent('Delete', TYPE, { ...PROPS }, { PhysicalResourceId: 'front-door' }), clock.deadline());
    expect(kvs).toHaveReceivedCommandTimes(UpdateImageGenerationConfigurationCommand, 2);
  });

  test('other errors fail the Delete with the service message', async () => {
    kvs.on(UpdateImageGenerationConfigurationCommand).rejects(new Error('AccessDeniedException: not allowed'));
    await expect(onKvsImageGenerationEvent(cfnEvent('Delete', TYPE, { ...PROPS }, { PhysicalResourceId: 'front-door' }), clock.deadline()))
      .rejects.toThrow('not allowed');
  });
});

describe('string-typed properties', () => {
  test('every number arrives as a string and is sent as a number', async () => {
    describes({ ...CONFIG, HeightPixels: 720 });
    const event = cfnEvent('Create', TYPE, { StreamARN: STREAM_ARN, ImageGenerationConfiguration: { ...CONFIG, HeightPixels: 720 } });
    expect((event.ResourceProperties as any).ImageGenerationConfiguration.SamplingInterval).toBe('2000');
    await onKvsImageGenerationEvent(event, clock.deadline());
    const sent = kvs.commandCalls(UpdateImageGenerationConfigurationCommand)[0].args[0].input.ImageGenerationConfiguration!;
    expect([sent.SamplingInterval, sent.WidthPixels, sent.HeightPixels]).toStrictEqual([2000, 1280, 720]);
  });

  test('a property that is not a number fails with the property path', async () => {
    const event = cfnEvent('Create', TYPE, { StreamARN: STREAM_ARN, ImageGenerationConfiguration: { ...CONFIG, SamplingInterval: 'soon' as any } });
    await expect(onKvsImageGenerationEvent(event, clock.deadline()))
      .rejects.toThrow('Property ImageGenerationConfiguration.SamplingInterval must be an integer, got "soon"');
    expect(kvs).not.toHaveReceivedAnyCommand();
  });
});

describe('a missing stream on Create', () => {
  test('fails naming the stream', async () => {
    kvs.on(UpdateImageGenerationConfigurationCommand).rejects(new ResourceNotFoundException({ message: 'The requested stream is not found or not active.', $metadata: {} }));
    await expect(onKvsImageGenerationEvent(cfnEvent('Create', TYPE, { ...PROPS }), clock.deadline()))
      .rejects.toThrow('Stream front-door was not found in this account and Region: ResourceNotFoundException: The requested stream is not found or not active.');
  });
});
