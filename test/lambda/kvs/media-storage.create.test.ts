import { NoDataRetentionException, UpdateMediaStorageConfigurationCommand } from '@aws-sdk/client-kinesis-video';
import {
  CHANNEL_ARN, DESCRIBE, DESCRIBE_CHANNEL, DESCRIBE_STREAM, FOREIGN, NONE, OTHER_CHANNEL_ARN, OTHER_STREAM_ARN, PROPS, STORED, STREAM_ARN,
  TYPE, UPDATE,
  kvs, sent, stateful, t, useMediaStorageMocks,
} from './media-storage.fixtures';
import { onKvsMediaStorageEvent } from '../../../lambda/kvs/media-storage';
import { cfnEvent } from '../../helpers/cfn';

useMediaStorageMocks();

const BY_CHANNEL = { ChannelARN: CHANNEL_ARN };
const create = (props: object) => onKvsMediaStorageEvent(cfnEvent('Create', TYPE, props), t.clock.deadline());

describe('Create', () => {
  test('reads what is there, applies the configuration, confirms it; the channel name is the physical ID', async () => {
    stateful();
    const response = await create(PROPS);

    expect(sent()).toEqual([
      [DESCRIBE, BY_CHANNEL],
      [UPDATE, { ...BY_CHANNEL, MediaStorageConfiguration: { Status: 'ENABLED', StreamARN: STREAM_ARN } }],
      [DESCRIBE, BY_CHANNEL],
    ]);
    expect(response).toEqual({
      PhysicalResourceId: 'doorbell',
      Data: { ChannelName: 'doorbell', ChannelArn: CHANNEL_ARN, StreamArn: STREAM_ARN, Status: 'ENABLED' },
    });
    expect(t.channels.get(CHANNEL_ARN)).toEqual(STORED);
  });

  test('a channel and a stream known by name: their ARNs are looked up first (the Update takes ARNs only)', async () => {
    stateful();
    const response = await create({ ChannelName: 'doorbell', StreamName: 'front-door', Status: 'ENABLED' });
    expect(sent()).toEqual([
      [DESCRIBE_CHANNEL, { ChannelName: 'doorbell' }],
      [DESCRIBE_STREAM, { StreamName: 'front-door' }],
      [DESCRIBE, BY_CHANNEL],
      [UPDATE, { ...BY_CHANNEL, MediaStorageConfiguration: STORED }],
      [DESCRIBE, BY_CHANNEL],
    ]);
    expect(response.PhysicalResourceId).toBe('doorbell');
  });

  test('disabled: the stream is written with Status DISABLED', async () => {
    stateful();
    const response = await create({ ...PROPS, Status: 'DISABLED' });
    expect(sent()[1]).toEqual([UPDATE, { ...BY_CHANNEL, MediaStorageConfiguration: { Status: 'DISABLED', StreamARN: STREAM_ARN } }]);
    expect(response.Data).toEqual(expect.objectContaining({ Status: 'DISABLED' }));
  });

  test('a configuration it did not write is refused and left unchanged', async () => {
    t.channels.set(CHANNEL_ARN, FOREIGN);
    stateful();
    await expect(create(PROPS)).rejects.toThrow(
      `Signaling channel doorbell already has a media storage configuration (Status ENABLED, stream ${OTHER_STREAM_ARN}) that this resource did not write; ` +
      'it was left unchanged. Remove it, or set overwriteExisting to replace it',
    );
    expect(sent()).toEqual([[DESCRIBE, BY_CHANNEL]]);
    expect(t.channels.get(CHANNEL_ARN)).toEqual(FOREIGN);
  });

  test('overwriteExisting (a string "true" on the wire) replaces a foreign configuration', async () => {
    t.channels.set(CHANNEL_ARN, FOREIGN);
    stateful();
    await create({ ...PROPS, OverwriteExisting: true });
    expect(sent().map(([command]) => command)).toEqual([DESCRIBE, UPDATE, DESCRIBE]);
    expect(t.channels.get(CHANNEL_ARN)).toEqual(STORED);
  });

  test('a channel without storage (Status DISABLED, no stream) is nobody\'s configuration', async () => {
    t.channels.set(CHANNEL_ARN, NONE);
    stateful();
    await create(PROPS);
    expect(t.channels.get(CHANNEL_ARN)).toEqual(STORED);
  });

  test('repeated delivery: an identical configuration is its own; written again and confirmed, the same answer', async () => {
    stateful();
    const first = await create(PROPS);
    kvs.resetHistory();
    const again = await create(PROPS);
    expect(again).toEqual(first);
    expect(sent().map(([command]) => command)).toEqual([DESCRIBE, UPDATE, DESCRIBE]);
    expect(t.channels.get(CHANNEL_ARN)).toEqual(STORED);
  });

  test('Describe lagging briefly: polled until it shows the write', async () => {
    stateful({ describeLagsBy: 2 });
    await create(PROPS);
    expect(sent().map(([command]) => command)).toEqual([DESCRIBE, UPDATE, DESCRIBE, DESCRIBE, DESCRIBE]);
  });

  test('failed create leaves nothing: Describe never confirming, the write is undone before the Create answers FAILED', async () => {
    stateful({ describeLagsBy: Infinity });
    await expect(create(PROPS)).rejects.toThrow(
      'Signaling channel doorbell accepted the media storage configuration but DescribeMediaStorageConfiguration reports no media storage ' +
      `instead of Status ENABLED, stream ${STREAM_ARN}; signaling channel doorbell was put back to no media storage`,
    );
    const commands = sent();
    expect(commands[commands.length - 1]).toEqual([UPDATE, { ...BY_CHANNEL, MediaStorageConfiguration: NONE }]);
    expect(t.channels.get(CHANNEL_ARN)).toEqual(NONE);
  });

  test('a stream without data retention: the service\'s NoDataRetentionException, said plainly; nothing written', async () => {
    stateful();
    kvs.on(UpdateMediaStorageConfigurationCommand).rejects(new NoDataRetentionException({ message: 'retention is 0', $metadata: {} }));
    await expect(create(PROPS)).rejects.toThrow(
      `Stream ${STREAM_ARN} has no data retention, and media storage needs it: give the stream a data retention above 0 hours`,
    );
    expect(t.channels.get(CHANNEL_ARN)).toBeUndefined();
  });

  test('a stream another channel stores into: ResourceInUseException retried for 30 s, then said plainly', async () => {
    t.channels.set(OTHER_CHANNEL_ARN, STORED);
    stateful();
    await expect(create(PROPS)).rejects.toThrow(
      'UpdateMediaStorageConfiguration on signaling channel doorbell kept answering ResourceInUseException (ResourceInUseException: ' +
      'The stream is already mapped to a different resource): the stream is already mapped to another channel',
    );
    expect(t.clock.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(30_000);
    expect(t.clock.sleeps.length).toBeGreaterThan(1);
    expect(t.channels.get(CHANNEL_ARN)).toBeUndefined();
    expect(t.channels.get(OTHER_CHANNEL_ARN)).toEqual(STORED);
  });

  test('a channel that does not exist fails the Create and names it', async () => {
    stateful();
    await expect(create({ ...PROPS, ChannelARN: undefined, ChannelName: 'nowhere' })).rejects.toThrow(
      'Signaling channel nowhere was not found in this account and Region',
    );
    expect(sent()).toEqual([[DESCRIBE_CHANNEL, { ChannelName: 'nowhere' }]]);
  });

  test('properties without a Status are refused before any call', async () => {
    stateful();
    await expect(create({ ChannelARN: CHANNEL_ARN, StreamARN: STREAM_ARN })).rejects.toThrow('Property Status must be ENABLED or DISABLED');
    expect(sent()).toEqual([]);
  });
});
