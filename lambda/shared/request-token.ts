import { createHash } from 'node:crypto';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

/**
 * The idempotency token of a Start call (IVS `idempotencyToken`, Chime
 * `ClientRequestToken`): a function of the stack, the resource and the
 * CloudFormation request, so that a retried invocation of the same request
 * gets what the first one started, while every new request (a replacement, a
 * rollback) starts anew. 64 hex characters. Sensitive: never logged.
 */
export function requestToken(event: Pick<CloudFormationCustomResourceEvent, 'StackId' | 'LogicalResourceId' | 'RequestId'>): string {
  return createHash('sha256').update([event.StackId, event.LogicalResourceId, event.RequestId].join('\n')).digest('hex');
}

/**
 * A token derived from `parts` alone (sha256, hex, the first `length`
 * characters): the same parts always give the same token, so that every
 * delivery of the same trigger sends the same idempotency token.
 */
export function derivedToken(parts: readonly string[], length = 64): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, length);
}
