/**
 * The one way the handlers wait for a service's object to change state
 * (a composition ACTIVE or gone, a task InProgress, a configuration visible):
 * read, check, sleep on a schedule that starts fast and settles at a cap,
 * within a timeout and the handler's deadline.
 *
 * The waits of one deploy share the account's API quotas: CloudFormation
 * creates independent resources in parallel, each in its own Lambda instance
 * (IVS allows GetComposition 5 times a second per account, whoever calls). So
 * a throttled read is not a failure: the wait backs off and goes on, bounded
 * by its timeout and the deadline, and the schedule is jittered so that
 * concurrent waits spread out instead of polling in step.
 */
import type { Deadline } from './deadline';
import { describeError } from './errors';

/**
 * The schedule: 0.5 s, 1 s, then every 1 to 1.5 s (uniformly at random), so
 * that CloudFormation hears of a change within 2 s of it (at most one
 * interval plus a round trip, as with a fixed 1.5 s), while N waits started
 * together drift apart instead of reading in step. Jittering below the old
 * fixed 1.5 s, not above it, keeps the worst case of that answer; the price is
 * a mean of 1.25 s, a fifth more reads while nothing is throttled, which the
 * backoff below takes back when the quota bites. The first two delays are
 * not jittered: a quick answer matters most there, and a deploy's handlers
 * already start apart (cold starts, the Start call's round trip).
 *
 * When a read is throttled the delay doubles (3 s, 6 s, then 10 s at most),
 * with "equal jitter" (a random point in its upper half); each read that is
 * not throttled halves it again, back down to the 1.5 s cap, so that the
 * waits settle under the quota rather than all returning to full speed at
 * once.
 */
export const POLL: {
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  /** The steady-state delay is a random point in its top third: [maxDelayMs * 2/3, maxDelayMs]. */
  readonly jitter: number;
  readonly maxThrottledDelayMs: number;
} = { firstDelayMs: 500, maxDelayMs: 1_500, jitter: 1 / 3, maxThrottledDelayMs: 10_000 };

/** The delay after `delay` in the polling schedule. */
export function nextPollDelay(delay: number): number {
  return Math.min(delay * 2, POLL.maxDelayMs);
}

/** The delay after a throttled read: double, from at least the cap, up to POLL.maxThrottledDelayMs. */
export function throttledPollDelay(delay: number): number {
  return Math.min(Math.max(delay, POLL.maxDelayMs) * 2, POLL.maxThrottledDelayMs);
}

/** The delay after a read that was not throttled: on along the schedule, or half the way back from a backoff. */
function settledPollDelay(delay: number): number {
  return delay > POLL.maxDelayMs ? Math.max(POLL.maxDelayMs, delay / 2) : nextPollDelay(delay);
}

/** How long to sleep for a nominal `delay`, drawing from `random` (in [0, 1)) when it jitters: never longer than `delay`. */
export function jitteredPollDelay(delay: number, random: () => number): number {
  if (delay < POLL.maxDelayMs) return delay;
  const spread = delay > POLL.maxDelayMs ? 1 / 2 : POLL.jitter;
  return Math.round(delay * (1 - spread * random()));
}

/** Names of the errors the services answer when a caller goes over a rate quota. */
const THROTTLING_ERRORS = new Set([
  'ThrottlingException', // IVS (a generic 429), and most services
  'ThrottledClientException', // Chime SDK
  'TooManyRequestsException',
  'ClientLimitExceededException', // Kinesis Video Streams (HTTP 400)
  'LimitExceededException',
  'Throttling',
  'RequestLimitExceeded',
]);

/**
 * Whether `error` says the caller went over a rate quota: the SDK v3 marks
 * the errors its retry strategy treats as throttling with
 * `$retryable.throttling` (and treatAsThrottling marks the KVS one); the names
 * and HTTP 429 cover an error the SDK did not mark.
 */
export function isThrottlingError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const sdk = error as { $retryable?: { throttling?: boolean }; $metadata?: { httpStatusCode?: number } };
  return sdk.$retryable?.throttling === true || THROTTLING_ERRORS.has(error.name) || sdk.$metadata?.httpStatusCode === 429;
}

/** The reads of a wait that were throttled. */
export interface ThrottledReads {
  /** The call, as `readName` names it. */
  readonly call: string;
  /** How many reads failed with throttling (each after the SDK's own retries)... */
  readonly count: number;
  /** ...of how many reads. */
  readonly of: number;
  /** The last throttling error, described. */
  readonly lastError: string;
}

/** How a wait that ran out of time ended: what it waited for, for how long, and what it saw last. */
export interface WaitTimeout<T> {
  readonly waitingFor: string;
  readonly last: T;
  readonly elapsedMs: number;
  /** `timeout` when the wait's own timeout ran out, `deadline` when the handler's time did. */
  readonly bound: 'timeout' | 'deadline';
  /** The reads that were throttled, if any were. */
  readonly throttled?: ThrottledReads;
}

/** What a timeout's message adds when reads were throttled: which call, how often, and why that happens. */
export function describeThrottling(throttled: ThrottledReads): string {
  return `; ${throttled.count} of ${throttled.of} ${throttled.call} calls were throttled (last: ${throttled.lastError}): ` +
    "the account's request rate quota is shared by all its callers (other resources of the deploy, other applications)";
}

/** Thrown when a wait runs out of time and `onTimeout` gives no error of its own, or when no read ever answered. */
export class WaitTimeoutError<T = unknown> extends Error {
  public readonly name = 'WaitTimeoutError';
  constructor(public readonly timeout: WaitTimeout<T>, describe: (state: T) => string) {
    super(
      `Gave up waiting for ${timeout.waitingFor} after ${Math.round(timeout.elapsedMs / 1_000)} s ` +
      `(${timeout.bound === 'timeout' ? 'its timeout' : "the handler's time"} ran out); last seen: ${describe(timeout.last)}` +
      (timeout.throttled ? describeThrottling(timeout.throttled) : ''),
    );
  }
}

export interface PollOptions<T> {
  /** What the wait is for, in messages: `composition X to be ACTIVE`. */
  readonly waitingFor: string;
  /** Reads the current state. A throttling error (see isThrottlingError) is a read to try again later; any other goes to the caller. */
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
  /**
   * The error to throw when the time runs out (pollUntil adds to its message
   * which call was throttled, if one was). Not called when no read ever
   * answered: then a WaitTimeoutError with `last` undefined is thrown.
   * @default a WaitTimeoutError
   */
  readonly onTimeout?: (timeout: WaitTimeout<T>) => Error;
  /** The state in messages. @default JSON */
  readonly describe?: (state: T) => string;
  /** The API call `read` makes, for messages about throttling: `GetComposition`. @default 'read' */
  readonly readName?: string;
}

/** Polls until `done`, and returns that state; throws `failure`'s error, or the timeout's. */
export async function pollUntil<T>(deadline: Deadline, options: PollOptions<T>): Promise<T> {
  const clock = deadline.clock;
  const random = (): number => (clock.random ? clock.random() : Math.random());
  const since = clock.now();
  const byDeadline = deadline.at - (options.reserveMs ?? 0);
  const byTimeout = options.timeoutMs === undefined ? Infinity : since + options.timeoutMs;
  const until = Math.min(byDeadline, byTimeout);
  const call = options.readName ?? 'read';
  let reads = 0;
  let throttled: ThrottledReads | undefined;
  let delay = POLL.firstDelayMs;
  let seen = options.first;

  /** One read: the state, or undefined when it was throttled. */
  const attempt = async (): Promise<{ readonly state: T } | undefined> => {
    reads++;
    try {
      return { state: await options.read() };
    } catch (error) {
      if (!isThrottlingError(error)) throw error;
      throttled = { call, count: (throttled?.count ?? 0) + 1, of: reads, lastError: describeError(error) };
      return undefined;
    }
  };
  /** The delay after a read, along the schedule or backing off; logs a throttled read. */
  const next = (read: { readonly state: T } | undefined, after: number): number => {
    if (read) return settledPollDelay(after);
    const backedOff = throttledPollDelay(after);
    console.log(`${call} was throttled while waiting for ${options.waitingFor} (${throttled!.lastError}); reading again within ${backedOff / 1_000} s`);
    return backedOff;
  };

  if (!seen) {
    // The first read is made at once; the schedule starts after it.
    seen = await attempt();
    if (!seen) delay = next(seen, delay);
  }
  for (;;) {
    if (seen) {
      if (options.done(seen.state)) return seen.state;
      const failure = options.failure?.(seen.state);
      if (failure) throw failure;
    }
    let sleepMs = jitteredPollDelay(delay, random);
    // Backing off: rather than give up with time left, read once more at the bound.
    if (delay > POLL.maxDelayMs && until - clock.now() >= POLL.firstDelayMs) sleepMs = Math.min(sleepMs, until - clock.now());
    if (clock.now() + sleepMs > until) {
      const timeout = {
        waitingFor: options.waitingFor,
        elapsedMs: clock.now() - since,
        bound: byTimeout <= byDeadline ? 'timeout' as const : 'deadline' as const,
        ...(throttled ? { throttled: { ...throttled, of: reads } } : {}),
      };
      const describe = options.describe ?? ((s: T | undefined) => JSON.stringify(s) ?? 'nothing');
      if (!seen) throw new WaitTimeoutError<T | undefined>({ ...timeout, last: undefined }, (s) => (s === undefined ? 'nothing' : describe(s)));
      const custom = options.onTimeout?.({ ...timeout, last: seen.state });
      if (!custom) throw new WaitTimeoutError<T>({ ...timeout, last: seen.state }, describe);
      if (timeout.throttled) custom.message += describeThrottling(timeout.throttled);
      throw custom;
    }
    await clock.sleep(sleepMs);
    const read = await attempt();
    delay = next(read, delay);
    seen = read ?? seen;
  }
}
