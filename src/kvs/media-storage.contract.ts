/**
 * The contract between KvsMediaStorageConfiguration (src/kvs/media-storage.ts)
 * and its handler (lambda/kvs/media-storage.ts). Imports only src/core/wire.ts.
 */
import { asObject, optionalBoolean, optionalString } from '../core/wire';
import type { PropertyUpdate, Wire } from '../core/wire';

/** The custom resource type of a signaling channel's media storage configuration. */
export const KVS_MEDIA_STORAGE_RESOURCE_TYPE = 'Custom::KvsMediaStorage';

export interface KvsMediaStorageProperties {
  /** The channel's ARN; one of ChannelARN and ChannelName is given. */
  readonly ChannelARN?: string;
  /** The channel's name (its ARN is looked up with DescribeSignalingChannel). */
  readonly ChannelName?: string;
  /** The stream's ARN; one of StreamARN and StreamName is given. */
  readonly StreamARN?: string;
  /** The stream's name (its ARN is looked up with DescribeStream). */
  readonly StreamName?: string;
  /** Whether the channel's media is stored in the stream. */
  readonly Status: 'ENABLED' | 'DISABLED';
  /** Whether a configuration this resource did not write may be replaced. Handler-only. */
  readonly OverwriteExisting?: boolean;
}

/**
 * What an Update of each property does (see PropertyUpdate); docs/custom-resources.md reads it.
 * The physical ID is the channel's name: another stream is written over the channel's configuration.
 */
export const KVS_MEDIA_STORAGE_UPDATES: Record<keyof KvsMediaStorageProperties, PropertyUpdate> = {
  ChannelARN: 'replacement',
  ChannelName: 'replacement',
  StreamARN: 'in place',
  StreamName: 'in place',
  Status: 'in place',
  OverwriteExisting: 'handler only',
};

/** The attributes (response Data) of a KvsMediaStorage resource. */
export interface KvsMediaStorageAttributes {
  /** The channel's name (the physical ID). */
  readonly ChannelName: string;
  readonly ChannelArn: string;
  /** The stream the channel stores into, as DescribeMediaStorageConfiguration reports it. */
  readonly StreamArn: string;
  /** `ENABLED` or `DISABLED`, as applied. */
  readonly Status: string;
}

/** The name in a channel ARN (`arn:...:channel/<name>/<creationTime>`); undefined if malformed. */
export function channelNameOfArn(channelArn: string): string | undefined {
  return /^arn:[^:]+:kinesisvideo:[^:]*:[^:]*:channel\/([^/]+)\/[^/]+$/.exec(channelArn)?.[1];
}

export function decodeKvsMediaStorageProperties(raw: unknown): KvsMediaStorageProperties {
  const wire = asObject(raw, 'ResourceProperties') as Wire<KvsMediaStorageProperties>;
  if (wire.Status !== 'ENABLED' && wire.Status !== 'DISABLED') {
    throw new Error(`Property Status must be ENABLED or DISABLED, got ${JSON.stringify(wire.Status)}`);
  }
  const props = {
    ChannelARN: optionalString(wire.ChannelARN, 'ChannelARN'),
    ChannelName: optionalString(wire.ChannelName, 'ChannelName'),
    StreamARN: optionalString(wire.StreamARN, 'StreamARN'),
    StreamName: optionalString(wire.StreamName, 'StreamName'),
    Status: wire.Status,
    OverwriteExisting: optionalBoolean(wire.OverwriteExisting, 'OverwriteExisting'),
  };
  if (!props.ChannelARN && !props.ChannelName) throw new Error('Property ChannelARN or ChannelName must be given');
  if (!props.StreamARN && !props.StreamName) throw new Error('Property StreamARN or StreamName must be given');
  return props;
}
