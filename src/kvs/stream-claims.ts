import { Stack, Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { KvsStream } from './stream';

/**
 * Which KvsImageGeneration configures each stream, per app (keyed by the
 * construct tree's root, so that apps never see each other's): a stream has
 * one image generation configuration, and two constructs on it would
 * overwrite each other and the first Delete would remove the other's.
 */
const CLAIMS = new WeakMap<IConstruct, Map<string, string>>();

/**
 * The ways `stream` can be recognized: the CfnStream itself, the token of its
 * ARN, and account/Region/name where all three are known (a stream is unique
 * by name in an account and Region). An env-agnostic stack's streams are
 * compared within the stack only.
 */
function identities(scope: IConstruct, stream: KvsStream): string[] {
  const stack = Stack.of(scope);
  const where = Token.isUnresolved(stack.account) || Token.isUnresolved(stack.region)
    ? `stack:${stack.node.path}`
    : `${stack.account}/${stack.region}`;
  const keys: string[] = [];
  const byName = (name: string | undefined) => {
    if (name !== undefined) keys.push(Token.isUnresolved(name) ? `token:${name}` : `${where}/${name}`);
  };
  if (stream.cfnStream) {
    keys.push(`construct:${stream.cfnStream.node.path}`);
    byName(stream.cfnStream.name);
  }
  const arn = stream.streamArn;
  if (arn !== undefined && Token.isUnresolved(arn)) {
    keys.push(`token:${arn}`);
  } else if (arn !== undefined) {
    const match = /^arn:[^:]+:kinesisvideo:([^:]+):(\d{12}):stream\/([^/]+)\//.exec(arn);
    if (match) keys.push(`${match[2]}/${match[1]}/${match[3]}`);
  } else {
    byName(stream.streamName);
  }
  return keys;
}

/** The path of the KvsImageGeneration already configuring `stream` in this app, if any. */
export function streamClaimedBy(scope: IConstruct, stream: KvsStream): string | undefined {
  const claims = CLAIMS.get(scope.node.root);
  return identities(scope, stream).map((key) => claims?.get(key)).find((path) => path !== undefined);
}

/** Records that `scope` (a KvsImageGeneration) configures `stream`. */
export function claimStream(scope: IConstruct, stream: KvsStream): void {
  let claims = CLAIMS.get(scope.node.root);
  if (!claims) {
    claims = new Map();
    CLAIMS.set(scope.node.root, claims);
  }
  for (const key of identities(scope, stream)) claims.set(key, scope.node.path);
}
