import { pollUntil, POLL, WaitTimeoutError } from '../../../lambda/shared/polling';
import { VirtualClock } from '../../helpers/clock';

/** A read that answers the given states in turn, then the last one for ever. */
function reads<T>(...states: T[]) {
  let i = 0;
  const read = jest.fn(async () => states[Math.min(i++, states.length - 1)]);
  return read;
}

describe('pollUntil', () => {
  test('reads at once, then after 0.5 s, 1 s and every 1.5 s until done', async () => {
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
