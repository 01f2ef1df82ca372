import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Every resource of one type in the scope's account and Region, for the
 * actions whose resource is only known at run time:
 * `arn:<partition>:<service>:<region>:<account>:<resource>/*`.
 * `resourceName` is the part after `<resource>/`: `'*'`, or two levels for
 * Kinesis Video streams, whose ARNs end in a creation time.
 */
export function typeWildcardArn(scope: IConstruct, service: string, resource: string, resourceName: string = '*'): string {
  return Stack.of(scope).formatArn({ service, resource, resourceName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
}
