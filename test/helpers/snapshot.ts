import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/**
 * The stack's template for a snapshot, with the handler asset's hash masked:
 * it changes with every change to lambda/, which the handler's own tests cover.
 */
export function snapshotOf(stack: Stack): unknown {
  const json = JSON.stringify(Template.fromStack(stack).toJSON());
  return JSON.parse(json.replace(/[0-9a-f]{64}(\.zip)/g, '[asset hash]$1'));
}
