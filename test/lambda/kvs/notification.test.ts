import {
  AccessDeniedException,
  DescribeNotificationConfigurationCommand,
  KinesisVideoClient,
  NoDataRetentionException,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateNotificationConfigurationCommand,
} from '@aws-sdk/client-kinesis-video';
import type { NotificationConfiguration } from '@aws-sdk/client-kinesis-video';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { UNDO_RESERVE_MS, onKvsNotificationEvent } from '../../../lambda/kvs/notification';
import { KVS_NOTIFICATION_RESOURCE_TYPE } from '../../../src/kvs/contract';
import type { KvsNotificationProperties } from '../../../src/kvs/contract';
import { cfnEvent } from '../../helpers/cfn';
import { VirtualClock } from '../../helpers/clock';

const kvs = mockClient(KinesisVideoClient);
const TYPE = KVS_NOTIFICATION_RESOURCE_TYPE;
const STREAM_ARN = 'arn:aws:kinesisvideo:us-east-1:123456789012:stream/front-door/1700000000000';
const OTHER_ARN = 'arn:aws:kinesisvideo:us-east-1:123456789012:stream/back-door/1700000000001';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:motion';
const OTHER_TOPIC = 'arn:aws:sns:us-east-1:123456789012:someone-elses';

const CONFIG = { Status: 'ENABLED', DestinationConfig: { Uri: TOPIC } } as const;
const PROPS: KvsNotificationProperties = { StreamARN: STREAM_ARN, NotificationConfiguration: CONFIG };
const FOREIGN: NotificationConfiguration = { Status: 'ENABLED', DestinationConfig: { Uri: OTHER_TOPIC } };

/** The streams' configurations, as Update leaves them and Describe shows them. */
let streams: Map<string, NotificationConfiguration | undefined>;

function stateful(options: { describeLagsBy?: number } = {}) {
  let lag = options.describeLagsBy ?? 0;
  kvs.on(UpdateNotificationConfigurationCommand).callsFake((input) => {
    if (!streams.has(input.StreamARN ?? input.StreamName)) throw new ResourceNotFoundException({ message: 'no such stream', $metadata: {} });
    streams.set(input.StreamARN ?? input.StreamName, input.NotificationConfiguration);
    return {};
  });
  kvs.on(DescribeNotificationConfigurationCommand).callsFake((input) => {
    const key = input.StreamARN ?? input.StreamName;
    if (!streams.has(key)) throw new ResourceNotFoundException({ message: 'no such stream', $metadata: {} });
    if (lag > 0) {
      lag--;
      return {};
    }
    return { NotificationConfiguration: streams.get(key) };
  });
}

/** Every command sent, in order, as [command, input]. */
function sent(): [string, unknown][] {
  return kvs.calls().map((c) => [(c.args[0] as any).constructor.name, (c.args[0] as any).input]);
}

const DESCRIBE = 'DescribeNotificationConfigurationCommand';
const UPDATE = 'UpdateNotificationConfigurationCommand';

let clock: VirtualClock;
beforeEach(() => {
  kvs.reset();
  clock = new VirtualClock();
  streams = new Map([[STREAM_ARN, undefined], [OTHER_ARN, undefined]]);
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});

describe('Create', () => {
  test('reads what is there, applies the configuration, confirms it; the stream name is the physical ID', async () => {
    stateful();
    const response = await onKvsNotificationEvent(cfnEvent('Create', TYPE, PROPS), clock.deadline());

    expect(sent()).toEqual([
      [DESCRIBE, { StreamARN: STREAM_ARN }],
      [UPDATE, { StreamARN: STREAM_ARN, NotificationConfiguration: { Status: 'ENABLED', DestinationConfig: { Uri: TOPIC } } }],
      [DESCRIBE, { StreamARN: STREAM_ARN }],
    ]);
    expect(response).toEqual({ PhysicalResourceId: 'front-door', Data: { StreamName: 'front-door', Status: 'ENABLED', DestinationUri: TOPIC } });
  });

  test('a stream known by name is sent by name', async () => {
    streams.set('side-door', undefined);
    stateful();
    const response = await onKvsNotificationEvent(cfnEvent('Create', TYPE, { StreamName: 'side-door', NotificationConfiguration: CONFIG }), clock.deadline());
    expect(sent().map(([, input]) => input)).toEqual([
      { StreamName: 'side-door' },
      { StreamName: 'side-door', NotificationConfiguration: CONFIG },
      { StreamName: 'side-door' },
    ]);
    expect(response.PhysicalResourceId).toBe('side-door');
  });

  test('a configuration it did not write is refused and left unchanged', async () => {
    streams.set(STREAM_ARN, FOREIGN);
    stateful();
    await expect(onKvsNotificationEvent(cfnEvent('Create', TYPE, PROPS), clock.deadline())).rejects.toThrow(
      `Stream front-door already has a notification configuration (Status ENABLED, topic ${OTHER_TOPIC}) that this resource did not write; ` +
      'it was left unchanged. Remove it, or set overwriteExisting to replace it',
    );
    expect(sent()).toEqual([[DESCRIBE, { StreamARN: STREAM_ARN }]]);
    expect(streams.get(STREAM_ARN)).toEqual(FOREIGN);
  });

  test('overwriteExisting (a string "true" on the wire) replaces a foreign configuration', async () => {
    streams.set(STREAM_ARN, FOREIGN);
    stateful();
    await onKvsNotificationEvent(cfnEvent('Create', TYPE, { ...PROPS, OverwriteExisting: true }), clock.deadline());
    expect(sent().map(([command]) => command)).toEqual([DESCRIBE, UPDATE, DESCRIBE]);
    expect(streams.get(STREAM_ARN)).toEqual(CONFIG);
  });

  test('an identical configuration (a repeated delivery of the same Create) is not a take-over', async () => {
    streams.set(STREAM_ARN, { ...CONFIG });
    stateful();
    const response = await onKvsNotificationEvent(cfnEvent('Create', TYPE, PROPS), clock.deadline());
    expect(response.PhysicalResourceId).toBe('front-door');
    expect(sent().map(([command]) => command)).toEqual([DESCRIBE, UPDATE, DESCRIBE]);
  });

  test('Describe never confirming: the write is removed before the Create answers FAILED', async () => {
    stateful({ describeLagsBy: Infinity });
    await expect(onKvsNotificationEvent(cfnEvent('Create', TYPE, PROPS), clock.deadline())).rejects.toThrow(
      'Stream front-door accepted the notification configuration but DescribeNotificationConfiguration reports no configuration ' +
      `instead of Status ENABLED, topic ${TOPIC}; removed the configuration it wrote`,
    );
    const commands = sent();
    expect(commands[commands.length - 1]).toEqual([UPDATE, { StreamARN: STREAM_ARN, NotificationConfiguration: undefined }]);
    expect(streams.get(STREAM_ARN)).toBeUndefined();
  });

  test('Describe lagging briefly: polled until it shows the write', async () => {
    stateful({ describeLagsBy: 2 });
    await onKvsNotificationEvent(cfnEvent('Create', TYPE, PROPS), clock.deadline());
    expect(sent().map(([command]) => command)).toEqual([DESCRIBE, UPDATE, DESCRIBE, DESCRIBE]);
    expect(streams.get(STREAM_ARN)).toEqual(CONFIG);
  });

  test('with overwriteExisting, a failed confirmation restores the foreign configuration it replaced', async () => {
    streams.set(STREAM_ARN, FOREIGN);
    stateful();
    kvs.on(DescribeNotificationConfigurationCommand)
      .resolvesOnce({ NotificationConfiguration: FOREIGN })
      .rejects(new AccessDeniedException({ message: 'not authorized to perform: kinesisvideo:DescribeNotificationConfiguration', $metadata: {} }));
    await expect(onKvsNotificationEvent(cfnEvent('Create', TYPE, { ...PROPS, OverwriteExisting: true }), clock.deadline()))
      .rejects.toThrow(/AccessDeniedException: .*; restored the previous configuration \(Status ENABLED, topic arn:aws:sns:us-east-1:123456789012:someone-elses\)$/);
    expect(streams.get(STREAM_ARN)).toEqual(FOREIGN);
  });

  test('the confirmation gives up in time to undo: the undo runs inside the reserve before the deadline', async () => {
    stateful({ describeLagsBy: Infinity });
    const deadline = clock.deadline(UNDO_RESERVE_MS + 3_000);
    await expect(onKvsNotificationEvent(cfnEvent('Create', TYPE, PROPS), deadline)).rejects.toThrow(/removed the configuration it wrote$/);
    expect(clock.now()).toBeLessThanOrEqual(deadline.at - UNDO_RESERVE_MS);
    expect(streams.get(STREAM_ARN)).toBeUndefined();
  });

  test('a stream not ACTIVE yet is waited out', async () => {
    stateful();
    kvs.on(UpdateNotificationConfigurationCommand)
      .rejectsOnce(new ResourceInUseException({ message: 'stream is CREATING', $metadata: {} }))
      .callsFake((input) => {
        streams.set(input.StreamARN, input.NotificationConfiguration);
        return {};
      });
    await onKvsNotificationEvent(cfnEvent('Create', TYPE, PROPS), clock.deadline());
    expect(kvs).toHaveReceivedCommandTimes(UpdateNotificationConfigurationCommand, 2);
    expect(clock.sleeps.length).toBeGreaterThanOrEqual(1);
  });

  test('NoDataRetentionException fails with the fix; nothing was written', async () => {
    stateful();
    kvs.on(UpdateNotificationConfigurationCommand).rejects(new NoDataRetentionException({ message: 'no retention', $metadata: {} }));
    await expect(onKvsNotificationEvent(cfnEvent('Create', TYPE, PROPS), clock.deadline()))
      .rejects.toThrow('Stream front-door has no data retention, and notifications need it: give the stream a data retention above 0 hours');
    expect(streams.get(STREAM_ARN)).toBeUndefined();
  });

  test('a stream that does not exist fails naming it', async () => {
    streams.delete(STREAM_ARN);
    stateful();
    await expect(onKvsNotificationEvent(cfnEvent('Create', TYPE, PROPS), clock.deadline()))
      .rejects.toThrow(/^Stream front-door was not found in this account and Region: ResourceNotFoundException: no such stream$/);
    expect(sent()).toEqual([[DESCRIBE, { StreamARN: STREAM_ARN }]]);
  });

  test('malformed properties fail naming the property, no call made', async () => {
    stateful();
    await expect(onKvsNotificationEvent(cfnEvent('Create', TYPE, { ...PROPS, NotificationConfiguration: { ...CONFIG, Status: 'ON' } }), clock.deadline()))
      .rejects.toThrow('Property NotificationConfiguration.Status must be ENABLED or DISABLED, got "ON"');
    await expect(onKvsNotificationEvent(cfnEvent('Create', TYPE, { ...PROPS, OverwriteExisting: 'yes' }), clock.deadline()))
      .rejects.toThrow('Property OverwriteExisting must be a boolean, got "yes"');
    expect(sent()).toEqual([]);
  });
});

describe('Update', () => {
  const DISABLED = { Status: 'DISABLED', DestinationConfig: { Uri: TOPIC } } as const;

  test('in place (same stream): its own configuration is replaced without a take-over check', async () => {
    streams.set(STREAM_ARN, CONFIG);
    stateful();
    const response = await onKvsNotificationEvent(
      cfnEvent('Update', TYPE, { ...PROPS, NotificationConfiguration: DISABLED }, { PhysicalResourceId: 'front-door', OldResourceProperties: PROPS }),
      clock.deadline(),
    );
    expect(response).toEqual({ PhysicalResourceId: 'front-door', Data: { StreamName: 'front-door', Status: 'DISABLED', DestinationUri: TOPIC } });
    expect(streams.get(STREAM_ARN)).toEqual(DISABLED);
  });

  test('a handler-only setting (OverwriteExisting) changes in place: same physical ID, same configuration', async () => {
    streams.set(STREAM_ARN, CONFIG);
    stateful();
    const response = await onKvsNotificationEvent(
      cfnEvent('Update', TYPE, { ...PROPS, OverwriteExisting: true }, { PhysicalResourceId: 'front-door', OldResourceProperties: PROPS }),
      clock.deadline(),
    );
    expect(response.PhysicalResourceId).toBe('front-door');
    expect(streams.get(STREAM_ARN)).toEqual(CONFIG);
  });

  test('a failed in-place update puts the old configuration back', async () => {
    streams.set(STREAM_ARN, CONFIG);
    stateful({ describeLagsBy: 1 });
    kvs.on(DescribeNotificationConfigurationCommand)
      .resolvesOnce({ NotificationConfiguration: CONFIG })
      .resolves({ NotificationConfiguration: CONFIG });
    await expect(onKvsNotificationEvent(
      cfnEvent('Update', TYPE, { ...PROPS, NotificationConfiguration: DISABLED }, { PhysicalResourceId: 'front-door', OldResourceProperties: PROPS }),
      clock.deadline(),
    )).rejects.toThrow(/reports Status ENABLED, topic .* instead of Status DISABLED, topic .*; restored the previous configuration/);
    expect(streams.get(STREAM_ARN)).toEqual(CONFIG);
  });

  test('replacement (another stream): the new stream gets the configuration, the old one is left for the Delete', async () => {
    streams.set(STREAM_ARN, CONFIG);
    stateful();
    const moved = { StreamARN: OTHER_ARN, NotificationConfiguration: CONFIG };
    const response = await onKvsNotificationEvent(
      cfnEvent('Update', TYPE, moved, { PhysicalResourceId: 'front-door', OldResourceProperties: PROPS }), clock.deadline(),
    );
    expect(response.PhysicalResourceId).toBe('back-door');
    expect(streams.get(OTHER_ARN)).toEqual(CONFIG);
    expect(streams.get(STREAM_ARN)).toEqual(CONFIG);
  });

  test('replacement onto a stream with a foreign configuration is refused', async () => {
    streams.set(OTHER_ARN, FOREIGN);
    stateful();
    await expect(onKvsNotificationEvent(
      cfnEvent('Update', TYPE, { StreamARN: OTHER_ARN, NotificationConfiguration: CONFIG }, { PhysicalResourceId: 'front-door', OldResourceProperties: PROPS }),
      clock.deadline(),
    )).rejects.toThrow(/^Stream back-door already has a notification configuration/);
    expect(streams.get(OTHER_ARN)).toEqual(FOREIGN);
  });

  test('rollback of a replacement back to the old stream, which still holds this resource\'s configuration, succeeds', async () => {
    streams.set(STREAM_ARN, CONFIG);
    streams.set(OTHER_ARN, CONFIG);
    stateful();
    const moved = { StreamARN: OTHER_ARN, NotificationConfiguration: CONFIG };
    const response = await onKvsNotificationEvent(
      cfnEvent('Update', TYPE, PROPS, { PhysicalResourceId: 'back-door', OldResourceProperties: moved }), clock.deadline(),
    );
    expect(response.PhysicalResourceId).toBe('front-door');
  });
});

describe('Delete', () => {
  test('removes its configuration: Update without NotificationConfiguration', async () => {
    streams.set(STREAM_ARN, CONFIG);
    stateful();
    await expect(onKvsNotificationEvent(cfnEvent('Delete', TYPE, PROPS, { PhysicalResourceId: 'front-door' }), clock.deadline())).resolves.toEqual({});
    expect(sent()).toEqual([
      [DESCRIBE, { StreamARN: STREAM_ARN }],
      [UPDATE, { StreamARN: STREAM_ARN, NotificationConfiguration: undefined }],
    ]);
    expect(kvs.commandCalls(UpdateNotificationConfigurationCommand)[0].args[0].input).not.toHaveProperty('NotificationConfiguration', expect.anything());
    expect(streams.get(STREAM_ARN)).toBeUndefined();
  });

  test('a stream already gone is success', async () => {
    streams.delete(STREAM_ARN);
    stateful();
    await expect(onKvsNotificationEvent(cfnEvent('Delete', TYPE, PROPS, { PhysicalResourceId: 'front-door' }), clock.deadline())).resolves.toEqual({});
    expect(sent()).toEqual([[DESCRIBE, { StreamARN: STREAM_ARN }]]);
    expect(console.log).toHaveBeenCalledWith('Stream front-door no longer exists: nothing to remove');
  });

  test('a stream gone between Describe and Update is success', async () => {
    streams.set(STREAM_ARN, CONFIG);
    stateful();
    kvs.on(UpdateNotificationConfigurationCommand).rejects(new ResourceNotFoundException({ message: 'gone', $metadata: {} }));
    await expect(onKvsNotificationEvent(cfnEvent('Delete', TYPE, PROPS, { PhysicalResourceId: 'front-door' }), clock.deadline())).resolves.toEqual({});
  });

  test('no configuration on the stream: nothing to remove', async () => {
    stateful();
    await onKvsNotificationEvent(cfnEvent('Delete', TYPE, PROPS, { PhysicalResourceId: 'front-door' }), clock.deadline());
    expect(sent()).toEqual([[DESCRIBE, { StreamARN: STREAM_ARN }]]);
  });

  test('a configuration to another topic (not this resource\'s) is left in place', async () => {
    streams.set(STREAM_ARN, FOREIGN);
    stateful();
    await onKvsNotificationEvent(cfnEvent('Delete', TYPE, PROPS, { PhysicalResourceId: 'front-door' }), clock.deadline());
    expect(sent()).toEqual([[DESCRIBE, { StreamARN: STREAM_ARN }]]);
    expect(streams.get(STREAM_ARN)).toEqual(FOREIGN);
  });

  test('access denied fails the Delete (never reported as success)', async () => {
    streams.set(STREAM_ARN, CONFIG);
    stateful();
    kvs.on(UpdateNotificationConfigurationCommand).rejects(new AccessDeniedException({ message: 'denied', $metadata: {} }));
    await expect(onKvsNotificationEvent(cfnEvent('Delete', TYPE, PROPS, { PhysicalResourceId: 'front-door' }), clock.deadline())).rejects.toThrow('denied');
  });
});
