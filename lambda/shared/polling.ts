/**
 * The one way the handlers wait for a service's object to change state
 * (a composition ACTIVE or gone, a task InProgress, a configuration visible):
 * read, check, sleep on a schedule that starts fast and settles at a cap,
 * within a timeout and the handler's deadline.
 */
import type { Deadline } from './deadline';

/**
 * The schedule: 0.5 s, 1 s, then every 1.5 s, so that CloudFormation hears of
 * a change within 2 s of it (one interval plus a round trip), while one
 * waiting resource makes at most one read every 1.5 s (IVS allows 5 a second
 * per account).
 */
export const POLL: { readonly firstDelayMs: number; readonly maxDelayMs: number } = { firstDelayMs: 500, maxDelayMs: 1_500 };

/** The delay after `delay` in the polling schedule. */
export function nextPollDelay(delay: number): number {
  return Math.min(delay * 2, POLL.maxDelayMs);
}

/** How a wait that ran out of time ended: what it waited for, for how long, and what it saw last. */
export interface WaitTimeout<T> {
  readonly waitingFor: string;
  readonly last: T;
  readonly elapsedMs: number;
  /** `timeout` when the wait's own timeout ran out, `deadline` when the handler's time did. */
  readonly bound: 'timeout' | 'deadline';
}

/** Thrown when a wait runs out of time and `onTimeout` gives no error of its own. */
export class WaitTimeoutError<T = unknown> extends Error {
  public readonly name = 'WaitTimeoutError';
  constructor(public readonly timeout: WaitTimeout<T>, describe: (state: T) => string) {
    super(
      `Gave up waiting for ${timeout.waitingFor} after ${Math.round(timeout.elapsedMs / 1_000)} s ` +
      `(${timeout.bound === 'timeout' ? 'its timeout' : "the handler's time"} ran out); last seen: ${describe(timeout.last)}`,
    );
  }
}

export interface PollOptions<T> {
  /** What the wait is for, in messages: `composition X to be ACTIVE`. */
  readonly waitingFor: string;
  /** Reads the current state. */
  readonly read: () => Promise<T>;
  /** Whether the state is the one waited for. */
  readonly done: (state: T) => boolean;
  /** An error when the state can never become the one waited for; undefined to go on. */
  readonly failure?: (state: T) => Error | undefined;
  /** The state already known (a Start's answer): checked before the first read. */
  readonly first?: { readonly state: T };
  /**
   * How long to wait at most.
   * @default - until the deadline
   */
  readonly timeoutMs?: number;
  /**
   * Time kept back from the deadline (to stop what did not start, say).
   * @default 0
   */
  readonly reserveMs?: number;
  /** The error to throw when the time runs out. @default a WaitTimeoutError */
  readonly onTimeout?: (timeout: WaitTimeout<T>) => Error;
  /** The state in messages. @default JSON */
  readonly describe?: (state: T) => string;
}

/** Polls until `done`, and returns that state; throws `failure`'s error, or the timeout's. */
export async function pollUntil<T>(deadline: Deadline, options: PollOptions<T>): Promise<T> {
  const clock = deadline.clock;
  const since = clock.now();
  const byDeadline = deadline.at - (options.reserveMs ?? 0);
  const byTimeout = options.timeoutMs === undefined ? Infinity : since + options.timeoutMs;
  const until = Math.min(byDeadline, byTimeout);
  let state = options.first ? options.first.state : await options.read();
  for (let delay = POLL.firstDelayMs; ; delay = nextPollDelay(delay)) {
    if (options.done(state)) return state;
    const failure = options.failure?.(state);
    if (failure) throw failure;
    if (clock.now() + delay > until) {
      const timeout: WaitTimeout<T> = {
        waitingFor: options.waitingFor,
        last: state,
        elapsedMs: clock.now() - since,
        bound: byTimeout <= byDeadline ? 'timeout' : 'deadline',
      };
      throw options.onTimeout?.(timeout) ?? new WaitTimeoutError(timeout, options.describe ?? ((s) => JSON.stringify(s) ?? 'nothing'));
    }
    await clock.sleep(delay);
    state = await options.read();
  }
}
