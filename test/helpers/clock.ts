import { Deadline } from '../../lambda/shared/deadline';
import type { Clock } from '../../lambda/shared/deadline';

/**
 * A clock whose sleeps return at once and advance virtual time; records them.
 * Its `random` is 0 unless a test sets it: polling schedules then take their
 * longest (un-jittered) delays.
 */
export class VirtualClock implements Clock {
  public readonly sleeps: number[] = [];
  private time = 1_000_000;
  /** The jitter's draws. */
  public random: () => number = () => 0;
  public now(): number {
    return this.time;
  }
  public async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
  }
  /** Back to the start: no sleeps, the first instant, no jitter (useSdkMocks does this before each test). */
  public reset(): void {
    this.sleeps.length = 0;
    this.time = 1_000_000;
    this.random = () => 0;
  }
  /** A deadline `ms` of virtual time from now. */
  public deadline(ms = 555_000): Deadline {
    return new Deadline(this.time + ms, this);
  }
}
