/**
 * What every handler decides the same way about an Update: whether it changes
 * only what the handler itself reads (no Stop, no Start), and the physical ID
 * of a resource whose object ended on its own.
 */

/** Properties no service ever sees: CloudFormation's own, for every resource type. */
const CLOUDFORMATION_ONLY = ['ServiceToken', 'ServiceTimeout'];

/**
 * Whether two raw ResourceProperties differ only in keys the handler alone
 * reads (CloudFormation's ServiceToken and ServiceTimeout, plus `handlerOnly`).
 * Compared as CloudFormation sends them (strings), key order ignored.
 */
export function changesOnly(oldProps: unknown, newProps: unknown, handlerOnly: readonly string[]): boolean {
  const ignored = new Set([...CLOUDFORMATION_ONLY, ...handlerOnly]);
  const strip = (props: unknown) => Object.fromEntries(Object.entries((props ?? {}) as Record<string, unknown>).filter(([key]) => !ignored.has(key)));
  return canonical(strip(oldProps)) === canonical(strip(newProps));
}

/** JSON with object keys sorted, so that equal properties compare equal. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const ENDED_PREFIX = 'ended:';

/**
 * The physical ID of a resource whose object ended and cannot be started
 * again (its pipeline ended, its stage was deleted): `ended:<old physical ID>`.
 * A later Update or Delete of it does nothing. Physical IDs stay under 1 KB:
 * the old ones are at most a few hundred characters.
 */
export function endedPhysicalId(physicalId: string): string {
  return isEnded(physicalId) ? physicalId : `${ENDED_PREFIX}${physicalId}`;
}

/** Whether a physical ID marks a resource whose object ended. */
export function isEnded(physicalId: string | undefined): boolean {
  return physicalId?.startsWith(ENDED_PREFIX) ?? false;
}

/** The physical ID an ended one was made from. */
export function endedFrom(physicalId: string): string {
  return isEnded(physicalId) ? physicalId.slice(ENDED_PREFIX.length) : physicalId;
}

/** The `State` attribute every construct exposes: RUNNING, or ENDED once its object ended for good. */
export const RUNNING = 'RUNNING';
export const ENDED = 'ENDED';
