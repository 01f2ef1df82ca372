/**
 * Shared setup of the fake's own tests (fake-*.test.ts): one fake per test
 * file, reset before each test, and SDK clients pointed at it.
 */
import { FAKE_REGION, FakeServices } from './fake-services';

export let fake: FakeServices;

/** Starts the fake for the calling test file; every test must leave it without problems. */
export function useFakeServices(): void {
  beforeAll(async () => {
    fake = await FakeServices.start();
  });
  afterAll(async () => fake.stop());
  beforeEach(() => fake.reset());
  afterEach(() => expect(fake.problems).toEqual([]));
}

/** A client of the fake with the SDK's standard retries (quick ones) unless `maxAttempts` says otherwise. */
export function client<T>(Client: new (config: any) => T, maxAttempts = 3): T {
  return new Client({
    endpoint: fake.url,
    region: FAKE_REGION,
    credentials: { accessKeyId: 'AKIAFAKEFAKEFAKEFAKE', secretAccessKey: 'fake' },
    maxAttempts,
  });
}

export async function failure(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}
