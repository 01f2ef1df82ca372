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
 * Time kept for the answer to CloudFormation. aws-cdk-lib's nodejs-entrypoint
 * retries the response PUT with `withRetries({ attempts: 5, sleep: 1000 })`:
 * up to 6 PUTs with random sleeps of at most 1, 2, 4, 8 and 16 s between
 * them, 31 s of sleeping at worst, and no timeout of its own on each PUT.
 * 45 s covers the sleeps and six PUTs of a couple of seconds each; an answer
 * cut off by the Lambda timeout would leave CloudFormation waiting for the
 * whole ServiceTimeout.
 */
export const RESPONSE_MARGIN_MS = 45_000;

/**
 * Time kept for stopping what the handler started when its deadline comes
 * while work is still in flight (see Deadline.race): a Stop call and its
 * SDK retries. After a failed Create no Delete reaches the handler, so what
 * is not stopped then is left running.
 */
export const CLEANUP_MARGIN_MS = 15_000;

/** How long before the Lambda deadline the handler gives up: the cleanup, then the answer. */
export const DEADLINE_MARGIN_MS = CLEANUP_MARGIN_MS + RESPONSE_MARGIN_MS;

/**
 * Time every handler keeps back from its deadline to undo what it did before
 * it answers: put back or remove a write it could not confirm (an Update, and a
 * Describe where the undo must read first), stop a composition or task, or
 * delete a pipeline that did not come up (after a failed Create no Delete ever
 * reaches the handler: aws-cdk-lib's entrypoint answers it, so what it left
 * running would leak). Each call answers within a second or two; the SDK's
 * backoff between throttled attempts adds about 3 s over five retries, and a
 * resource that is not ACTIVE yet is retried too: 20 s covers that with room.
 */
export const UNDO_RESERVE_MS = 20_000;

/** Thrown when the handler gives up so that it can still answer CloudFormation. */
export class DeadlineError extends Error {
  public readonly name = 'DeadlineError';
}

/** An object started by this invocation and how to stop it. */
interface Started {
  readonly what: string;
  readonly stop: () => Promise<unknown>;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** The moment this invocation must stop working and answer. */
export class Deadline {
  public static fromContext(context: Pick<Context, 'getRemainingTimeInMillis'>, clock: Clock = systemClock): Deadline {
    return new Deadline(clock.now() + context.getRemainingTimeInMillis() - DEADLINE_MARGIN_MS, clock);
  }

  /** What this invocation started and has not handed over yet, with how to stop it. */
  private readonly started = new Map<number, Started>();
  private nextStarted = 0;
  /** Set when the deadline fired in `race`: what is tracked from then on is stopped at once. */
  private expired?: (started: Started) => void;

  /** The deadline `within` derived this one from: what is started is tracked there. */
  private readonly root?: Deadline;

  constructor(public readonly at: number, public readonly clock: Clock = systemClock, root?: Deadline) {
    this.root = root;
  }

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

  /**
   * Throws, before anything is started, when the time left is less than what
   * stopping the object needs (`stopReserveMs`): an object started then could
   * not be stopped before the handler must answer.
   */
  public beforeStart(stopReserveMs: number, what: string): void {
    const left = this.remainingMs();
    if (left < stopReserveMs) {
      throw new DeadlineError(
        `Did not start ${what}: the handler has ${Math.floor(left / 1_000)} s left before it must answer, ` +
        `less than the ${stopReserveMs / 1_000} s stopping it needs (raise the function's timeout)`,
      );
    }
  }

  /**
   * Records an object just started, with how to stop it, until `release`
   * (called when the work stopped it itself; an object the work answers with
   * needs no release: once the work settles before the deadline, nothing is
   * stopped). When the deadline fires first, `race` stops it before
   * the handler answers.
   */
  public track(what: string, stop: () => Promise<unknown>): () => void {
    if (this.root) return this.root.track(what, stop);
    const key = this.nextStarted++;
    const started = { what, stop };
    if (this.expired) {
      this.expired(started);
      return () => undefined;
    }
    this.started.set(key, started);
    return () => this.started.delete(key);
  }

  /**
   * Settles with `work`, or rejects with a DeadlineError when the deadline
   * comes first. Work is never abandoned with something it started still
   * running: when the deadline fires, every object tracked (and any tracked
   * later, when a call in flight answers) is stopped, and the work is given
   * CLEANUP_MARGIN_MS to stop what it started itself, before the rejection.
   */
  public race<T>(work: Promise<T>, doing: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let fired = false;
      let failure: { error: unknown } | undefined;
      const timer = setTimeout(() => {
        fired = true;
        const stops: Array<Promise<string>> = [];
        const stopOne = ({ what, stop }: Started) => stops.push(stop().then(() => `stopped ${what}`, (error) => `could not stop ${what} (${describe(error)})`));
        this.expired = stopOne;
        for (const started of this.started.values()) stopOne(started);
        this.started.clear();
        const window = new Promise<void>((done) => setTimeout(done, CLEANUP_MARGIN_MS).unref?.());
        // The work sees the deadline passed at its next wait and stops what it started; a call
        // in flight that answers with an object tracks it, and it is stopped at once.
        void Promise.race([work.then(() => undefined, () => undefined), window])
          .then(() => Promise.race([Promise.all(stops), window.then(() => ['a stop still in flight'])]))
          .then((outcomes) => {
            // The work's own reason when it failed, else the deadline's; never its success: what it made was stopped.
            if (failure) return reject(failure.error);
            const done = outcomes.length > 0 ? ` (${outcomes.join('; ')})` : '';
            reject(new DeadlineError(`Gave up on ${doing}: the handler's time is running out (it answers before the Lambda timeout)${done}`));
          });
      }, this.remainingMs());
      work.then(
        (value) => {
          if (fired) return;
          clearTimeout(timer);
          resolve(value);
        },
        (error) => {
          if (fired) {
            failure = { error };
            return;
          }
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  /** A deadline `ms` from now, or `reserveMs` before this one, whichever comes first. */
  public within(ms: number, reserveMs = 0): Deadline {
    return new Deadline(Math.min(this.clock.now() + ms, this.at - reserveMs), this.clock, this.root ?? this);
  }
}
