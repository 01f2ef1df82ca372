import {
  DescribeNotificationConfigurationCommand,
  UpdateNotificationConfigurationCommand,
} from '@aws-sdk/client-kinesis-video';
import type { NotificationConfiguration } from '@aws-sdk/client-kinesis-video';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { decodeKvsNotificationProperties } from '../../src/kvs/notification.contract';
import type { KvsNotificationAttributes, KvsNotificationProperties, NotificationConfigurationContract } from '../../src/kvs/notification.contract';
import { streamNameOf, streamOf } from '../../src/kvs/stream.contract';
import { isStreamNotActive, kinesisVideoClient } from '../shared/clients/kinesis-video';
import { UNDO_RESERVE_MS } from '../shared/deadline';
import type { Deadline } from '../shared/deadline';
import { describeError, isError } from '../shared/errors';
import { pollUntil } from '../shared/polling';
import { retryUntilDeadline } from '../shared/retry';
import type { HandlerResponse } from '../shared/types';

const kvs = kinesisVideoClient();

/** How long Describe is given to show what Update applied before the resource fails. */
const CONFIRM_TIMEOUT_MS = 10_000;

/**
 * A stream's notification configuration. The API has no owner marker, so
 * "ours" means: on the stream this resource already holds (an in-place
 * Update), or identical to what this resource writes (a repeated delivery,
 * or the rollback of a replacement back to the stream it still holds).
 */
export async function onKvsNotificationEvent(event: CloudFormationCustomResourceEvent, deadline: Deadline): Promise<HandlerResponse> {
  const props = decodeKvsNotificationProperties(event.ResourceProperties);
  switch (event.RequestType) {
    case 'Create':
      return apply(props, false, deadline);
    case 'Update':
      // Another stream is another physical ID: CloudFormation deletes the old
      // one in its cleanup, which removes the old stream's configuration.
      return apply(props, event.PhysicalResourceId === physicalIdOf(props), deadline);
    case 'Delete':
      await remove(props, deadline);
      return {};
  }
}

/** The physical ID: the stream's name, so that naming one stream by ARN or by name is the same resource. */
export function physicalIdOf(props: KvsNotificationProperties): string {
  return streamNameOf(props);
}

function sameConfiguration(a: NotificationConfiguration | undefined, b: NotificationConfigurationContract): boolean {
  return a?.Status === b.Status && a.DestinationConfig?.Uri === b.DestinationConfig.Uri;
}

function summary(c: NotificationConfiguration | undefined): string {
  return c ? `Status ${c.Status}, topic ${c.DestinationConfig?.Uri}` : 'no configuration';
}

async function apply(props: KvsNotificationProperties, onOwnStream: boolean, deadline: Deadline): Promise<HandlerResponse> {
  const name = physicalIdOf(props);
  const wanted = props.NotificationConfiguration;
  // Writing and confirming leave time to undo the write before answering.
  const work = deadline.within(Infinity, UNDO_RESERVE_MS);
  const before = await read(props);
  if (!onOwnStream && before && !sameConfiguration(before, wanted) && !props.OverwriteExisting) {
    throw new Error(
      `Stream ${name} already has a notification configuration (${summary(before)}) that this resource did not write; ` +
      'it was left unchanged. Remove it, or set overwriteExisting to replace it (deleting this resource then removes it)',
    );
  }
  await write(props, wanted, work);
  let applied: NotificationConfiguration;
  try {
    applied = await confirm(props, work);
  } catch (error) {
    throw new Error(`${describeError(error)}; ${await undo(props, before, deadline)}`);
  }
  const data: KvsNotificationAttributes = {
    StreamName: name,
    Status: applied.Status ?? '',
    DestinationUri: applied.DestinationConfig?.Uri ?? '',
  };
  return { PhysicalResourceId: name, Data: { ...data } };
}

async function read(props: KvsNotificationProperties): Promise<NotificationConfiguration | undefined> {
  try {
    return (await kvs.send(new DescribeNotificationConfigurationCommand(streamOf(props)))).NotificationConfiguration;
  } catch (error) {
    if (isError(error, 'ResourceNotFoundException')) {
      throw new Error(`Stream ${physicalIdOf(props)} was not found in this account and Region: ${describeError(error)}`);
    }
    throw error;
  }
}

/** Sets the configuration; none removes it. */
async function write(props: KvsNotificationProperties, config: NotificationConfiguration | undefined, deadline: Deadline): Promise<void> {
  try {
    await retryUntilDeadline(
      () => kvs.send(new UpdateNotificationConfigurationCommand({ ...streamOf(props), NotificationConfiguration: config })),
      deadline,
      { what: `stream ${physicalIdOf(props)} to become ACTIVE`, retryable: isStreamNotActive },
    );
  } catch (error) {
    if (isError(error, 'NoDataRetentionException')) {
      throw new Error(
        `Stream ${physicalIdOf(props)} has no data retention, and notifications need it: ` +
        'give the stream a data retention above 0 hours (DataRetentionInHours) and deploy again',
      );
    }
    throw error;
  }
}

/** Reads the configuration back until it shows what was applied (Describe may lag behind Update). */
async function confirm(props: KvsNotificationProperties, deadline: Deadline): Promise<NotificationConfiguration> {
  const wanted = props.NotificationConfiguration;
  const shown = await pollUntil(deadline, {
    waitingFor: `stream ${physicalIdOf(props)} to report its notification configuration`,
    read: () => read(props),
    done: (seen) => sameConfiguration(seen, wanted),
    timeoutMs: CONFIRM_TIMEOUT_MS,
    onTimeout: ({ last }) => new Error(
      `Stream ${physicalIdOf(props)} accepted the notification configuration but DescribeNotificationConfiguration ` +
      `reports ${summary(last)} instead of ${summary(wanted)}`,
    ),
  });
  return shown!;
}

/**
 * Puts back what was on the stream before a write that could not be
 * confirmed (or removes the write), so that a failed Create leaves nothing:
 * aws-cdk-lib's entrypoint answers the Delete that follows it without us.
 * Says what happened, never throws.
 */
async function undo(props: KvsNotificationProperties, before: NotificationConfiguration | undefined, deadline: Deadline): Promise<string> {
  try {
    await write(props, before, deadline);
    return before ? `restored the previous configuration (${summary(before)})` : 'removed the configuration it wrote';
  } catch (error) {
    return `could not undo the write (${describeError(error)})`;
  }
}

async function remove(props: KvsNotificationProperties, deadline: Deadline): Promise<void> {
  const name = physicalIdOf(props);
  let current: NotificationConfiguration | undefined;
  try {
    current = (await kvs.send(new DescribeNotificationConfigurationCommand(streamOf(props)))).NotificationConfiguration;
  } catch (error) {
    // The stream is gone, and its configuration with it.
    if (!isError(error, 'ResourceNotFoundException')) throw error;
    console.log(`Stream ${name} no longer exists: nothing to remove`);
    return;
  }
  if (!current) {
    console.log(`Stream ${name} has no notification configuration: nothing to remove`);
    return;
  }
  if (current.DestinationConfig?.Uri !== props.NotificationConfiguration.DestinationConfig.Uri) {
    console.log(`Stream ${name} notifies ${current.DestinationConfig?.Uri}, not this resource's topic: left in place`);
    return;
  }
  try {
    // No NotificationConfiguration removes it from the stream.
    await write(props, undefined, deadline);
  } catch (error) {
    if (!isError(error, 'ResourceNotFoundException')) throw error;
    console.log(`Stream ${name} no longer exists: nothing to remove`);
  }
}
