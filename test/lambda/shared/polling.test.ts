import { systemClock } from '../../../lambda/shared/deadline';
import { isThrottlingError, jitteredPollDelay, pollUntil, POLL, WaitTimeoutError } from '../../../lambda/shared/polling';
import { VirtualClock } from '../../helpers/clock';

/** A read that answers the given states in turn, then the last one for ever. */
function reads<T>(...states: T[]) {
  let i = 0;
  const read = jest.fn(async () => states[Math.min(i++, states.length - 1)]);
  return read;
}

describe('pollUntil', () => {
  test('reads at once, then after 0.5 s, 1 s and every 1.5 s (the jitter at its longest) until done', async () => {
    const clock = new VirtualClock();
    const read = reads('STARTING', 'STARTING', 'STARTING', 'STARTING', 'ACTIVE');
    const state = await pollUntil(clock.deadline(), { waitingFor: 'x to be ACTIVE', read, done: (s) => s === 'ACTIVE' });
    expect(state).toBe('ACTIVE');
    expect(read).toHaveBeenCalledTimes(5);
    expect(clock.sleeps).toEqual([POLL.firstDelayMs, 1_000, POLL.maxDelayMs, POLL.maxDelayMs]);
  });

  test('a state already known is checked before the first read', async () => {
    const clock = new VirtualClock();
    const read = reads('ACTIVE');
    expect(await pollUntil(clock.deadline(), { waitingFor: 'x', first: { state: 'ACTIVE' }, read, done: (s) => s === 'ACTIVE' })).toBe('ACTIVE');
    expect(read).not.toHaveBeenCalled();
    expect(clock.sleeps).toEqual([]);
  });

  test('a failure state throws its own error at once', async () => {
    const clock = new VirtualClock();
    await expect(pollUntil(clock.deadline(), {
      waitingFor: 'x',
      read: reads('STARTING', 'FAILED'),
      done: (s) => s === 'ACTIVE',
      failure: (s) => (s === 'FAILED' ? new Error('x failed') : undefined),
    })).rejects.toThrow('x failed');
    expect(clock.sleeps).toEqual([500]);
  });

  test('its own timeout: a WaitTimeoutError saying what it waited for, how long, and what it saw last', async () => {
    const clock = new VirtualClock();
    const error = (await pollUntil(clock.deadline(), {
      waitingFor: 'composition c to be ACTIVE',
      read: reads('STARTING'),
      done: (s) => s === 'ACTIVE',
      timeoutMs: 5_000,
    }).then(() => undefined, (e: unknown) => e)) as WaitTimeoutError<string>;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.message).toBe('Gave up waiting for composition c to be ACTIVE after 5 s (its timeout ran out); last seen: "STARTING"');
    expect(error.timeout).toEqual({ waitingFor: 'composition c to be ACTIVE', last: 'STARTING', elapsedMs: 4_500, bound: 'timeout' });
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(5_000);
  });

  test('the deadline, less the reserve, bounds the wait before its timeout does', async () => {
    const clock = new VirtualClock();
    const onTimeout = jest.fn(() => new Error('custom'));
    await expect(pollUntil(clock.deadline(10_000), {
      waitingFor: 'x',
      read: reads('STARTING'),
      done: () => false,
      timeoutMs: 60_000,
      reserveMs: 5_000,
      onTimeout,
    })).rejects.toThrow('custom');
    expect(onTimeout).toHaveBeenCalledWith(expect.objectContaining({ bound: 'deadline', last: 'STARTING' }));
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(5_000);
  });

  test('an error of the read goes to the caller', async () => {
    const clock = new VirtualClock();
    await expect(pollUntil(clock.deadline(), {
      waitingFor: 'x',
      read: async () => { throw new Error('AccessDenied'); },
      done: () => true,
    })).rejects.toThrow('AccessDenied');
  });
});

/** An error as the SDK v3 throws it: a name, a message, $metadata, and $retryable when the SDK classed it. */
function sdkError(name: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error('Rate exceeded'), { name, $metadata: { httpStatusCode: 400, attempts: 6 }, ...extra });
}
const throttling = () => sdkError('ThrottlingException', { $metadata: { httpStatusCode: 429, attempts: 6 }, $retryable: { throttling: true } });

/** A read that throws `throttled` throttling errors, then answers the states in turn. */
function throttledReads<T>(throttled: number, ...states: T[]) {
  let i = 0;
  return jest.fn(async () => {
    if (i++ < throttled) throw throttling();
    return states[Math.min(i - throttled - 1, states.length - 1)];
  });
}

describe('isThrottlingError', () => {
  test.each([
    ['marked by the SDK ($retryable.throttling)', sdkError('SomethingNew', { $retryable: { throttling: true } })],
    ['IVS ThrottlingException (429)', throttling()],
    ['Chime ThrottledClientException', sdkError('ThrottledClientException')],
    ['KVS ClientLimitExceededException (400)', sdkError('ClientLimitExceededException')],
    ['TooManyRequestsException', sdkError('TooManyRequestsException')],
    ['LimitExceededException', sdkError('LimitExceededException')],
    ['any HTTP 429', sdkError('Unknown', { $metadata: { httpStatusCode: 429 } })],
  ])('%s is throttling', (_, error) => {
    expect(isThrottlingError(error)).toBe(true);
  });

  test.each([
    ['AccessDeniedException', sdkError('AccessDeniedException', { $metadata: { httpStatusCode: 403 } })],
    ['a retryable server error', sdkError('InternalServerException', { $metadata: { httpStatusCode: 500 }, $retryable: {} })],
    ['a quota on resources, not on rate', sdkError('ServiceQuotaExceededException', { $metadata: { httpStatusCode: 402 } })],
    ['not an error', 'ThrottlingException'],
  ])('%s is not', (_, error) => {
    expect(isThrottlingError(error)).toBe(false);
  });
});

describe('pollUntil under throttling', () => {
  beforeEach(() => jest.spyOn(console, 'log').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  test('a throttled read is not a failure: the wait backs off (3 s, 6 s) and goes on until done', async () => {
    const clock = new VirtualClock();
    const read = throttledReads(2, 'STARTING', 'ACTIVE');
    const state = await pollUntil(clock.deadline(), { waitingFor: 'x to be ACTIVE', read, done: (s) => s === 'ACTIVE', readName: 'GetComposition' });
    expect(state).toBe('ACTIVE');
    expect(read).toHaveBeenCalledTimes(4);
    // Throttled at once and after 3 s; answered after 6 s more; the backoff halves again (3 s) on the way back.
    expect(clock.sleeps).toEqual([3_000, 6_000, 3_000]);
    expect(console.log).toHaveBeenCalledWith(expect.stringMatching(
      /^GetComposition was throttled while waiting for x to be ACTIVE \(ThrottlingException: Rate exceeded\); reading again within 3 s$/));
  });

  test('each throttled read doubles the delay up to 10 s; each answered read halves it back to the 1.5 s cap', async () => {
    const clock = new VirtualClock();
    const read = throttledReads(4, 'STARTING', 'STARTING', 'STARTING', 'STARTING', 'STARTING', 'ACTIVE');
    await pollUntil(clock.deadline(), { waitingFor: 'x', first: { state: 'STARTING' }, read, done: (s) => s === 'ACTIVE' });
    expect(clock.sleeps).toEqual([500, 3_000, 6_000, 10_000, 10_000, 5_000, 2_500, 1_500, 1_500, 1_500]);
  });

  test('a state already known counts: the wait starts from it, and a failure state still ends it at once', async () => {
    const clock = new VirtualClock();
    let calls = 0;
    const read = jest.fn(async () => {
      if (calls++ === 0) throw sdkError('ThrottledClientException');
      return 'Failed';
    });
    await expect(pollUntil(clock.deadline(), {
      waitingFor: 'task t to be InProgress',
      first: { state: 'NotStarted' },
      read,
      done: (s) => s === 'InProgress',
      failure: (s) => (s === 'Failed' ? new Error('task t failed') : undefined),
    })).rejects.toThrow('task t failed');
    expect(clock.sleeps).toEqual([500, 3_000]);
  });

  test('running out while throttled: the error says so, and which call, how often, and what it saw last', async () => {
    const clock = new VirtualClock();
    const error = (await pollUntil(clock.deadline(), {
      waitingFor: 'composition c to be ACTIVE',
      first: { state: 'STARTING' },
      read: throttledReads(Infinity),
      done: (s) => s === 'ACTIVE',
      timeoutMs: 30_000,
      readName: 'GetComposition',
    }).then(() => undefined, (e: unknown) => e)) as WaitTimeoutError<string>;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.message).toBe(
      'Gave up waiting for composition c to be ACTIVE after 30 s (its timeout ran out); last seen: "STARTING"; ' +
      '6 of 6 GetComposition calls were throttled (last: ThrottlingException: Rate exceeded): ' +
      "the account's request rate quota is shared by all its callers (other resources of the deploy, other applications)");
    expect(error.timeout.throttled).toEqual({ call: 'GetComposition', count: 6, of: 6, lastError: 'ThrottlingException: Rate exceeded' });
    // 0.5 s, then 3, 6, 10, 10 s, and a last read at the bound rather than giving up with time left.
    expect(clock.sleeps).toEqual([500, 3_000, 6_000, 10_000, 10_000, 500]);
  });

  test('a custom timeout error gets the throttling added to its message, and sees it in the timeout', async () => {
    const clock = new VirtualClock();
    const onTimeout = jest.fn(() => new Error('task t was not InProgress after 20 s'));
    await expect(pollUntil(clock.deadline(), {
      waitingFor: 'task t',
      first: { state: 'Initializing' },
      read: throttledReads(1, 'Initializing'),
      done: () => false,
      timeoutMs: 20_000,
      onTimeout,
      readName: 'GetVoiceToneAnalysisTask',
    })).rejects.toThrow(/^task t was not InProgress after 20 s; 1 of \d+ GetVoiceToneAnalysisTask calls were throttled \(last: ThrottlingException: Rate exceeded\): the account's/);
    expect(onTimeout).toHaveBeenCalledWith(expect.objectContaining({ last: 'Initializing', throttled: expect.objectContaining({ count: 1 }) }));
  });

  test('no read ever answered: a WaitTimeoutError that saw nothing, without calling onTimeout (it needs a state)', async () => {
    const clock = new VirtualClock();
    const onTimeout = jest.fn(() => new Error('custom'));
    const error = (await pollUntil(clock.deadline(), {
      waitingFor: 'composition c to stop',
      read: throttledReads<string>(Infinity),
      done: () => true,
      timeoutMs: 60_000,
      onTimeout,
      readName: 'GetComposition',
    }).then(() => undefined, (e: unknown) => e)) as WaitTimeoutError<string | undefined>;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.timeout.last).toBeUndefined();
    expect(error.message).toMatch(/^Gave up waiting for composition c to stop after 60 s \(its timeout ran out\); last seen: nothing; \d+ of \d+ GetComposition calls were throttled/);
    expect(onTimeout).not.toHaveBeenCalled();
  });

  test('a read that was not throttled but failed still goes to the caller at once', async () => {
    const clock = new VirtualClock();
    let calls = 0;
    await expect(pollUntil(clock.deadline(), {
      waitingFor: 'x',
      read: async () => {
        if (calls++ === 0) throw throttling();
        throw sdkError('AccessDeniedException', { $metadata: { httpStatusCode: 403 } });
      },
      done: () => true,
    })).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(clock.sleeps).toEqual([3_000]);
  });
});

describe('jitter', () => {
  test('the first two delays are kept; from then on each is a random point in [1 s, 1.5 s]', async () => {
    const clock = new VirtualClock();
    const randoms = [0.999, 0.5, 0];
    clock.random = jest.fn(() => randoms.shift()!);
    await pollUntil(clock.deadline(), { waitingFor: 'x', read: reads(1, 2, 3, 4, 5, 6), done: (n) => n === 6 });
    expect(clock.sleeps).toEqual([500, 1_000, 1_001, 1_250, 1_500]);
    expect(clock.random).toHaveBeenCalledTimes(3);
  });

  test('so a transition is seen within 1.5 s plus a round trip, as without jitter, whatever the draw', () => {
    for (const random of [0, 0.25, 0.5, 0.75, 0.999_999]) {
      const steady = jitteredPollDelay(POLL.maxDelayMs, () => random);
      expect(steady).toBeGreaterThanOrEqual(1_000);
      expect(steady).toBeLessThanOrEqual(1_500);
      expect(jitteredPollDelay(POLL.firstDelayMs, () => random)).toBe(500);
      // Backing off: "equal jitter", somewhere in the upper half.
      expect(jitteredPollDelay(6_000, () => random)).toBeGreaterThanOrEqual(3_000);
      expect(jitteredPollDelay(6_000, () => random)).toBeLessThanOrEqual(6_000);
    }
  });

  test('waits started together drift apart: ten waits with their own draws read at ten different moments', async () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const readTimes: number[] = [];
    for (let wait = 0; wait < 10; wait++) {
      const clock = new VirtualClock();
      clock.random = random;
      const start = clock.now();
      let n = 0;
      await pollUntil(clock.deadline(), { waitingFor: 'x', read: async () => ++n, done: () => n === 10 });
      readTimes.push(clock.now() - start);
    }
    // Without jitter all ten would read for the tenth time at the same moment (0.5 + 1 + 8 × 1.5 = 13.5 s).
    expect(new Set(readTimes).size).toBe(10);
    expect(Math.max(...readTimes) - Math.min(...readTimes)).toBeGreaterThan(500);
    expect(Math.max(...readTimes)).toBeLessThanOrEqual(13_500);
  });

  test('the system clock draws from Math.random', () => {
    expect(systemClock.random).toBeDefined();
    const draws = Array.from({ length: 20 }, () => systemClock.random!());
    expect(draws.every((r) => r >= 0 && r < 1)).toBe(true);
    expect(new Set(draws).size).toBeGreaterThan(1);
  });
});
