import type { Context } from 'aws-lambda';

/** Time as the handler sees it; tests substitute a virtual clock. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * How long before the Lambda deadline the handler gives up, leaving the
 * entrypoint time to send CloudFormation a FAILED answer (it retries the PUT).
 */
export const DEADLINE_MARGIN_MS = 15_000;

/** Thrown when the handler gives up so that it can still answer CloudFormation. */
export class DeadlineError extends Error {
  public readonly name = 'DeadlineError';
}

/** The moment this invocation must stop working and answer. */
export class Deadline {
  public static fromContext(context: Pick<Context, 'getRemainingTimeInMillis'>, clock: Clock = systemClock): Deadline {
    return new Deadline(clock.now() + context.getRemainingTimeInMillis() - DEADLINE_MARGIN_MS, clock);
  }

  constructor(public readonly at: number, public readonly clock: Clock = systemClock) {}

  public remainingMs(): number {
    return Math.max(0, this.at - this.clock.now());
  }

  /** Sleeps, or throws if the sleep would end past the deadline. */
  public async sleep(ms: number, waitingFor: string): Promise<void> {
    if (this.clock.now() + ms > this.at) {
      throw new DeadlineError(`Gave up waiting for ${waitingFor}: the handler's time is running out (it answers before the Lambda timeout)`);
    }
    await this.clock.sleep(ms);
  }

  /** Settles with `work`, or rejects with a DeadlineError when the deadline comes first. */
  public async race<T>(work: Promise<T>, doing: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new DeadlineError(`Gave up on ${doing}: the handler's time is running out (it answers before the Lambda timeout)`)),
        this.remainingMs(),
      );
    });
    try {
      return await Promise.race([work, expired]);
    } finally {
      clearTimeout(timer);
    }
  }
}

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

/**
 * How the handlers poll a service for a state change (ACTIVE, InProgress,
 * STOPPED): quickly at first, then every 1.5 seconds, so that CloudFormation
 * hears of the change within 2 s of it (one interval plus a round trip), while one waiting
 * resource makes at most one Get call every 1.5 s (IVS allows 5 a second per account).
 */
export const POLL: { readonly firstDelayMs: number; readonly maxDelayMs: number } = { firstDelayMs: 500, maxDelayMs: 1_500 };

/** The delay after `delay` in the polling schedule. */
export function nextPollDelay(delay: number): number {
  return Math.min(delay * 2, POLL.maxDelayMs);
}
