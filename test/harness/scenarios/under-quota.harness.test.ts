/**
 * A deploy under the account's API quotas (issue 16): 10 compositions and 20
 * voice tone analysis tasks created at once, each handler in its own process,
 * against the fake with a token bucket of 5 requests a second per operation
 * for the whole account (IVS's real quota; assumed for the Chime task APIs).
 * Every object stays starting for 30 s, so all 30 handlers poll the same
 * quota for that long. A throttled poll must not fail its resource: every
 * resource answers SUCCESS, and the requests the quota throttled are counted.
 *
 * 30 s of real time (the issue's figure): the fake's phases run on the wall
 * clock, as the real services do, and the handlers' backoff is real too.
 */
import { createAtOnce } from '../runtime/concurrent-creates';
import { useHarness } from '../runtime/parts';

const COMPOSITIONS = 10;
const TASKS = 20;
const STARTING_MS = 30_000;

const h = useHarness(() => undefined);

test(`${COMPOSITIONS} compositions and ${TASKS} tasks created at once under 5 requests a second per operation all answer SUCCESS`, async () => {
  const outcome = await createAtOnce(h, { compositions: COMPOSITIONS, tasks: TASKS, startingMs: STARTING_MS });

  const answers = outcome.created.map(({ construct, invocation }) =>
    `${construct} ${invocation.event.LogicalResourceId}: ${invocation.response?.Status ?? 'no answer'}${invocation.response?.Status === 'FAILED' ? ` (${invocation.response.Reason})` : ''}`);
  console.log([
    `under quota: ${COMPOSITIONS} compositions + ${TASKS} tasks, starting for ${STARTING_MS / 1_000} s`,
    `objects started ${range(outcome.created.map((c) => c.objectStartedAfterMs))} ms after the invocations began (cold starts included)`,
    `last answer after ${outcome.lastAnswerAfterMs} ms; answers ${range(outcome.created.map((c) => c.answeredAfterTransitionMs))} ms after their object's transition`,
    `throttled requests by operation: ${JSON.stringify(outcome.throttled)}`,
    `requests by operation: ${JSON.stringify(outcome.requests)}`,
    ...answers.filter((a) => !a.endsWith('SUCCESS')),
  ].join('\n'));

  expect(answers.filter((a) => !a.endsWith(': SUCCESS'))).toEqual([]);
  // The quota did bite: the waits went on through throttled reads.
  expect(outcome.throttled.GetComposition ?? 0).toBeGreaterThan(0);
  expect(outcome.throttled.GetVoiceToneAnalysisTask ?? 0).toBeGreaterThan(0);
  // One object per resource, none left behind by a retried Start, all running.
  expect(h.fake.ivs.active().map((c) => c.state)).toEqual(Array(COMPOSITIONS).fill('ACTIVE'));
  expect(h.fake.chime.active().map((t) => t.status)).toEqual(Array(TASKS).fill('InProgress'));
  // Every answer came after its object's transition, and within a bound: the backoff's cap (10 s), plus one
  // read's SDK retries when all its attempts are throttled (their backoff adds up to 15.5 s at most), plus round trips.
  expect(Math.min(...outcome.created.map((c) => c.answeredAfterTransitionMs))).toBeGreaterThanOrEqual(0);
  expect(outcome.worstAfterTransitionMs).toBeLessThan(30_000);
}, 180_000);

const range = (values: number[]) => `${Math.round(Math.min(...values))} to ${Math.round(Math.max(...values))}`;
