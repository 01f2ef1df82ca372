import type { IConstruct } from 'constructs';
import type { ChannelDestinationOptions } from './destinations';
import { claim, claimedBy } from '../core/claims';
import type { ClaimedObject } from '../core/claims';

/**
 * Which composition (IvsComposition or IvsStageComposition) broadcasts to
 * each IVS channel, per app: a channel takes one broadcast at a time, and the
 * second composition's destination fails ("IVS Composition State Change",
 * Destination Failure: another broadcast was happening). Two compositions on
 * one stage with different destinations are fine.
 */
const KIND = 'ivs-channel';

/** A channel as a claimed object: a CfnChannel's ARN token, or the resolved ARN (a channel is unique by its ID). */
function objectOf(destination: ChannelDestinationOptions): ClaimedObject {
  return { arn: destination.channel.channelArn, arnPattern: /^arn:[^:]+:ivs:([^:]+):(\d{12}):channel\/([^/]+)$/ };
}

/** The path of the composition already broadcasting to the channel in this app, if any. */
export function channelClaimedBy(scope: IConstruct, destination: ChannelDestinationOptions): string | undefined {
  return claimedBy(scope, KIND, objectOf(destination));
}

/** Records that `scope` (a composition) broadcasts to the channel. */
export function claimChannel(scope: IConstruct, destination: ChannelDestinationOptions): void {
  claim(scope, KIND, objectOf(destination));
}

/** The error a second composition on a channel gets. */
export function channelTakenMessage(by: string): string {
  return `the channel is already the destination of a composition in this app, at '${by}': a channel takes one broadcast at a time, ` +
    'so the second composition\'s destination would fail ("another broadcast was happening"). Give each composition its own channel ' +
    '(two compositions on one stage with different destinations are fine)';
}
