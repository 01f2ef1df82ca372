/**
 * The fake's Kinesis Video signaling channels and their media storage
 * configuration (WebRTC ingestion into a stream), with the checks the
 * service makes that the model cannot express: an enabled configuration
 * needs an existing stream with data retention, and a stream takes the
 * media of one channel (ResourceInUseException).
 */
import { FAKE_ACCOUNT, FAKE_REGION, ServiceError } from './fake-common';
import type { FakeStream } from './fake-kvs';

export interface FakeChannelOptions {
  readonly name: string;
  /** @default SINGLE_MASTER */
  readonly type?: 'SINGLE_MASTER' | 'FULL_MESH';
  /** @default arn:aws:kinesisvideo:<region>:<account>:channel/<name>/<a creation time> */
  readonly arn?: string;
}

export interface FakeChannel {
  readonly name: string;
  readonly arn: string;
  readonly type: string;
  /** The media storage configuration, as the last UpdateMediaStorageConfiguration set it. */
  media?: { Status: string; StreamARN?: string };
  /** How many DescribeMediaStorageConfiguration calls after an Update still show the configuration from before it (Infinity: never confirming). */
  mediaLag?: number;
  staleMedia?: { reads: number; config?: { Status: string; StreamARN?: string } };
}

let creationTime = 1_700_000_100_000;

export class FakeKvsChannels {
  public readonly channels = new Map<string, FakeChannel>();

  public readonly operations = {
    DescribeSignalingChannel: (input: { ChannelName?: string; ChannelARN?: string }) => {
      const c = this.find(input);
      return { ChannelInfo: { ChannelName: c.name, ChannelARN: c.arn, ChannelType: c.type, ChannelStatus: 'ACTIVE' } };
    },
    DescribeMediaStorageConfiguration: (input: { ChannelName?: string; ChannelARN?: string }) => {
      const c = this.find(input);
      const stale = c.staleMedia;
      const shown = stale && stale.reads-- > 0 ? stale.config : c.media;
      // A channel never configured reports storage disabled.
      return { MediaStorageConfiguration: shown ?? { Status: 'DISABLED' } };
    },
    UpdateMediaStorageConfiguration: (input: { ChannelARN: string; MediaStorageConfiguration: { Status: string; StreamARN?: string } }) =>
      this.update(input),
  };

  constructor(private readonly streams: () => Iterable<FakeStream>) {}

  public addChannel(options: FakeChannelOptions): FakeChannel {
    const channel: FakeChannel = {
      name: options.name,
      arn: options.arn ?? `arn:aws:kinesisvideo:${FAKE_REGION}:${FAKE_ACCOUNT}:channel/${options.name}/${creationTime++}`,
      type: options.type ?? 'SINGLE_MASTER',
    };
    this.channels.set(channel.name, channel);
    return channel;
  }

  public channel(name: string): FakeChannel {
    const c = this.channels.get(name);
    if (!c) throw new Error(`The fake has no signaling channel ${name}`);
    return c;
  }

  /** Deletes a channel (and its configuration with it). */
  public removeChannel(name: string): void {
    this.channels.delete(name);
  }

  public reset(): void {
    this.channels.clear();
  }

  private find(input: { ChannelName?: string; ChannelARN?: string }): FakeChannel {
    if (!input.ChannelName && !input.ChannelARN) throw new ServiceError('InvalidArgumentException', 'ChannelName or ChannelARN must be provided');
    const channel = [...this.channels.values()].find((c) => (input.ChannelARN ? c.arn === input.ChannelARN : c.name === input.ChannelName));
    if (!channel) throw new ServiceError('ResourceNotFoundException', 'The requested channel is not found or not active.');
    return channel;
  }

  private update(input: { ChannelARN: string; MediaStorageConfiguration: { Status: string; StreamARN?: string } }) {
    const channel = this.find(input);
    const config = input.MediaStorageConfiguration;
    if (config.Status === 'ENABLED') {
      if (!config.StreamARN) throw new ServiceError('InvalidArgumentException', 'StreamARN is required when Status is ENABLED.');
      const stream = [...this.streams()].find((s) => s.arn === config.StreamARN);
      if (!stream) throw new ServiceError('ResourceNotFoundException', 'The requested stream is not found or not active.');
      if (stream.retentionHours <= 0) throw new ServiceError('NoDataRetentionException', `The stream ${stream.name} has no data retention.`);
      const holder = [...this.channels.values()].find((c) => c !== channel && c.media?.Status === 'ENABLED' && c.media.StreamARN === config.StreamARN);
      if (holder) {
        throw new ServiceError('ResourceInUseException', `The stream ${stream.name} is already mapped to a different resource, ${holder.arn}.`);
      }
    }
    if (channel.mediaLag) channel.staleMedia = { reads: channel.mediaLag, config: channel.media };
    channel.media = JSON.parse(JSON.stringify(config));
    return {};
  }
}
