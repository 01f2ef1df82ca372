/**
 * The stage keeper (IvsStageComposition's runtime function), run from the
 * staged asset as Lambda runs it, against the fake IVS real-time API
 * (`npx projen bench`, or `BENCH_ONLY=stage-keeper npx projen bench`):
 * - the time from the function receiving a Participant Published message to
 *   StartComposition reaching the fake, warm and cold (cold: a new process,
 *   the module load counted as Lambda's init);
 * - the API calls one scheduled check makes per stage state, and so per hour
 *   at the default interval (1 minute).
 * It measures; it asserts nothing.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { IvsChannel, IvsStage, IvsStageComposition } from '../src';
import { FakeServices } from '../test/harness/fakes/fake-services';
import { LambdaContainer } from '../test/harness/runtime/lambda-container';
import { messageFor, scheduledMessage, synthesizeStageKeeper } from '../test/harness/runtime/stage-keeper-harness';

const STAGE = 'arn:aws:ivs:us-east-1:123456789012:stage/BenchStage1';
const CHANNEL = 'arn:aws:ivs:us-east-1:123456789012:channel/BenchLive1';
const COLD_RUNS = Number(process.env.COLD_RUNS ?? 10);
const WARM_RUNS = Number(process.env.WARM_RUNS ?? 30);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];

/** Resources of a stack with `n` stage compositions (each with a channel), as ARNs. */
function resourcesWith(n: number): number {
  const stack = new Stack(new App(), 'Bench', { env: { account: '123456789012', region: 'us-east-1' } });
  for (let i = 0; i < n; i++) {
    new IvsStageComposition(stack, `Studio${i}`, {
      stage: IvsStage.fromStageArn(`arn:aws:ivs:us-east-1:123456789012:stage/Stage${i}`),
      channel: { channel: IvsChannel.fromChannelArn(`arn:aws:ivs:us-east-1:123456789012:channel/Channel${i}`) },
    });
  }
  return Object.keys(Template.fromStack(stack).toJSON().Resources).length;
}

export interface StageKeeperFigures {
  /** Resources of a stack with 1, 2 and 50 stage compositions. */
  readonly resources: { readonly stages: number; readonly count: number }[];
  readonly coldRuns: number;
  readonly warmRuns: number;
  /** Lambda's init (a new process loading the handler), median. */
  readonly coldInitMs: number;
  /** Init plus the first message until StartComposition reaches the fake. */
  readonly coldTotalMs: { readonly median: number; readonly p90: number };
  readonly warmMs: { readonly median: number; readonly p90: number };
  readonly checks: { readonly state: string; readonly calls: string[] }[];
}

export async function measureStageKeeper(): Promise<StageKeeperFigures> {
  const assembly = synthesizeStageKeeper(STAGE, CHANNEL);
  const keeper = assembly.keeper;
  const fake = await FakeServices.start();
  let startedAt = 0;
  const start = fake.ivs.operations.StartComposition;
  (fake.ivs.operations as any).StartComposition = (input: any) => {
    startedAt = Date.now();
    return start(input);
  };
  const freshStage = (publisher: boolean) => {
    fake.reset();
    fake.ivs.resources.add(CHANNEL);
    fake.ivs.resources.add(STAGE);
    fake.ivs.stages.add(STAGE);
    if (publisher) fake.ivs.stages.join(STAGE, 'host', { publish: true });
  };
  const published = () => ({
    Records: [{
      messageId: 'm',
      body: messageFor(assembly.ruleInput, {
        'id': `e-${Math.random()}`,
        'detail-type': 'IVS Stage Update',
        'detail': { session_id: fake.ivs.stages.activeSession(STAGE), event_name: 'Participant Published', participant_id: 'p', user_id: 'host' },
      }),
    }],
  });

  const cold: { initMs: number; toStartMs: number }[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    freshStage(true);
    const t0 = Date.now();
    const container = await LambdaContainer.start(keeper, fake.clientEnvironment());
    const t1 = Date.now();
    await container.invoke(published());
    cold.push({ initMs: t1 - t0, toStartMs: startedAt - t1 });
    await container.stop();
  }

  const container = await LambdaContainer.start(keeper, fake.clientEnvironment());
  freshStage(true);
  await container.invoke(published());
  const warm: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    freshStage(true);
    const t0 = Date.now();
    await container.invoke(published());
    warm.push(startedAt - t0);
  }

  // API calls of one scheduled check, per stage state.
  const callsOfCheck = async (state: 'idle' | 'session without publisher' | 'composition running') => {
    freshStage(state !== 'idle');
    if (state === 'session without publisher') {
      fake.reset();
      fake.ivs.resources.add(STAGE);
      fake.ivs.stages.add(STAGE);
      fake.ivs.stages.join(STAGE, 'viewer');
    }
    if (state === 'composition running') await container.invoke(published());
    fake.calls.length = 0;
    await container.invoke({ Records: [{ messageId: 'm', body: scheduledMessage(assembly, `x-${Math.random()}`) }] });
    return { state, calls: fake.calls.map((c) => c.operation) };
  };
  const checks = [await callsOfCheck('idle'), await callsOfCheck('session without publisher'), await callsOfCheck('composition running')];
  await container.stop();
  await fake.stop();

  const coldTotal = cold.map((c) => c.initMs + c.toStartMs);
  return {
    resources: [1, 2, 50].map((stages) => ({ stages, count: resourcesWith(stages) })),
    coldRuns: COLD_RUNS,
    warmRuns: WARM_RUNS,
    coldInitMs: median(cold.map((c) => c.initMs)),
    coldTotalMs: { median: median(coldTotal), p90: p90(coldTotal) },
    warmMs: { median: median(warm), p90: p90(warm) },
    checks,
  };
}

/** The BENCHMARKS.md section on the stage keeper: its heading first. */
export function stageKeeperSection(f: StageKeeperFigures): string[] {
  const lines = ['## IvsStageComposition\'s keeper', ''];
  lines.push('The keeper function run from the staged asset as Lambda runs it, against the fake IVS real-time API',
    '(test/harness): from receiving a Participant Published message to StartComposition reaching the fake.', '');
  lines.push('| figure | median | p90 | target |', '| --- | ---: | ---: | --- |');
  lines.push(`| cold (n=${f.coldRuns}): init + message → StartComposition | ${f.coldTotalMs.median} ms | ${f.coldTotalMs.p90} ms | at most 1 s |`);
  lines.push(`| of which init (a new process loading index.js) | ${f.coldInitMs} ms | | |`);
  lines.push(`| warm (n=${f.warmRuns}): message → StartComposition | ${f.warmMs.median} ms | ${f.warmMs.p90} ms | at most 300 ms |`);
  lines.push('', '| scheduled check, stage state | API calls | per stage per hour at 1 minute | target |', '| --- | --- | ---: | --- |');
  for (const { state, calls } of f.checks) {
    lines.push(`| ${state} | ${calls.length} (${calls.join(', ')}) | ${calls.length * 60} | ${state === 'idle' ? 'at most 120' : ''} |`);
  }
  const [one, two] = f.resources;
  lines.push('', `Resources (limit 500): ${f.resources.map((r) => `${r.stages} stage${r.stages > 1 ? 's' : ''} ${r.count}`).join(', ')}; ` +
    `each added stage costs ${two.count - one.count} (its rule and its teardown custom resource); the first adds the shared keeper (function, role, ` +
    'queues, log group, event source mapping) and the stack\'s one reconciliation schedule and its role.', '');
  return lines;
}
