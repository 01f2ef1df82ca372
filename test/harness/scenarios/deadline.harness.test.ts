/**
 * Nothing started is abandoned (issue 20, 5), as deployed: the bundled
 * handler in a function whose timeout (20 s) is shorter than its deadline
 * margin, so that the last-resort deadline has already passed when the
 * request arrives. Before, the answer (FAILED) went out at once while the
 * start went on: the object kept running after a failed Create, which no
 * Delete ever reaches. Now nothing is started (or what a call in flight
 * created is removed) before the answer. Many runs: it was a race.
 */
import { CREATE_FAILED_MARKER } from '../runtime/expectations';
import type { Invocation } from '../runtime/lambda-runner';
import { CHIME_FIXTURES, registerIvsResources, useHarness } from '../runtime/parts';
const SHORT_TIMEOUT_MS = 20_000;
const RUNS = 5;

const h = useHarness((harness) => {
  registerIvsResources(harness);
  harness.fake.chime.addPipeline({ id: CHIME_FIXTURES.pipelineId, speakerSearch: false });
  harness.fake.ivs.options = { ...harness.fake.ivs.options, starting: { gets: 0 }, stopping: { gets: 0 } };
  harness.fake.chime.options = { starting: { gets: 0 }, stopping: { gets: 0 } };
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Create with the short timeout, `RUNS` times; each answered FAILED for lack of time. */
async function createsWithShortTimeout(variant: string, logicalId: string): Promise<Invocation[]> {
  const invocations: Invocation[] = [];
  for (let run = 0; run < RUNS; run++) {
    const invocation = await h.invoke(h.event('Create', variant, { logicalId }), { timeoutMs: SHORT_TIMEOUT_MS });
    expect(invocation.response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: CREATE_FAILED_MARKER });
    expect(invocation.response!.Reason).toMatch(/time/);
    invocations.push(invocation);
  }
  // What the function still had in flight after it answered reaches the fake meanwhile.
  await sleep(1_000);
  return invocations;
}

test('IvsComposition: no composition left running', async () => {
  await createsWithShortTimeout('ivs.initial', 'Studio');
  expect(h.fake.ivs.active()).toEqual([]);
  expect(h.fake.callsOf('StartComposition')).toEqual([]);
});

test('VoiceAnalyticsTask: no task left running', async () => {
  await createsWithShortTimeout('chime.initial', 'Sentiment');
  expect([...h.fake.chime.tasks.values()].filter((t) => !['Stopping', 'Stopped', 'Failed'].includes(t.status))).toEqual([]);
});

test('KvsMediaInsightsPipeline: no pipeline left running', async () => {
  const configuration = await h.invoke(h.event('Create', 'chain.configuration', { logicalId: 'Configuration' }));
  expect(configuration.response?.Status).toBe('SUCCESS');
  await createsWithShortTimeout('chain.pipeline', 'Pipeline');
  expect([...h.fake.chime.insights.pipelines.values()].filter((p) => p.status === 'Initializing' || p.status === 'InProgress')).toEqual([]);
});

test('MediaInsightsPipelineConfiguration: no configuration left behind', async () => {
  await createsWithShortTimeout('chain.configuration', 'Configuration');
  expect([...h.fake.chime.insights.configurations.values()]).toEqual([]);
});
