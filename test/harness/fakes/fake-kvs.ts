/**
 * The fake's Kinesis Video Streams state: streams the test registers, each
 * with its image generation configuration.
 */
import type { FakeServiceState } from './fake-common';
import { FAKE_ACCOUNT, FAKE_REGION, ServiceError } from './fake-common';
import { FakeKvsChannels } from './fake-kvs-channels';

export interface FakeStreamOptions {
  readonly name: string;
  /** 0 means no data retention: image generation is refused (NoDataRetentionException). @default 24 */
  readonly retentionHours?: number;
  /** How many Update calls answer ResourceInUseException (the stream is still CREATING). @default 0 */
  readonly creatingCalls?: number;
  /** @default the fake's Region */
  readonly region?: string;
  /** @default arn:aws:kinesisvideo:<region>:<account>:stream/<name>/<a creation time> */
  readonly arn?: string;
}

export interface FakeStream {
  readonly name: string;
  readonly arn: string;
  readonly region: string;
  retentionHours: number;
  creatingCalls: number;
  /** The image generation configuration, as the last Update set it. */
  config?: Record<string, any>;
  /** The notification configuration, as the last UpdateNotificationConfiguration set it. */
  notification?: Record<string, any>;
  /**
   * How many DescribeNotificationConfiguration calls after an Update still
   * show the configuration from before it (Describe lagging; Infinity: never
   * confirming). Reset by each Update to `notificationLag`.
   */
  notificationLag?: number;
  staleNotification?: { reads: number; config?: Record<string, any> };
}

/** The documented minimum (the model has no range). */
const MIN_SAMPLING_INTERVAL_MS = 200;

let creationTime = 1_700_000_000_000;

export class FakeKvs implements FakeServiceState {
  public readonly streams = new Map<string, FakeStream>();

  /** The signaling channels and their media storage configuration. */
  public readonly channels = new FakeKvsChannels(() => this.streams.values());

  public readonly operations = {
    UpdateImageGenerationConfiguration: (input: any) => this.update(input),
    DescribeImageGenerationConfiguration: (input: any) => {
      const stream = this.find(input);
      return stream.config ? { ImageGenerationConfiguration: stream.config } : {};
    },
    UpdateNotificationConfiguration: (input: any) => this.updateNotification(input),
    DescribeNotificationConfiguration: (input: any) => {
      const stream = this.find(input);
      const stale = stream.staleNotification;
      const shown = stale && stale.reads-- > 0 ? stale.config : stream.notification;
      return shown ? { NotificationConfiguration: shown } : {};
    },
    DescribeStream: (input: any) => {
      const s = this.find(input);
      return { StreamInfo: { StreamName: s.name, StreamARN: s.arn, Status: 'ACTIVE', DataRetentionInHours: s.retentionHours } };
    },
    ...this.channels.operations,
  };

  /** Registers a stream; its ARN ends in a creation time, as real ones do. */
  public addStream(options: FakeStreamOptions): FakeStream {
    const region = options.region ?? FAKE_REGION;
    const stream: FakeStream = {
      name: options.name,
      arn: options.arn ?? `arn:aws:kinesisvideo:${region}:${FAKE_ACCOUNT}:stream/${options.name}/${creationTime++}`,
      region,
      retentionHours: options.retentionHours ?? 24,
      creatingCalls: options.creatingCalls ?? 0,
    };
    this.streams.set(stream.name, stream);
    return stream;
  }

  public stream(name: string): FakeStream {
    const s = this.streams.get(name);
    if (!s) throw new Error(`The fake has no stream ${name}`);
    return s;
  }

  /** Deletes a stream (and its configuration with it). */
  public removeStream(name: string): void {
    this.streams.delete(name);
  }

  public reset(): void {
    this.streams.clear();
    this.channels.reset();
  }

  private find(input: { StreamName?: string; StreamARN?: string }): FakeStream {
    if (!input.StreamName && !input.StreamARN) throw new ServiceError('InvalidArgumentException', 'StreamName or StreamARN must be provided');
    const stream = [...this.streams.values()].find((s) => (input.StreamARN ? s.arn === input.StreamARN : s.name === input.StreamName));
    if (!stream || (input.StreamName && input.StreamARN && stream.name !== input.StreamName)) {
      throw new ServiceError('ResourceNotFoundException', 'The requested stream is not found or not active.');
    }
    return stream;
  }

  private update(input: { StreamName?: string; StreamARN?: string; ImageGenerationConfiguration?: Record<string, any> }) {
    const stream = this.find(input);
    if (stream.creatingCalls > 0) {
      stream.creatingCalls--;
      throw new ServiceError('ResourceInUseException', `The stream ${stream.name} is currently not available for this operation: its status is CREATING.`);
    }
    const config = input.ImageGenerationConfiguration;
    if (config) {
      if (stream.retentionHours <= 0) {
        throw new ServiceError('NoDataRetentionException', `Image generation is not supported on stream ${stream.name}: it has no data retention.`);
      }
      if (config.DestinationConfig.DestinationRegion !== stream.region) {
        throw new ServiceError('InvalidArgumentException',
          `DestinationRegion ${config.DestinationConfig.DestinationRegion} must be the stream's Region, ${stream.region}.`);
      }
      if (config.SamplingInterval < MIN_SAMPLING_INTERVAL_MS) {
        throw new ServiceError('InvalidArgumentException', `SamplingInterval must be at least ${MIN_SAMPLING_INTERVAL_MS} ms.`);
      }
      const quality = config.FormatConfig?.JPEGQuality;
      if (quality !== undefined && !(/^\d+$/.test(quality) && Number(quality) >= 1 && Number(quality) <= 100)) {
        throw new ServiceError('InvalidArgumentException', `JPEGQuality must be from 1 to 100, got ${quality}.`);
      }
    }
    stream.config = config ? JSON.parse(JSON.stringify(config)) : undefined;
    return {};
  }

  /** The checks the service makes that the model cannot express: a standard SNS topic in the stream's Region. */
  private updateNotification(input: { StreamName?: string; StreamARN?: string; NotificationConfiguration?: Record<string, any> }) {
    const stream = this.find(input);
    if (stream.creatingCalls > 0) {
      stream.creatingCalls--;
      throw new ServiceError('ResourceInUseException', `The stream ${stream.name} is currently not available for this operation: its status is CREATING.`);
    }
    const config = input.NotificationConfiguration;
    if (config) {
      if (stream.retentionHours <= 0) {
        throw new ServiceError('NoDataRetentionException', `Notifications are not supported on stream ${stream.name}: it has no data retention.`);
      }
      const topic = /^arn:aws[a-z-]*:sns:([a-z0-9-]+):\d{12}:([A-Za-z0-9_.-]+)$/.exec(config.DestinationConfig.Uri);
      if (!topic || topic[1] !== stream.region || topic[2].endsWith('.fifo')) {
        throw new ServiceError('InvalidArgumentException',
          `Uri ${config.DestinationConfig.Uri} must be a standard SNS topic in the stream's Region, ${stream.region}.`);
      }
    }
    if (stream.notificationLag) stream.staleNotification = { reads: stream.notificationLag, config: stream.notification };
    stream.notification = config ? JSON.parse(JSON.stringify(config)) : undefined;
    return {};
  }
}
