/** What the notification handler tests share: a stateful mock of the two calls, and the commands sent. */
import {
  DescribeNotificationConfigurationCommand,
  KinesisVideoClient,
  ResourceNotFoundException,
  UpdateNotificationConfigurationCommand,
} from '@aws-sdk/client-kinesis-video';
import type { NotificationConfiguration } from '@aws-sdk/client-kinesis-video';
import { mockClient } from 'aws-sdk-client-mock';
import { KVS_NOTIFICATION_RESOURCE_TYPE } from '../../../src/kvs/notification.contract';
import type { KvsNotificationProperties } from '../../../src/kvs/notification.contract';
import { VirtualClock } from '../../helpers/clock';
import { useSdkMocks } from '../../helpers/sdk-mock';

export const kvs = mockClient(KinesisVideoClient);
export const TYPE = KVS_NOTIFICATION_RESOURCE_TYPE;
export const STREAM_ARN = 'arn:aws:kinesisvideo:us-east-1:123456789012:stream/front-door/1700000000000';
export const OTHER_ARN = 'arn:aws:kinesisvideo:us-east-1:123456789012:stream/back-door/1700000000001';
export const TOPIC = 'arn:aws:sns:us-east-1:123456789012:motion';
export const OTHER_TOPIC = 'arn:aws:sns:us-east-1:123456789012:someone-elses';

export const CONFIG = { Status: 'ENABLED', DestinationConfig: { Uri: TOPIC } } as const;
export const PROPS: KvsNotificationProperties = { StreamARN: STREAM_ARN, NotificationConfiguration: CONFIG };
export const FOREIGN: NotificationConfiguration = { Status: 'ENABLED', DestinationConfig: { Uri: OTHER_TOPIC } };

export const DESCRIBE = 'DescribeNotificationConfigurationCommand';
export const UPDATE = 'UpdateNotificationConfigurationCommand';

/** The state of one test: the streams' configurations (as Update leaves them and Describe shows them) and the clock. */
export const t = {
  streams: new Map<string, NotificationConfiguration | undefined>(),
  clock: new VirtualClock(),
};

/** Update and Describe keep and show t.streams; Describe may lag (show nothing) for its first reads. */
export function stateful(options: { describeLagsBy?: number } = {}) {
  let lag = options.describeLagsBy ?? 0;
  kvs.on(UpdateNotificationConfigurationCommand).callsFake((input) => {
    if (!t.streams.has(input.StreamARN ?? input.StreamName)) throw new ResourceNotFoundException({ message: 'no such stream', $metadata: {} });
    t.streams.set(input.StreamARN ?? input.StreamName, input.NotificationConfiguration);
    return {};
  });
  kvs.on(DescribeNotificationConfigurationCommand).callsFake((input) => {
    const key = input.StreamARN ?? input.StreamName;
    if (!t.streams.has(key)) throw new ResourceNotFoundException({ message: 'no such stream', $metadata: {} });
    if (lag > 0) {
      lag--;
      return {};
    }
    return { NotificationConfiguration: t.streams.get(key) };
  });
}

/** Every command sent, in order, as [command, input]. */
export function sent(): [string, unknown][] {
  return kvs.calls().map((c) => [(c.args[0] as any).constructor.name, (c.args[0] as any).input]);
}

/** Registers the per-test reset: the mock and the clock (useSdkMocks), two streams without configuration. */
export function useNotificationMocks(): void {
  t.clock = useSdkMocks(kvs).clock;
  beforeEach(() => {
    t.streams = new Map([[STREAM_ARN, undefined], [OTHER_ARN, undefined]]);
  });
}
