import type { Context } from 'aws-lambda';

/** Time as the handler sees it; tests substitute a virtual clock. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** A number in [0, 1), for the jitter of polling schedules. @default Math.random */
  random?(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};

/**
 * How long before the Lambda deadline the handler gives up, leaving the
 * entrypoint time to send CloudFormation its answer. aws-cdk-lib's
 * nodejs-entrypoint retries the response PUT with `withRetries({ attempts: 5,
 * sleep: 1000 })`: up to 6 PUTs with random sleeps of at most 1, 2, 4, 8 and
 * 16 s between them, 31 s of sleeping at worst, and no timeout of its own on
 * each PUT. 45 s covers the sleeps and six PUTs of a couple of seconds each;
 * an answer cut off by the Lambda timeout would leave CloudFormation waiting
 * for the whole ServiceTimeout.
 */
export const DEADLINE_MARGIN_MS = 45_000;

/**
 * Time a handler keeps back from its deadline to undo a write it could not
 * confirm (put back what it read before, or remove what it wrote): an Update
 * with the SDK's retries, and a Describe where the undo must read first. Each
 * call answers within a second or two; the SDK's backoff between throttled
 * attempts adds about 3 s over five retries, and a stream that is not ACTIVE
 * yet is retried too. 20 s covers that with room, as the 20 s the other
 * handlers keep to stop what they started.
 */
export const UNDO_RESERVE_MS = 20_000;

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

  /** A deadline `ms` from now, or `reserveMs` before this one, whichever comes first. */
  public within(ms: number, reserveMs = 0): Deadline {
    return new Deadline(Math.min(this.clock.now() + ms, this.at - reserveMs), this.clock);
  }
}
