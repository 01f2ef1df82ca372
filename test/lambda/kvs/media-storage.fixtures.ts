/** What the media storage handler tests share: a stateful mock of the channels, the streams and the four calls. */
import {
  DescribeMediaStorageConfigurationCommand,
  DescribeSignalingChannelCommand,
  DescribeStreamCommand,
  KinesisVideoClient,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateMediaStorageConfigurationCommand,
} from '@aws-sdk/client-kinesis-video';
import type { MediaStorageConfiguration } from '@aws-sdk/client-kinesis-video';
import { mockClient } from 'aws-sdk-client-mock';
import { KVS_MEDIA_STORAGE_RESOURCE_TYPE } from '../../../src/kvs/media-storage.contract';
import type { KvsMediaStorageProperties } from '../../../src/kvs/media-storage.contract';
import { VirtualClock } from '../../helpers/clock';
import { useSdkMocks } from '../../helpers/sdk-mock';

export const kvs = mockClient(KinesisVideoClient);
export const TYPE = KVS_MEDIA_STORAGE_RESOURCE_TYPE;
export const CHANNEL_ARN = 'arn:aws:kinesisvideo:us-east-1:123456789012:channel/doorbell/1700000000000';
export const OTHER_CHANNEL_ARN = 'arn:aws:kinesisvideo:us-east-1:123456789012:channel/intercom/1700000000001';
export const STREAM_ARN = 'arn:aws:kinesisvideo:us-east-1:123456789012:stream/front-door/1700000000002';
export const OTHER_STREAM_ARN = 'arn:aws:kinesisvideo:us-east-1:123456789012:stream/back-door/1700000000003';

export const PROPS: KvsMediaStorageProperties = { ChannelARN: CHANNEL_ARN, StreamARN: STREAM_ARN, Status: 'ENABLED' };
export const STORED: MediaStorageConfiguration = { Status: 'ENABLED', StreamARN: STREAM_ARN };
export const FOREIGN: MediaStorageConfiguration = { Status: 'ENABLED', StreamARN: OTHER_STREAM_ARN };
export const NONE: MediaStorageConfiguration = { Status: 'DISABLED' };

export const DESCRIBE = 'DescribeMediaStorageConfigurationCommand';
export const UPDATE = 'UpdateMediaStorageConfigurationCommand';
export const DESCRIBE_CHANNEL = 'DescribeSignalingChannelCommand';
export const DESCRIBE_STREAM = 'DescribeStreamCommand';

const notFound = (what: string) => new ResourceNotFoundException({ message: `${what} not found`, $metadata: {} });

/** The state of one test: the channels' configurations (by ARN), the streams (by ARN) and the clock. */
export const t = {
  channels: new Map<string, MediaStorageConfiguration | undefined>(),
  streams: new Set<string>(),
  clock: new VirtualClock(),
};

/** The four calls keep and show t.channels and t.streams, as the service does; Describe may lag (show the old value). */
export function stateful(options: { describeLagsBy?: number } = {}) {
  let lag = 0;
  let stale: MediaStorageConfiguration | undefined;
  kvs.on(UpdateMediaStorageConfigurationCommand).callsFake((input) => {
    if (!t.channels.has(input.ChannelARN)) throw notFound('channel');
    const config = input.MediaStorageConfiguration;
    if (config.StreamARN && !t.streams.has(config.StreamARN)) throw notFound('stream');
    const holder = [...t.channels].find(([arn, c]) => arn !== input.ChannelARN && c?.Status === 'ENABLED' && c.StreamARN === config.StreamARN);
    if (config.Status === 'ENABLED' && holder) throw new ResourceInUseException({ message: 'The stream is already mapped to a different resource', $metadata: {} });
    stale = t.channels.get(input.ChannelARN);
    lag = options.describeLagsBy ?? 0;
    t.channels.set(input.ChannelARN, config);
    return {};
  });
  kvs.on(DescribeMediaStorageConfigurationCommand).callsFake((input) => {
    if (!t.channels.has(input.ChannelARN)) throw notFound('channel');
    if (lag > 0) {
      lag--;
      return { MediaStorageConfiguration: stale ?? NONE };
    }
    return { MediaStorageConfiguration: t.channels.get(input.ChannelARN) ?? NONE };
  });
  kvs.on(DescribeSignalingChannelCommand).callsFake((input) => {
    const arn = [...t.channels.keys()].find((a) => a.includes(`:channel/${input.ChannelName}/`));
    if (!arn) throw notFound('channel');
    return { ChannelInfo: { ChannelName: input.ChannelName, ChannelARN: arn, ChannelType: 'SINGLE_MASTER' } };
  });
  kvs.on(DescribeStreamCommand).callsFake((input) => {
    const arn = [...t.streams].find((a) => a.includes(`:stream/${input.StreamName}/`));
    if (!arn) throw notFound('stream');
    return { StreamInfo: { StreamName: input.StreamName, StreamARN: arn } };
  });
}

/** Every command sent, in order, as [command, input]. */
export function sent(): [string, unknown][] {
  return kvs.calls().map((c) => [(c.args[0] as any).constructor.name, (c.args[0] as any).input]);
}

/** Registers the per-test reset: the mock and the clock (useSdkMocks), two channels without storage, two streams. */
export function useMediaStorageMocks(): void {
  t.clock = useSdkMocks(kvs).clock;
  beforeEach(() => {
    t.channels = new Map([[CHANNEL_ARN, undefined], [OTHER_CHANNEL_ARN, undefined]]);
    t.streams = new Set([STREAM_ARN, OTHER_STREAM_ARN]);
  });
}
