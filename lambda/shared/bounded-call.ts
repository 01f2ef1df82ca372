/**
 * One SDK call bounded by the handler's deadline, that can say why it ran
 * out of time: the SDK retries throttling on its own (with backoff), and a
 * call throttled until the deadline otherwise fails with nothing but "time
 * is running out".
 */
import type { MiddlewareStack } from '@smithy/types';
import { DeadlineError } from './deadline';
import type { Deadline } from './deadline';
import { describeError } from './errors';

/** A call given up on before it answered: whether it took effect is unknown. */
export class CallTimeoutError extends DeadlineError {}

/** What the call saw of throttling: each throttled attempt's error. */
interface Throttled {
  count: number;
  last?: string;
}

/** An SDK command: its own middleware stack lets a call watch its attempts without state outside the call. */
export interface WatchableCommand {
  readonly middlewareStack: MiddlewareStack<any, any>;
}

/**
 * Sends a command (through `send`, which passes the abort signal to the
 * client), and gives up `reserveMs` before the deadline. The error then names
 * the call and, when the SDK was retrying throttling, says so.
 */
export async function sendBefore<O>(
  deadline: Deadline,
  call: { readonly what: string; readonly command: WatchableCommand; readonly reserveMs?: number },
  send: (abortSignal: AbortSignal) => Promise<O>,
): Promise<O> {
  const throttled: Throttled = { count: 0 };
  call.command.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (isThrottling(error)) {
          throttled.count++;
          throttled.last = describeError(error);
        }
        throw error;
      }
    },
    // Inside the retry middleware: every attempt passes here.
    { step: 'finalizeRequest', priority: 'low', name: 'cdkLiveMediaWatchThrottling', override: true },
  );
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      const why = throttled.count > 0
        ? `it was being throttled (${throttled.count} throttled attempt${throttled.count > 1 ? 's' : ''}, last: ${throttled.last}) and the SDK was still retrying`
        : 'it had not answered';
      reject(new CallTimeoutError(`Gave up on ${call.what}: ${why} when the handler's time ran out (it answers before the Lambda timeout)`));
    }, Math.max(0, deadline.remainingMs() - (call.reserveMs ?? 0)));
  });
  try {
    return await Promise.race([send(abort.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** The SDK's own throttling classification, plus what treatAsThrottling marks. */
function isThrottling(error: unknown): boolean {
  const e = error as { name?: string; $retryable?: { throttling?: boolean }; $metadata?: { httpStatusCode?: number } };
  return e?.$retryable?.throttling === true || e?.$metadata?.httpStatusCode === 429 ||
    ['ThrottlingException', 'TooManyRequestsException', 'ClientLimitExceededException', 'ThrottledClientException'].includes(e?.name ?? '');
}
