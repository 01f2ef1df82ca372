import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { KvsStream } from './stream';
import { typeWildcardArn } from '../core/arns';
import type { ScopedResource } from '../core/provider';

/**
 * The stream as an IAM resource: its ARN, or, for a stream known by name
 * only, `stream/<name>/*` (the ARN ends in the creation time) in the stack's
 * account and Region; its per-type pattern covers every stream of them.
 */
export function streamPolicyResource(scope: IConstruct, stream: KvsStream): ScopedResource {
  const stack = Stack.of(scope);
  const arn = stream.streamArn ?? stack.formatArn({
    service: 'kinesisvideo',
    resource: 'stream',
    resourceName: `${stream.streamName}/*`,
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });
  // stream/<name>/<creationTime>: the ARN format of the Service Authorization Reference.
  const typeWildcard = typeWildcardArn(stack, 'kinesisvideo', 'stream', '*/*');
  return { arn, typeWildcard };
}

