import { DescribeMediaStorageConfigurationCommand, UpdateMediaStorageConfigurationCommand } from '@aws-sdk/client-kinesis-video';
import {
  CHANNEL_ARN, DESCRIBE, DESCRIBE_CHANNEL, FOREIGN, NONE, OTHER_CHANNEL_ARN, OTHER_STREAM_ARN, PROPS, STORED, STREAM_ARN, TYPE, UPDATE,
  kvs, sent, stateful, t, useMediaStorageMocks,
} from './media-storage.fixtures';
import { onKvsMediaStorageEvent } from '../../../lambda/kvs/media-storage';
import type { KvsMediaStorageProperties } from '../../../src/kvs/media-storage.contract';
import { cfnEvent } from '../../helpers/cfn';

useMediaStorageMocks();

const BY_CHANNEL = { ChannelARN: CHANNEL_ARN };
const BY_OTHER_CHANNEL = { ChannelARN: OTHER_CHANNEL_ARN };
/** The same stream, on the intercom channel. */
const MOVED: KvsMediaStorageProperties = { ...PROPS, ChannelARN: OTHER_CHANNEL_ARN };

const update = (props: KvsMediaStorageProperties, old: KvsMediaStorageProperties, physicalId: string) =>
  onKvsMediaStorageEvent(cfnEvent('Update', TYPE, props, { PhysicalResourceId: physicalId, OldResourceProperties: old }), t.clock.deadline());
const remove = (props: KvsMediaStorageProperties, physicalId: string) =>
  onKvsMediaStorageEvent(cfnEvent('Delete', TYPE, props, { PhysicalResourceId: physicalId }), t.clock.deadline());

describe('Update', () => {
  test('in place (same channel), disabled: its own configuration is rewritten, the same physical ID', async () => {
    t.channels.set(CHANNEL_ARN, STORED);
    stateful();
    const response = await update({ ...PROPS, Status: 'DISABLED' }, PROPS, 'doorbell');
    expect(sent()).toEqual([
      [DESCRIBE, BY_CHANNEL],
      [UPDATE, { ...BY_CHANNEL, MediaStorageConfiguration: { Status: 'DISABLED', StreamARN: STREAM_ARN } }],
      [DESCRIBE, BY_CHANNEL],
    ]);
    expect(response.PhysicalResourceId).toBe('doorbell');
    expect(response.Data).toEqual(expect.objectContaining({ Status: 'DISABLED' }));
  });

  test('re-target (another stream, same channel) is in place: one write moves the channel to the new stream', async () => {
    t.channels.set(CHANNEL_ARN, STORED);
    stateful();
    const response = await update({ ...PROPS, StreamARN: OTHER_STREAM_ARN }, PROPS, 'doorbell');
    expect(sent()).toEqual([
      [DESCRIBE, BY_CHANNEL],
      [UPDATE, { ...BY_CHANNEL, MediaStorageConfiguration: FOREIGN }],
      [DESCRIBE, BY_CHANNEL],
    ]);
    expect(response).toEqual(expect.objectContaining({ PhysicalResourceId: 'doorbell' }));
    expect(t.channels.get(CHANNEL_ARN)).toEqual(FOREIGN);
  });

  test('rollback of a re-target: back to the first stream, in place', async () => {
    t.channels.set(CHANNEL_ARN, FOREIGN);
    stateful();
    const response = await update(PROPS, { ...PROPS, StreamARN: OTHER_STREAM_ARN }, 'doorbell');
    expect(response.PhysicalResourceId).toBe('doorbell');
    expect(t.channels.get(CHANNEL_ARN)).toEqual(STORED);
  });

  test('a failed in-place update puts the previous configuration back', async () => {
    t.channels.set(CHANNEL_ARN, STORED);
    stateful({ describeLagsBy: Infinity });
    await expect(update({ ...PROPS, StreamARN: OTHER_STREAM_ARN }, PROPS, 'doorbell')).rejects.toThrow(
      `reports Status ENABLED, stream ${STREAM_ARN} instead of Status ENABLED, stream ${OTHER_STREAM_ARN}; ` +
      `signaling channel doorbell was put back to Status ENABLED, stream ${STREAM_ARN}`,
    );
    expect(t.channels.get(CHANNEL_ARN)).toEqual(STORED);
  });

  test('another channel, same stream (a replacement): the old channel releases the stream first, then the new one maps it', async () => {
    t.channels.set(CHANNEL_ARN, STORED);
    stateful();
    const response = await update(MOVED, PROPS, 'doorbell');
    expect(sent()).toEqual([
      [DESCRIBE, BY_OTHER_CHANNEL],
      [DESCRIBE, BY_CHANNEL],
      [UPDATE, { ...BY_CHANNEL, MediaStorageConfiguration: NONE }],
      [UPDATE, { ...BY_OTHER_CHANNEL, MediaStorageConfiguration: STORED }],
      [DESCRIBE, BY_OTHER_CHANNEL],
    ]);
    expect(response.PhysicalResourceId).toBe('intercom');
    expect(t.channels.get(CHANNEL_ARN)).toEqual(NONE);
    expect(t.channels.get(OTHER_CHANNEL_ARN)).toEqual(STORED);

    // CloudFormation's cleanup deletes the old physical ID: nothing of it is left to remove.
    kvs.resetHistory();
    await remove(PROPS, 'doorbell');
    expect(sent()).toEqual([[DESCRIBE, BY_CHANNEL]]);
    expect(t.channels.get(OTHER_CHANNEL_ARN)).toEqual(STORED);
  });

  test('rollback of that replacement: the new channel releases the stream, the old one maps it again; the cleanup Delete finds nothing', async () => {
    t.channels.set(OTHER_CHANNEL_ARN, STORED);
    t.channels.set(CHANNEL_ARN, NONE);
    stateful();
    const response = await update(PROPS, MOVED, 'intercom');
    expect(sent().map(([command, input]) => [command, (input as any).ChannelARN])).toEqual([
      [DESCRIBE, CHANNEL_ARN],
      [DESCRIBE, OTHER_CHANNEL_ARN],
      [UPDATE, OTHER_CHANNEL_ARN],
      [UPDATE, CHANNEL_ARN],
      [DESCRIBE, CHANNEL_ARN],
    ]);
    expect(response.PhysicalResourceId).toBe('doorbell');
    expect(t.channels.get(CHANNEL_ARN)).toEqual(STORED);

    kvs.resetHistory();
    await remove(MOVED, 'intercom');
    expect(sent()).toEqual([[DESCRIBE, BY_OTHER_CHANNEL]]);
    expect(t.channels.get(CHANNEL_ARN)).toEqual(STORED);
  });

  test('a replacement whose new write fails gives the old channel its stream back', async () => {
    t.channels.set(CHANNEL_ARN, STORED);
    stateful();
    kvs.on(UpdateMediaStorageConfigurationCommand, { ChannelARN: OTHER_CHANNEL_ARN }).rejects(new Error('AccessDeniedException: not allowed'));
    await expect(update(MOVED, PROPS, 'doorbell')).rejects.toThrow(
      `not allowed; signaling channel doorbell was put back to Status ENABLED, stream ${STREAM_ARN}`,
    );
    expect(t.channels.get(CHANNEL_ARN)).toEqual(STORED);
  });

  test('another channel and another stream: nothing to release, the old channel is left to the cleanup Delete', async () => {
    t.channels.set(CHANNEL_ARN, STORED);
    stateful();
    await update({ ...MOVED, StreamARN: OTHER_STREAM_ARN }, PROPS, 'doorbell');
    expect(sent().filter(([command]) => command === UPDATE)).toEqual([[UPDATE, { ...BY_OTHER_CHANNEL, MediaStorageConfiguration: FOREIGN }]]);
    expect(t.channels.get(CHANNEL_ARN)).toEqual(STORED);
  });

  test('another channel that has someone else\'s configuration is refused, and the old channel is untouched', async () => {
    t.channels.set(CHANNEL_ARN, STORED);
    t.channels.set(OTHER_CHANNEL_ARN, FOREIGN);
    stateful();
    await expect(update(MOVED, PROPS, 'doorbell')).rejects.toThrow('Signaling channel intercom already has a media storage configuration');
    expect(sent().map(([command]) => command)).toEqual([DESCRIBE]);
    expect(t.channels.get(CHANNEL_ARN)).toEqual(STORED);
  });
});

describe('Delete', () => {
  test('disables storage on the channel when it still stores into this resource\'s stream', async () => {
    t.channels.set(CHANNEL_ARN, STORED);
    stateful();
    expect(await remove(PROPS, 'doorbell')).toEqual({});
    expect(sent()).toEqual([[DESCRIBE, BY_CHANNEL], [UPDATE, { ...BY_CHANNEL, MediaStorageConfiguration: NONE }]]);
    expect(t.channels.get(CHANNEL_ARN)).toEqual(NONE);
  });

  test('repeated delivery of the Delete: nothing left, nothing written', async () => {
    t.channels.set(CHANNEL_ARN, STORED);
    stateful();
    await remove(PROPS, 'doorbell');
    kvs.resetHistory();
    expect(await remove(PROPS, 'doorbell')).toEqual({});
    expect(sent()).toEqual([[DESCRIBE, BY_CHANNEL]]);
  });

  test('a channel storing into another stream (not what this resource wrote) is left in place', async () => {
    t.channels.set(CHANNEL_ARN, FOREIGN);
    stateful();
    await remove(PROPS, 'doorbell');
    expect(sent()).toEqual([[DESCRIBE, BY_CHANNEL]]);
    expect(t.channels.get(CHANNEL_ARN)).toEqual(FOREIGN);
  });

  test('a gone channel (by ARN or by name) is success', async () => {
    t.channels.delete(CHANNEL_ARN);
    stateful();
    expect(await remove(PROPS, 'doorbell')).toEqual({});
    expect(await remove({ ...PROPS, ChannelARN: undefined, ChannelName: 'doorbell' }, 'doorbell')).toEqual({});
    expect(sent()).toEqual([[DESCRIBE, BY_CHANNEL], [DESCRIBE_CHANNEL, { ChannelName: 'doorbell' }]]);
  });

  test('a gone stream known by name: recognized by the name in the ARN the channel shows, and storage disabled', async () => {
    t.channels.set(CHANNEL_ARN, STORED);
    t.streams.delete(STREAM_ARN);
    stateful();
    expect(await remove({ ...PROPS, StreamARN: undefined, StreamName: 'front-door' }, 'doorbell')).toEqual({});
    expect(sent()).toEqual([[DESCRIBE, BY_CHANNEL], [UPDATE, { ...BY_CHANNEL, MediaStorageConfiguration: NONE }]]);
  });

  test('a channel that disappears between the read and the write is success', async () => {
    t.channels.set(CHANNEL_ARN, STORED);
    stateful();
    kvs.on(DescribeMediaStorageConfigurationCommand).callsFake(() => {
      t.channels.delete(CHANNEL_ARN);
      return { MediaStorageConfiguration: STORED };
    });
    expect(await remove(PROPS, 'doorbell')).toEqual({});
  });

  test('another error fails the Delete', async () => {
    t.channels.set(CHANNEL_ARN, STORED);
    stateful();
    kvs.on(UpdateMediaStorageConfigurationCommand).rejects(new Error('AccessDeniedException: not allowed'));
    await expect(remove(PROPS, 'doorbell')).rejects.toThrow('not allowed');
  });
});
