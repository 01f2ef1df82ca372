import { Stack, Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Claims on service objects that take one user at a time (a Kinesis Video
 * stream's image generation configuration, an IVS channel's broadcast), per
 * app: keyed by the construct tree's root, so that the stacks of one app see
 * each other's claims and apps never do. A claim is recorded under every
 * identity of the object (see `identitiesOf`); a second construct finding any
 * of them is refused at synth.
 */
const CLAIMS = new WeakMap<IConstruct, Map<string, string>>();

/** How an object can be recognized. */
export interface ClaimedObject {
  /** The L1 that defines it in this app, if any. */
  readonly construct?: IConstruct;
  /** Its ARN (a token for an object of this app). */
  readonly arn?: string;
  /** Reads `[region, account, name]` from a resolved ARN; the name is unique in an account and Region. */
  readonly arnPattern?: RegExp;
  /** Its name, unique in an account and Region (a token is compared as such). */
  readonly name?: string;
}

/**
 * The identities of an object: its L1, the token of its ARN, and
 * account/Region/name where all three are known. An env-agnostic stack's
 * names are compared within the stack only.
 */
function identitiesOf(scope: IConstruct, object: ClaimedObject): string[] {
  const stack = Stack.of(scope);
  const where = Token.isUnresolved(stack.account) || Token.isUnresolved(stack.region) ? `stack:${stack.node.path}` : `${stack.account}/${stack.region}`;
  const keys: string[] = [];
  if (object.construct) keys.push(`construct:${object.construct.node.path}`);
  const byName = (name: string | undefined) => {
    if (name !== undefined) keys.push(Token.isUnresolved(name) ? `token:${name}` : `${where}/${name}`);
  };
  if (object.arn !== undefined && Token.isUnresolved(object.arn)) {
    keys.push(`token:${object.arn}`);
    byName(object.name);
  } else if (object.arn !== undefined) {
    const match = object.arnPattern?.exec(object.arn);
    if (match) keys.push(`${match[2]}/${match[1]}/${match[3]}`);
  } else {
    byName(object.name);
  }
  return keys;
}

/** The path of the construct that already claimed `object` as `kind` in this app, if any. */
export function claimedBy(scope: IConstruct, kind: string, object: ClaimedObject): string | undefined {
  const claims = CLAIMS.get(scope.node.root);
  return identitiesOf(scope, object).map((key) => claims?.get(`${kind}|${key}`)).find((path) => path !== undefined);
}

/** Records that `scope` claims `object` as `kind`. */
export function claim(scope: IConstruct, kind: string, object: ClaimedObject): void {
  let claims = CLAIMS.get(scope.node.root);
  if (!claims) {
    claims = new Map();
    CLAIMS.set(scope.node.root, claims);
  }
  for (const key of identitiesOf(scope, object)) claims.set(`${kind}|${key}`, scope.node.path);
}
