import type { MiddlewareStack } from '@smithy/types';

/**
 * Configuration shared by the SDK clients: the SDK's own adaptive retry
 * strategy (backoff plus client-side rate limiting on throttling) and request
 * timeouts short enough to leave the handler time to answer CloudFormation.
 */
export function clientConfig() {
  return {
    maxAttempts: 6,
    retryMode: 'adaptive',
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
  } as const;
}

/**
 * Makes the SDK's retry strategy treat the named service errors as
 * throttling. Kinesis Video Streams answers throttling with
 * ClientLimitExceededException (HTTP 400), which the SDK does not recognise.
 * The middleware sits inside the retry middleware and marks the error before
 * the strategy classifies it.
 */
export function treatAsThrottling(client: { middlewareStack: MiddlewareStack<any, any> }, errorNames: readonly string[]): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (error instanceof Error && errorNames.includes(error.name)) {
          Object.assign(error, { $retryable: { throttling: true } });
        }
        throw error;
      }
    },
    { step: 'finalizeRequest', priority: 'low', name: 'cdkLiveMediaThrottlingErrors' },
  );
}

/** The errors with which the services answer a call the caller's policies do not (yet) allow. */
const ACCESS_DENIED_ERRORS = ['AccessDeniedException', 'AccessDenied', 'ForbiddenException'];

/**
 * The waits before each retry of a denied call: 15 s in all. The policy that
 * allows a call is often attached in the same deploy, moments before the
 * custom resource that makes it, and IAM applies a change within seconds,
 * not at once; a denial that outlasts this is real.
 */
export const GRANT_PROPAGATION_DELAYS_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000];

/**
 * Retries a call denied by IAM (ACCESS_DENIED_ERRORS) after each of `delaysMs`,
 * around the SDK's own retries, then lets the last denial through.
 */
export function retryWhileGrantsPropagate(
  client: { middlewareStack: MiddlewareStack<any, any> },
  delaysMs: readonly number[] = GRANT_PROPAGATION_DELAYS_MS,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await next(args);
        } catch (error) {
          const denied = error instanceof Error && ACCESS_DENIED_ERRORS.includes(error.name);
          if (!denied || attempt >= delaysMs.length) throw error;
          console.warn(`${error.name} (${error.message}): retrying in ${delaysMs[attempt]} ms, in case the grant was attached moments ago`);
          await sleep(delaysMs[attempt]);
        }
      }
    },
    { step: 'initialize', priority: 'high', name: 'cdkLiveMediaGrantPropagation' },
  );
}

/** How a service's client departs from the defaults of configureClient. */
export interface ClientOptions {
  /** Service errors that mean throttling but that the SDK does not recognise as such. @default none */
  readonly throttlingErrors?: readonly string[];
  /** Whether denied calls are retried while grants propagate (retryWhileGrantsPropagate). @default true */
  readonly retryWhileGrantsPropagate?: boolean;
}

/**
 * What every handler's client gets, made with `new XClient(clientConfig())`:
 * retries of denied calls while grants propagate and the service's throttling
 * errors classified as throttling. One function for all clients, so that
 * each service's factory (lambda/shared/clients/) bundles its own client only.
 */
export function configureClient<C extends { middlewareStack: MiddlewareStack<any, any> }>(client: C, options: ClientOptions = {}): C {
  if (options.retryWhileGrantsPropagate ?? true) retryWhileGrantsPropagate(client);
  if (options.throttlingErrors?.length) treatAsThrottling(client, options.throttlingErrors);
  return client;
}
