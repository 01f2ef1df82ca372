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
