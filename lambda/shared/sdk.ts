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
