import type { Deadline } from './deadline';
import { describeError } from './errors';

export interface RetryOptions {
  /** What is being retried, for the error raised when the deadline comes. */
  readonly what: string;
  /** Whether an error is worth another attempt. */
  readonly retryable: (error: unknown) => boolean;
  /** @default 1000 */
  readonly initialDelayMs?: number;
  /** @default 15000 */
  readonly maxDelayMs?: number;
}

/**
 * Calls `fn` until it succeeds, retrying the errors `retryable` accepts with
 * exponential backoff and jitter until the deadline. For conditions the SDK's
 * own retry strategy does not cover (a stream not ACTIVE yet, say).
 */
export async function retryUntilDeadline<T>(fn: () => Promise<T>, deadline: Deadline, options: RetryOptions): Promise<T> {
  let delay = options.initialDelayMs ?? 1_000;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (!options.retryable(error)) throw error;
      const jittered = Math.round(delay * (0.5 + Math.random() / 2));
      await deadline.sleep(jittered, `${options.what} (last error: ${describeError(error)})`);
      delay = Math.min(delay * 2, options.maxDelayMs ?? 15_000);
    }
  }
}
