/**
 * The one setup every handler test shares (test/lambda/**): the mocked SDK
 * clients (aws-sdk-client-mock, which replaces every instance of a client
 * class, as the handlers make theirs at module scope) reset before each test,
 * virtual time back to its start, console output silenced, and the spies
 * restored after.
 */
import type { AwsStub } from 'aws-sdk-client-mock';
import { VirtualClock } from './clock';

/** A mocked SDK client of any service. */
export type SdkMock = AwsStub<any, any, any>;

/** What the tests of one file share: one clock, reset before each test (keep it: it is the same object throughout). */
export interface SdkMockSetup {
  readonly clock: VirtualClock;
}

/** Registers the per-test reset of the given mocks in the calling test file. */
export function useSdkMocks(...mocks: SdkMock[]): SdkMockSetup {
  const clock = new VirtualClock();
  beforeEach(() => {
    for (const mock of mocks) mock.reset();
    clock.reset();
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());
  return { clock };
}

/** The names of the commands a mock was sent, in order, without the `Command` suffix. */
export function commandsSent(mock: SdkMock): string[] {
  return mock.calls().map((call) => (call.args[0] as object).constructor.name.replace(/Command$/, ''));
}

/** A service exception as the SDK client throws it (any modeled exception class of the client's package). */
export function serviceError<T>(Type: new (options: any) => T, message: string): T {
  return new Type({ message, $metadata: {} });
}
