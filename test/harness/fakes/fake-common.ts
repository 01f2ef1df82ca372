/** What the fake's services share: where the fake lives and how an operation fails. */
import { randomBytes } from 'crypto';

/** The account and Region the fake lives in (the ones test/helpers/cfn.ts resolves pseudo parameters to). */
export const FAKE_ACCOUNT = '123456789012';
export const FAKE_REGION = 'us-east-1';

/** An error a fake operation answers with: the name of one of the operation's modeled errors. */
export class ServiceError extends Error {
  constructor(public readonly errorName: string, message: string) {
    super(message);
  }
}

/** A fake operation: the validated input in, the output out (or a ServiceError thrown). */
export type FakeOperation = (input: any) => unknown;

/** A service's state: its operations by short name. */
export interface FakeServiceState {
  readonly operations: Record<string, FakeOperation>;
  reset(): void;
}

/**
 * How long an entity stays in a state: it is shown to `gets` reads (Get*
 * calls), or until `ms` passed, whichever ends first; the next read moves it on.
 */
export interface Phase {
  readonly gets: number;
  readonly ms?: number;
}

/** Whether an entity that entered its state at `since` and was read `gets` times since moves on at the next read. */
export function phaseOver(phase: Phase, gets: number, since: number): boolean {
  return gets >= phase.gets || (phase.ms !== undefined && Date.now() - since >= phase.ms);
}

/** A random ID of `length` characters from `alphabet`. */
export function fakeId(length: number, alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'): string {
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
}
