/**
 * The fake's notification configuration, called by the real SDK v3 client:
 * state, removal, the model's constraints and the service's own checks.
 */
import {
  DescribeNotificationConfigurationCommand,
  KinesisVideoClient,
  UpdateNotificationConfigurationCommand,
} from '@aws-sdk/client-kinesis-video';
import { FAKE_REGION } from './fake-services';
import { client, failure, fake, useFakeServices } from './fake-services.fixtures';

useFakeServices();

const TOPIC = `arn:aws:sns:${FAKE_REGION}:123456789012:motion`;
const CONFIG = { Status: 'ENABLED' as const, DestinationConfig: { Uri: TOPIC } };

describe('Kinesis Video Streams notifications', () => {
  const kvs = () => client(KinesisVideoClient);

  test('Update, Describe, and Update without a configuration removes it', async () => {
    const stream = fake.kvs.addStream({ name: 'cam' });
    expect((await kvs().send(new DescribeNotificationConfigurationCommand({ StreamARN: stream.arn }))).NotificationConfiguration).toBeUndefined();
    await kvs().send(new UpdateNotificationConfigurationCommand({ StreamName: 'cam', NotificationConfiguration: CONFIG }));
    expect((await kvs().send(new DescribeNotificationConfigurationCommand({ StreamARN: stream.arn }))).NotificationConfiguration).toEqual(CONFIG);
    expect(fake.kvs.stream('cam').config).toBeUndefined();
    await kvs().send(new UpdateNotificationConfigurationCommand({ StreamName: 'cam' }));
    expect(fake.kvs.stream('cam').notification).toBeUndefined();
    expect(fake.callsOf().map((c) => [c.operation, c.status])).toEqual([
      ['DescribeNotificationConfiguration', 200],
      ['UpdateNotificationConfiguration', 200],
      ['DescribeNotificationConfiguration', 200],
      ['UpdateNotificationConfiguration', 200],
    ]);
  });

  test('the model: Status required and an enum, Uri at most 255 characters', async () => {
    fake.kvs.addStream({ name: 'cam' });
    const error = await failure(kvs().send(new UpdateNotificationConfigurationCommand({
      StreamName: 'cam',
      NotificationConfiguration: { Status: 'ON' as any, DestinationConfig: { Uri: `arn:aws:sns:${FAKE_REGION}:123456789012:${'t'.repeat(250)}` } },
    })));
    expect(error.name).toBe('InvalidArgumentException');
    expect(error.message).toMatch(/input.NotificationConfiguration.Status: "ON" is not one of ENABLED, DISABLED/);
    expect(error.message).toMatch(/input.NotificationConfiguration.DestinationConfig.Uri: .*255/);
  });

  test('the service: a FIFO topic, a topic in another Region, no retention, a stream still CREATING, a missing stream', async () => {
    fake.kvs.addStream({ name: 'cam', creatingCalls: 1 });
    fake.kvs.addStream({ name: 'no-retention', retentionHours: 0 });
    const update = (StreamName: string, Uri = TOPIC) =>
      failure(client(KinesisVideoClient, 1).send(new UpdateNotificationConfigurationCommand({ StreamName, NotificationConfiguration: { Status: 'ENABLED', DestinationConfig: { Uri } } })));
    expect((await update('cam')).name).toBe('ResourceInUseException');
    expect((await update('cam', `${TOPIC}.fifo`)).message).toMatch(/must be a standard SNS topic/);
    expect((await update('cam', 'arn:aws:sns:eu-west-1:123456789012:motion')).message).toMatch(/in the stream's Region, us-east-1/);
    expect((await update('no-retention')).name).toBe('NoDataRetentionException');
    expect((await update('missing')).name).toBe('ResourceNotFoundException');
    expect(fake.kvs.stream('cam').notification).toBeUndefined();
  });
});
