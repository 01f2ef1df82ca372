/**
 * The contract between KvsNotificationConfiguration (src/kvs/notification.ts)
 * and its handler (lambda/kvs/notification.ts). Imports only src/core/wire.ts.
 */
import { asObject, optionalBoolean, optionalString, requiredString } from '../core/wire';
import type { PropertyUpdate, Wire } from '../core/wire';

/** The custom resource type of a stream's notification configuration. */
export const KVS_NOTIFICATION_RESOURCE_TYPE = 'Custom::KvsNotification';

export interface NotificationConfigurationContract {
  readonly Status: 'ENABLED' | 'DISABLED';
  /** The SNS topic ARN, as the API's `Uri`. */
  readonly DestinationConfig: { readonly Uri: string };
}

export interface KvsNotificationProperties {
  /** The stream's ARN; one of StreamARN and StreamName is given. */
  readonly StreamARN?: string;
  readonly StreamName?: string;
  readonly NotificationConfiguration: NotificationConfigurationContract;
  /** Whether a configuration this resource did not write may be replaced. Handler-only. */
  readonly OverwriteExisting?: boolean;
}

/** What an Update of each property does (see PropertyUpdate); the handler and docs/custom-resources.md read it. */
export const KVS_NOTIFICATION_UPDATES: Record<keyof KvsNotificationProperties, PropertyUpdate> = {
  StreamARN: 'replacement',
  StreamName: 'replacement',
  NotificationConfiguration: 'in place',
  OverwriteExisting: 'handler only',
};

/** The attributes (response Data) of a KvsNotification resource. */
export interface KvsNotificationAttributes {
  readonly StreamName: string;
  readonly Status: string;
  readonly DestinationUri: string;
}

export function decodeKvsNotificationProperties(raw: unknown): KvsNotificationProperties {
  const wire = asObject(raw, 'ResourceProperties') as Wire<KvsNotificationProperties>;
  const config = asObject(wire.NotificationConfiguration, 'NotificationConfiguration') as Wire<NotificationConfigurationContract>;
  if (config.Status !== 'ENABLED' && config.Status !== 'DISABLED') {
    throw new Error(`Property NotificationConfiguration.Status must be ENABLED or DISABLED, got ${JSON.stringify(config.Status)}`);
  }
  const streamArn = optionalString(wire.StreamARN, 'StreamARN');
  const streamName = optionalString(wire.StreamName, 'StreamName');
  if (!streamArn && !streamName) throw new Error('Property StreamARN or StreamName must be given');
  return {
    StreamARN: streamArn,
    StreamName: streamName,
    NotificationConfiguration: {
      Status: config.Status,
      DestinationConfig: { Uri: requiredString(config.DestinationConfig?.Uri, 'NotificationConfiguration.DestinationConfig.Uri') },
    },
    OverwriteExisting: optionalBoolean(wire.OverwriteExisting, 'OverwriteExisting'),
  };
}
