/**
 * The fake's signaling channels and media storage configuration, called by
 * the real SDK v3 client: state, lookups by name, the model's constraints and
 * the service's own checks.
 */
import {
  DescribeMediaStorageConfigurationCommand,
  DescribeSignalingChannelCommand,
  DescribeStreamCommand,
  KinesisVideoClient,
  UpdateMediaStorageConfigurationCommand,
} from '@aws-sdk/client-kinesis-video';
import { client, failure, fake, useFakeServices } from './fake-services.fixtures';

useFakeServices();

describe('Kinesis Video Streams media storage', () => {
  const kvs = () => client(KinesisVideoClient);

  test('a channel never configured reports DISABLED; Update, Describe; the ARNs of a channel and a stream by name', async () => {
    const channel = fake.kvs.channels.addChannel({ name: 'doorbell' });
    const stream = fake.kvs.addStream({ name: 'cam' });
    const describe = async () =>
      (await kvs().send(new DescribeMediaStorageConfigurationCommand({ ChannelARN: channel.arn }))).MediaStorageConfiguration;
    expect(await describe()).toEqual({ Status: 'DISABLED' });
    await kvs().send(new UpdateMediaStorageConfigurationCommand({ ChannelARN: channel.arn, MediaStorageConfiguration: { Status: 'ENABLED', StreamARN: stream.arn } }));
    expect(await describe()).toEqual({ Status: 'ENABLED', StreamARN: stream.arn });
    expect((await kvs().send(new DescribeSignalingChannelCommand({ ChannelName: 'doorbell' }))).ChannelInfo).toEqual(
      expect.objectContaining({ ChannelARN: channel.arn, ChannelType: 'SINGLE_MASTER' }),
    );
    expect((await kvs().send(new DescribeStreamCommand({ StreamName: 'cam' }))).StreamInfo?.StreamARN).toBe(stream.arn);
    expect(fake.problems).toEqual([]);
  });

  test('the model: Status an enum, a channel ARN of the documented form', async () => {
    const error = await failure(kvs().send(new UpdateMediaStorageConfigurationCommand({
      ChannelARN: 'arn:aws:kinesisvideo:us-east-1:123456789012:channel/doorbell',
      MediaStorageConfiguration: { Status: 'ON' as any },
    })));
    expect(error.name).toBe('InvalidArgumentException');
    expect(error.message).toMatch(/input.MediaStorageConfiguration.Status: "ON" is not one of ENABLED, DISABLED/);
    expect(error.message).toMatch(/input.ChannelARN: .* does not match/);
  });

  test('the service: no retention, a stream another channel stores into, a missing stream or channel', async () => {
    const doorbell = fake.kvs.channels.addChannel({ name: 'doorbell' });
    const intercom = fake.kvs.channels.addChannel({ name: 'intercom' });
    const cam = fake.kvs.addStream({ name: 'cam' });
    const dry = fake.kvs.addStream({ name: 'dry', retentionHours: 0 });
    const update = (ChannelARN: string, StreamARN: string) => failure(client(KinesisVideoClient, 1).send(
      new UpdateMediaStorageConfigurationCommand({ ChannelARN, MediaStorageConfiguration: { Status: 'ENABLED', StreamARN } }),
    ));
    expect((await update(doorbell.arn, dry.arn)).name).toBe('NoDataRetentionException');
    await kvs().send(new UpdateMediaStorageConfigurationCommand({ ChannelARN: doorbell.arn, MediaStorageConfiguration: { Status: 'ENABLED', StreamARN: cam.arn } }));
    expect((await update(intercom.arn, cam.arn)).name).toBe('ResourceInUseException');
    expect((await update(intercom.arn, cam.arn.replace('cam', 'gone'))).name).toBe('ResourceNotFoundException');
    expect((await update(doorbell.arn.replace('doorbell', 'gone'), cam.arn)).name).toBe('ResourceNotFoundException');
    expect(intercom.media).toBeUndefined();
  });
});
