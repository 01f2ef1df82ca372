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
