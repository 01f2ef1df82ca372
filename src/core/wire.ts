/**
 * Decoding what CloudFormation delivers: every scalar of ResourceProperties
 * arrives as a string, so the handler restores numbers and booleans with these
 * strict helpers, which reject anything the contract does not allow.
 */

/** What CloudFormation hands the handler for a property object of type T. */
export type Wire<T> = T extends number | boolean
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { readonly [K in keyof T]: Wire<T[K]> }
      : T;

export function decodeInteger(value: unknown, path: string): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) {
    throw new Error(`Property ${path} must be an integer, got ${JSON.stringify(value)}`);
  }
  return n;
}

export function optionalInteger(value: unknown, path: string): number | undefined {
  return value === undefined || value === null || value === '' ? undefined : decodeInteger(value, path);
}

export function decodeBoolean(value: unknown, path: string): boolean {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new Error(`Property ${path} must be a boolean, got ${JSON.stringify(value)}`);
}

export function optionalBoolean(value: unknown, path: string): boolean | undefined {
  return value === undefined || value === null || value === '' ? undefined : decodeBoolean(value, path);
}

export function requiredString(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new Error(`Property ${path} must be a non-empty string, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function optionalString(value: unknown, path: string): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : requiredString(value, path);
}

export function asObject(value: unknown, path: string): Record<string, any> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`Property ${path} must be an object, got ${JSON.stringify(value)}`);
  }
  return value as Record<string, any>;
}

/**
 * What an Update that changes a property does, declared by each resource's
 * contract (`<RESOURCE>_UPDATES`): the handler reads its handler-only
 * properties from there, and docs/custom-resources.md is generated from it.
 * - `replacement`: a new object under a new physical ID; CloudFormation deletes the old one in the update's cleanup phase (a rolled-back update never reaches it: the rollback returns to the original where it still exists, see the README's "Lifecycle and IAM at a glance");
 * - `in place`: the same object, changed by the service's update calls;
 * - `handler only`: read by the handler alone (how long to wait, whether to take over): nothing changes in the service.
 */
export type PropertyUpdate = 'replacement' | 'in place' | 'handler only';

/** The properties `updates` declares handler-only: an Update that changes only these keeps the object as it is. */
export function handlerOnly(updates: Record<string, PropertyUpdate>): string[] {
  return Object.entries(updates).filter(([, update]) => update === 'handler only').map(([key]) => key);
}

/** The properties an Update can change while keeping the object (its physical ID): those `updates` does not declare a replacement. */
export function withoutReplacement(updates: Record<string, PropertyUpdate>): string[] {
  return Object.entries(updates).filter(([, update]) => update !== 'replacement').map(([key]) => key);
}

/** The prefix of the tag keys the handler sets itself: user tags cannot use it. */
export const RESERVED_TAG_PREFIX = 'cdk-live-media:';

/**
 * The owner tag: every object a handler that uses it creates carries it, valued
 * `<StackId>/<LogicalResourceId>` (its sha256 when longer than a tag value's
 * 256 characters), so that an object found later (a configuration under a name to
 * create, the original of a rolled-back replacement) is adopted only when it
 * is this stack resource's own.
 */
export const OWNER_TAG_KEY = `${RESERVED_TAG_PREFIX}resource`;
