import type { IConstruct } from 'constructs';
import type { KvsStream } from './stream';
import { claim, claimedBy } from '../core/claims';
import type { ClaimedObject } from '../core/claims';

/**
 * Which KvsImageGeneration configures each stream, per app: a stream has one
 * image generation configuration, and two constructs on it would overwrite
 * each other and the first Delete would remove the other's.
 */
const KIND = 'kvs-image-generation';

/** A stream as a claimed object: its CfnStream, its ARN, its name (unique in an account and Region). */
export function streamObjectOf(stream: KvsStream): ClaimedObject {
  return {
    construct: stream.cfnStream,
    arn: stream.streamArn,
    arnPattern: /^arn:[^:]+:kinesisvideo:([^:]+):(\d{12}):stream\/([^/]+)\//,
    name: stream.cfnStream ? stream.cfnStream.name : stream.streamName,
  };
}

/** The path of the KvsImageGeneration already configuring `stream` in this app, if any. */
export function streamClaimedBy(scope: IConstruct, stream: KvsStream): string | undefined {
  return claimedBy(scope, KIND, streamObjectOf(stream));
}

/** Records that `scope` (a KvsImageGeneration) configures `stream`. */
export function claimStream(scope: IConstruct, stream: KvsStream): void {
  claim(scope, KIND, streamObjectOf(stream));
}
