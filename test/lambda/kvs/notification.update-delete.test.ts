import {
  AccessDeniedException,
  DescribeNotificationConfigurationCommand,
  ResourceNotFoundException,
  UpdateNotificationConfigurationCommand,
} from '@aws-sdk/client-kinesis-video';
import 'aws-sdk-client-mock-jest';
import { CONFIG, DESCRIBE, FOREIGN, OTHER_ARN, PROPS, STREAM_ARN, TOPIC, TYPE, UPDATE, kvs, sent, stateful, t, useNotificationMocks } from './notification.fixtures';
import { onKvsNotificationEvent } from '../../../lambda/kvs/notification';
import { cfnEvent } from '../../helpers/cfn';

useNotificationMocks();

describe('Update', () => {
  const DISABLED = { Status: 'DISABLED', DestinationConfig: { Uri: TOPIC } } as const;

  test('in place (same stream): its own configuration is replaced without a take-over check', async () => {
    t.streams.set(STREAM_ARN, CONFIG);
    stateful();
    const response = await onKvsNotificationEvent(
      cfnEvent('Update', TYPE, { ...PROPS, NotificationConfiguration: DISABLED }, { PhysicalResourceId: 'front-door', OldResourceProperties: PROPS }),
      t.clock.deadline(),
    );
    expect(response).toEqual({ PhysicalResourceId: 'front-door', Data: { StreamName: 'front-door', Status: 'DISABLED', DestinationUri: TOPIC } });
    expect(t.streams.get(STREAM_ARN)).toEqual(DISABLED);
  });

  test('a handler-only setting (OverwriteExisting) changes in place: same physical ID, same configuration', async () => {
    t.streams.set(STREAM_ARN, CONFIG);
    stateful();
    const response = await onKvsNotificationEvent(
      cfnEvent('Update', TYPE, { ...PROPS, OverwriteExisting: true }, { PhysicalResourceId: 'front-door', OldResourceProperties: PROPS }),
      t.clock.deadline(),
    );
    expect(response.PhysicalResourceId).toBe('front-door');
    expect(t.streams.get(STREAM_ARN)).toEqual(CONFIG);
  });

  test('a failed in-place update puts the old configuration back', async () => {
    t.streams.set(STREAM_ARN, CONFIG);
    stateful({ describeLagsBy: 1 });
    kvs.on(DescribeNotificationConfigurationCommand)
      .resolvesOnce({ NotificationConfiguration: CONFIG })
      .resolves({ NotificationConfiguration: CONFIG });
    await expect(onKvsNotificationEvent(
      cfnEvent('Update', TYPE, { ...PROPS, NotificationConfiguration: DISABLED }, { PhysicalResourceId: 'front-door', OldResourceProperties: PROPS }),
      t.clock.deadline(),
    )).rejects.toThrow(/reports Status ENABLED, topic .* instead of Status DISABLED, topic .*; restored the previous configuration/);
    expect(t.streams.get(STREAM_ARN)).toEqual(CONFIG);
  });

  test('replacement (another stream): the new stream gets the configuration, the old one is left for the Delete', async () => {
    t.streams.set(STREAM_ARN, CONFIG);
    stateful();
    const moved = { StreamARN: OTHER_ARN, NotificationConfiguration: CONFIG };
    const response = await onKvsNotificationEvent(
      cfnEvent('Update', TYPE, moved, { PhysicalResourceId: 'front-door', OldResourceProperties: PROPS }), t.clock.deadline(),
    );
    expect(response.PhysicalResourceId).toBe('back-door');
    expect(t.streams.get(OTHER_ARN)).toEqual(CONFIG);
    expect(t.streams.get(STREAM_ARN)).toEqual(CONFIG);
  });

  test('replacement onto a stream with a foreign configuration is refused', async () => {
    t.streams.set(OTHER_ARN, FOREIGN);
    stateful();
    await expect(onKvsNotificationEvent(
      cfnEvent('Update', TYPE, { StreamARN: OTHER_ARN, NotificationConfiguration: CONFIG }, { PhysicalResourceId: 'front-door', OldResourceProperties: PROPS }),
      t.clock.deadline(),
    )).rejects.toThrow(/^Stream back-door already has a notification configuration/);
    expect(t.streams.get(OTHER_ARN)).toEqual(FOREIGN);
  });

  test('rollback of a replacement back to the old stream, which still holds this resource\'s configuration, succeeds', async () => {
    t.streams.set(STREAM_ARN, CONFIG);
    t.streams.set(OTHER_ARN, CONFIG);
    stateful();
    const moved = { StreamARN: OTHER_ARN, NotificationConfiguration: CONFIG };
    const response = await onKvsNotificationEvent(
      cfnEvent('Update', TYPE, PROPS, { PhysicalResourceId: 'back-door', OldResourceProperties: moved }), t.clock.deadline(),
    );
    expect(response.PhysicalResourceId).toBe('front-door');
  });
});

describe('Delete', () => {
  test('removes its configuration: Update without NotificationConfiguration', async () => {
    t.streams.set(STREAM_ARN, CONFIG);
    stateful();
    await expect(onKvsNotificationEvent(cfnEvent('Delete', TYPE, PROPS, { PhysicalResourceId: 'front-door' }), t.clock.deadline())).resolves.toEqual({});
    expect(sent()).toEqual([
      [DESCRIBE, { StreamARN: STREAM_ARN }],
      [UPDATE, { StreamARN: STREAM_ARN, NotificationConfiguration: undefined }],
    ]);
    expect(kvs.commandCalls(UpdateNotificationConfigurationCommand)[0].args[0].input).not.toHaveProperty('NotificationConfiguration', expect.anything());
    expect(t.streams.get(STREAM_ARN)).toBeUndefined();
  });

  test('a stream already gone is success', async () => {
    t.streams.delete(STREAM_ARN);
    stateful();
    await expect(onKvsNotificationEvent(cfnEvent('Delete', TYPE, PROPS, { PhysicalResourceId: 'front-door' }), t.clock.deadline())).resolves.toEqual({});
    expect(sent()).toEqual([[DESCRIBE, { StreamARN: STREAM_ARN }]]);
    expect(console.log).toHaveBeenCalledWith('Stream front-door no longer exists: nothing to remove');
  });

  test('a stream gone between Describe and Update is success', async () => {
    t.streams.set(STREAM_ARN, CONFIG);
    stateful();
    kvs.on(UpdateNotificationConfigurationCommand).rejects(new ResourceNotFoundException({ message: 'gone', $metadata: {} }));
    await expect(onKvsNotificationEvent(cfnEvent('Delete', TYPE, PROPS, { PhysicalResourceId: 'front-door' }), t.clock.deadline())).resolves.toEqual({});
  });

  test('no configuration on the stream: nothing to remove', async () => {
    stateful();
    await onKvsNotificationEvent(cfnEvent('Delete', TYPE, PROPS, { PhysicalResourceId: 'front-door' }), t.clock.deadline());
    expect(sent()).toEqual([[DESCRIBE, { StreamARN: STREAM_ARN }]]);
  });

  test('a configuration to another topic (not this resource\'s) is left in place', async () => {
    t.streams.set(STREAM_ARN, FOREIGN);
    stateful();
    await onKvsNotificationEvent(cfnEvent('Delete', TYPE, PROPS, { PhysicalResourceId: 'front-door' }), t.clock.deadline());
    expect(sent()).toEqual([[DESCRIBE, { StreamARN: STREAM_ARN }]]);
    expect(t.streams.get(STREAM_ARN)).toEqual(FOREIGN);
  });

  test('access denied fails the Delete (never reported as success)', async () => {
    t.streams.set(STREAM_ARN, CONFIG);
    stateful();
    kvs.on(UpdateNotificationConfigurationCommand).rejects(new AccessDeniedException({ message: 'denied', $metadata: {} }));
    await expect(onKvsNotificationEvent(cfnEvent('Delete', TYPE, PROPS, { PhysicalResourceId: 'front-door' }), t.clock.deadline())).rejects.toThrow('denied');
  });
});
