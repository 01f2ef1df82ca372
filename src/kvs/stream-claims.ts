import { Stack, Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { KvsStream } from './stream';

/**
 * Which construct configures each Kinesis Video resource (stream or
 * signaling channel), per app (keyed by the construct tree's root, so that
 * apps never see each other's) and per claim (a kind of configuration): a
 * stream has one image generation configuration, a channel one media storage
 * configuration; two constructs on one would overwrite each other and the
 * first Delete would remove the other's.
 */
const CLAIMS = new WeakMap<IConstruct, Map<string, string>>();

/** A Kinesis Video resource as the constructs know it: its L1 in this app, or its ARN or name. */
export interface KvsResourceRef {
  /** `stream` or `channel`: the ARN's resource type. */
  readonly noun: 'stream' | 'channel';
  /** The L1 construct, for a resource of this app. */
  readonly cfn?: IConstruct;
  /** The name the L1 sets, if any. */
  readonly cfnName?: string;
  readonly arn?: string;
  readonly name?: string;
}

/** A stream as a KvsResourceRef. */
export function streamRef(stream: KvsStream): KvsResourceRef {
  return { noun: 'stream', cfn: stream.cfnStream, cfnName: stream.cfnStream?.name, arn: stream.streamArn, name: stream.streamName };
}

/**
 * The ways a resource can be recognized: the L1 itself, the token of its
 * ARN, and account/Region/name where all three are known (a stream or
 * channel is unique by name in an account and Region). An env-agnostic
 * stack's resources are compared within the stack only.
 */
function identities(scope: IConstruct, ref: KvsResourceRef): string[] {
  const stack = Stack.of(scope);
  const where = Token.isUnresolved(stack.account) || Token.isUnresolved(stack.region)
    ? `stack:${stack.node.path}`
    : `${stack.account}/${stack.region}`;
  const keys: string[] = [];
  const byName = (name: string | undefined) => {
    if (name !== undefined) keys.push(Token.isUnresolved(name) ? `token:${name}` : `${where}/${ref.noun}/${name}`);
  };
  if (ref.cfn) {
    keys.push(`construct:${ref.cfn.node.path}`);
    byName(ref.cfnName);
  }
  const arn = ref.arn;
  if (arn !== undefined && Token.isUnresolved(arn)) {
    keys.push(`token:${arn}`);
  } else if (arn !== undefined) {
    const match = new RegExp(`^arn:[^:]+:kinesisvideo:([^:]+):(\\d{12}):${ref.noun}/([^/]+)/`).exec(arn);
    if (match) keys.push(`${match[2]}/${match[1]}/${ref.noun}/${match[3]}`);
  } else {
    byName(ref.name);
  }
  return keys;
}

/** The path of the construct that already holds `claimName` on `ref` in this app, if any. */
export function claimedBy(scope: IConstruct, claimName: string, ref: KvsResourceRef): string | undefined {
  const claims = CLAIMS.get(scope.node.root);
  return identities(scope, ref).map((key) => claims?.get(`${claimName}:${key}`)).find((path) => path !== undefined);
}

/** Records that `scope` holds `claimName` on `ref`. */
export function claim(scope: IConstruct, claimName: string, ref: KvsResourceRef): void {
  let claims = CLAIMS.get(scope.node.root);
  if (!claims) {
    claims = new Map();
    CLAIMS.set(scope.node.root, claims);
  }
  for (const key of identities(scope, ref)) claims.set(`${claimName}:${key}`, scope.node.path);
}

/** The path of the KvsImageGeneration already configuring `stream` in this app, if any. */
export function streamClaimedBy(scope: IConstruct, stream: KvsStream): string | undefined {
  return claimedBy(scope, 'image-generation', streamRef(stream));
}

/** Records that `scope` (a KvsImageGeneration) configures `stream`. */
export function claimStream(scope: IConstruct, stream: KvsStream): void {
  claim(scope, 'image-generation', streamRef(stream));
}
