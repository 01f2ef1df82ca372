/** What the handlers say of errors, and how they tell service exceptions apart. */

/**
 * `Name: message` of an SDK or other error. IVS's errors carry their text in
 * the modeled member `exceptionMessage`, and the SDK then leaves `message` at
 * "UnknownError": the service's text is what a user can act on.
 */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const exceptionMessage = (error as { exceptionMessage?: unknown }).exceptionMessage;
    const text = (!error.message || error.message === 'UnknownError') && typeof exceptionMessage === 'string' ? exceptionMessage : error.message;
    return error.name && error.name !== 'Error' ? `${error.name}: ${text}` : text;
  }
  return String(error);
}

/** Whether `error` is the named service exception. */
export function isError(error: unknown, ...names: string[]): boolean {
  return error instanceof Error && names.includes(error.name);
}
