/**
 * The owner tag's value (key OWNER_TAG_KEY): the stack resource that created
 * an object, so that a handler adopts only its own objects.
 */
import { createHash } from 'node:crypto';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

/** The APIs' TagValue maximum length: a longer owner is tagged as its sha256. */
const TAG_VALUE_MAX = 256;

/** `<StackId>/<LogicalResourceId>`, or its sha256 when too long for a tag value. */
export function ownerTagValue(event: Pick<CloudFormationCustomResourceEvent, 'StackId' | 'LogicalResourceId'>): string {
  const owner = `${event.StackId}/${event.LogicalResourceId}`;
  return owner.length <= TAG_VALUE_MAX ? owner : `sha256:${createHash('sha256').update(owner).digest('hex')}`;
}
