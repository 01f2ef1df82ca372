/**
 * EventBridge's matching of an event against a rule's event pattern, for the
 * parts of the pattern language our rules use: exact values (a list matches
 * when the event's value, or one of its values, is in it), nested objects,
 * arrays of objects (one element must match the whole nested pattern, as
 * EventBridge's array consistency) and `$or` at any level.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
 */
export function matchesPattern(pattern: Record<string, unknown>, event: Record<string, unknown>): boolean {
  return Object.entries(pattern).every(([key, expected]) => {
    if (key === '$or') {
      return (expected as Record<string, unknown>[]).some((branch) => matchesPattern(branch, event));
    }
    const actual = event[key];
    if (Array.isArray(expected)) {
      if (expected.some((e) => e !== null && typeof e === 'object')) throw new Error(`Content filters are not modelled: ${JSON.stringify(expected)}`);
      const values = Array.isArray(actual) ? actual : [actual];
      return values.some((v) => expected.includes(v));
    }
    if (expected !== null && typeof expected === 'object' && Array.isArray(actual)) {
      return actual.some((item) => item !== null && typeof item === 'object' && matchesPattern(expected as Record<string, unknown>, item as Record<string, unknown>));
    }
    if (expected !== null && typeof expected === 'object') {
      return actual !== null && typeof actual === 'object' && matchesPattern(expected as Record<string, unknown>, actual as Record<string, unknown>);
    }
    throw new Error(`A pattern's leaves are lists, got ${JSON.stringify(expected)} at ${key}`);
  });
}
