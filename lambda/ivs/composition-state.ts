/** What the composition handler says about a composition and its destinations when they do not come up. */
import type { Composition, Destination } from '@aws-sdk/client-ivs-realtime';
import { isError } from '../shared/errors';

/** StartComposition answered ResourceNotFoundException: the stage or a destination's resource does not exist. */
export class StartNotFoundError extends Error {}

/** Each destination's kind, name, ID, state and details, for failure reasons. */
export function describeDestinations(composition: Composition): string {
  const described = (composition.destinations ?? []).map((d) => {
    const details = [
      d.configuration?.name && `name ${d.configuration.name}`,
      d.detail?.s3?.recordingPrefix && `recording prefix ${d.detail.s3.recordingPrefix}`,
      d.endTime && `ended ${new Date(d.endTime).toISOString()}`,
    ].filter(Boolean);
    return `${kindOf(d)} destination ${d.id}: ${d.state}${details.length ? ` (${details.join(', ')})` : ''}`;
  });
  return described.length > 0 ? described.join('; ') : 'no destinations reported';
}

/** An error naming the first FAILED destination, its kind and state and the likely cause; undefined if none failed. */
export function failedDestination(composition: Composition): Error | undefined {
  const failed = (composition.destinations ?? []).find((d) => d.state === 'FAILED');
  if (!failed) return undefined;
  const cause = failed.configuration?.channel
    ? 'The channel may have no stream key, or another broadcast (a stream or another composition) may be live on it'
    : 'The bucket of the storage configuration may not let IVS write to it (its bucket policy, or a KMS key IVS cannot use)';
  return new Error(
    `Composition ${composition.arn} is ${composition.state}, but its ${kindOf(failed)} destination ${failed.id} is FAILED ` +
    `(${describeDestinations(composition)}). ${cause}`,
  );
}

function kindOf(d: Destination): string {
  return d.configuration?.channel ? `channel ${d.configuration.channel.channelArn}` : d.configuration?.s3 ? 'S3' : 'destination';
}

export function startHint(error: unknown): string {
  if (isError(error, 'ServiceQuotaExceededException')) return ' (the account runs as many compositions as its quota allows)';
  if (isError(error, 'ConflictException') || (error instanceof Error && error.message.includes('ConflictException'))) return ' (a channel destination must be offline: no other composition or stream may be broadcasting to it)';
  if (isError(error, 'ResourceNotFoundException')) return ' (the stage, or a resource a destination names, does not exist in this account and Region)';
  return '';
}
