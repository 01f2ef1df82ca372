import {
  AccessDeniedException,
  DescribeNotificationConfigurationCommand,
  NoDataRetentionException,
  ResourceInUseException,
  UpdateNotificationConfigurationCommand,
} from '@aws-sdk/client-kinesis-video';
import 'aws-sdk-client-mock-jest';
import { CONFIG, DESCRIBE, FOREIGN, OTHER_TOPIC, PROPS, STREAM_ARN, TOPIC, TYPE, UPDATE, kvs, sent, stateful, t, useNotificationMocks } from './notification.fixtures';
import { onKvsNotificationEvent } from '../../../lambda/kvs/notification';
import { UNDO_RESERVE_MS } from '../../../lambda/shared/deadline';
import { cfnEvent } from '../../helpers/cfn';

useNotificationMocks();

describe('Create', () => {
  test('reads what is there, applies the configuration, confirms it; the stream name is the physical ID', async () => {
    stateful();
    const response = await onKvsNotificationEvent(cfnEvent('Create', TYPE, PROPS), t.clock.deadline());

    expect(sent()).toEqual([
      [DESCRIBE, { StreamARN: STREAM_ARN }],
      [UPDATE, { StreamARN: STREAM_ARN, NotificationConfiguration: { Status: 'ENABLED', DestinationConfig: { Uri: TOPIC } } }],
      [DESCRIBE, { StreamARN: STREAM_ARN }],
    ]);
    expect(response).toEqual({ PhysicalResourceId: 'front-door', Data: { StreamName: 'front-door', Status: 'ENABLED', DestinationUri: TOPIC } });
  });

  test('a stream known by name is sent by name', async () => {
    t.streams.set('side-door', undefined);
    stateful();
    const response = await onKvsNotificationEvent(cfnEvent('Create', TYPE, { StreamName: 'side-door', NotificationConfiguration: CONFIG }), t.clock.deadline());
    expect(sent().map(([, input]) => input)).toEqual([
      { StreamName: 'side-door' },
      { StreamName: 'side-door', NotificationConfiguration: CONFIG },
      { StreamName: 'side-door' },
    ]);
    expect(response.PhysicalResourceId).toBe('side-door');
  });

  test('a configuration it did not write is refused and left unchanged', async () => {
    t.streams.set(STREAM_ARN, FOREIGN);
    stateful();
    await expect(onKvsNotificationEvent(cfnEvent('Create', TYPE, PROPS), t.clock.deadline())).rejects.toThrow(
      `Stream front-door already has a notification configuration (Status ENABLED, topic ${OTHER_TOPIC}) that this resource did not write; ` +
      'it was left unchanged. Remove it, or set overwriteExisting to replace it',
    );
    expect(sent()).toEqual([[DESCRIBE, { StreamARN: STREAM_ARN }]]);
    expect(t.streams.get(STREAM_ARN)).toEqual(FOREIGN);
  });

  test('overwriteExisting (a string "true" on the wire) replaces a foreign configuration', async () => {
    t.streams.set(STREAM_ARN, FOREIGN);
    stateful();
    await onKvsNotificationEvent(cfnEvent('Create', TYPE, { ...PROPS, OverwriteExisting: true }), t.clock.deadline());
    expect(sent().map(([command]) => command)).toEqual([DESCRIBE, UPDATE, DESCRIBE]);
    expect(t.streams.get(STREAM_ARN)).toEqual(CONFIG);
  });

  test('an identical configuration (a repeated delivery of the same Create) is not a take-over', async () => {
    t.streams.set(STREAM_ARN, { ...CONFIG });
    stateful();
    const response = await onKvsNotificationEvent(cfnEvent('Create', TYPE, PROPS), t.clock.deadline());
    expect(response.PhysicalResourceId).toBe('front-door');
    expect(sent().map(([command]) => command)).toEqual([DESCRIBE, UPDATE, DESCRIBE]);
  });

  test('Describe never confirming: the write is removed before the Create answers FAILED', async () => {
    stateful({ describeLagsBy: Infinity });
    await expect(onKvsNotificationEvent(cfnEvent('Create', TYPE, PROPS), t.clock.deadline())).rejects.toThrow(
      'Stream front-door accepted the notification configuration but DescribeNotificationConfiguration reports no configuration ' +
      `instead of Status ENABLED, topic ${TOPIC}; removed the configuration it wrote`,
    );
    const commands = sent();
    expect(commands[commands.length - 1]).toEqual([UPDATE, { StreamARN: STREAM_ARN, NotificationConfiguration: undefined }]);
    expect(t.streams.get(STREAM_ARN)).toBeUndefined();
  });

  test('Describe lagging briefly: polled until it shows the write', async () => {
    stateful({ describeLagsBy: 2 });
    await onKvsNotificationEvent(cfnEvent('Create', TYPE, PROPS), t.clock.deadline());
    expect(sent().map(([command]) => command)).toEqual([DESCRIBE, UPDATE, DESCRIBE, DESCRIBE]);
    expect(t.streams.get(STREAM_ARN)).toEqual(CONFIG);
  });

  test('with overwriteExisting, a failed confirmation restores the foreign configuration it replaced', async () => {
    t.streams.set(STREAM_ARN, FOREIGN);
    stateful();
    kvs.on(DescribeNotificationConfigurationCommand)
      .resolvesOnce({ NotificationConfiguration: FOREIGN })
      .rejects(new AccessDeniedException({ message: 'not authorized to perform: kinesisvideo:DescribeNotificationConfiguration', $metadata: {} }));
    await expect(onKvsNotificationEvent(cfnEvent('Create', TYPE, { ...PROPS, OverwriteExisting: true }), t.clock.deadline()))
      .rejects.toThrow(/AccessDeniedException: .*; restored the previous configuration \(Status ENABLED, topic arn:aws:sns:us-east-1:123456789012:someone-elses\)$/);
    expect(t.streams.get(STREAM_ARN)).toEqual(FOREIGN);
  });

  test('the confirmation gives up in time to undo: the undo runs inside the reserve before the deadline', async () => {
    stateful({ describeLagsBy: Infinity });
    const deadline = t.clock.deadline(UNDO_RESERVE_MS + 3_000);
    await expect(onKvsNotificationEvent(cfnEvent('Create', TYPE, PROPS), deadline)).rejects.toThrow(/removed the configuration it wrote$/);
    expect(t.clock.now()).toBeLessThanOrEqual(deadline.at - UNDO_RESERVE_MS);
    expect(t.streams.get(STREAM_ARN)).toBeUndefined();
  });

  test('a stream not ACTIVE yet is waited out', async () => {
    stateful();
    kvs.on(UpdateNotificationConfigurationCommand)
      .rejectsOnce(new ResourceInUseException({ message: 'stream is CREATING', $metadata: {} }))
      .callsFake((input) => {
        t.streams.set(input.StreamARN, input.NotificationConfiguration);
        return {};
      });
    await onKvsNotificationEvent(cfnEvent('Create', TYPE, PROPS), t.clock.deadline());
    expect(kvs).toHaveReceivedCommandTimes(UpdateNotificationConfigurationCommand, 2);
    expect(t.clock.sleeps.length).toBeGreaterThanOrEqual(1);
  });

  test('NoDataRetentionException fails with the fix; nothing was written', async () => {
    stateful();
    kvs.on(UpdateNotificationConfigurationCommand).rejects(new NoDataRetentionException({ message: 'no retention', $metadata: {} }));
    await expect(onKvsNotificationEvent(cfnEvent('Create', TYPE, PROPS), t.clock.deadline()))
      .rejects.toThrow('Stream front-door has no data retention, and notifications need it: give the stream a data retention above 0 hours');
    expect(t.streams.get(STREAM_ARN)).toBeUndefined();
  });

  test('a stream that does not exist fails naming it', async () => {
    t.streams.delete(STREAM_ARN);
    stateful();
    await expect(onKvsNotificationEvent(cfnEvent('Create', TYPE, PROPS), t.clock.deadline()))
      .rejects.toThrow(/^Stream front-door was not found in this account and Region: ResourceNotFoundException: no such stream$/);
    expect(sent()).toEqual([[DESCRIBE, { StreamARN: STREAM_ARN }]]);
  });

  test('malformed properties fail naming the property, no call made', async () => {
    stateful();
    await expect(onKvsNotificationEvent(cfnEvent('Create', TYPE, { ...PROPS, NotificationConfiguration: { ...CONFIG, Status: 'ON' } }), t.clock.deadline()))
      .rejects.toThrow('Property NotificationConfiguration.Status must be ENABLED or DISABLED, got "ON"');
    await expect(onKvsNotificationEvent(cfnEvent('Create', TYPE, { ...PROPS, OverwriteExisting: 'yes' }), t.clock.deadline()))
      .rejects.toThrow('Property OverwriteExisting must be a boolean, got "yes"');
    expect(sent()).toEqual([]);
  });
});

