/**
 * The stage keeper (IvsStageComposition's runtime function), run from the
 * staged asset as Lambda runs it, against the fake IVS real-time API:
 * - the time from the function receiving a Participant Published message to
 *   StartComposition reaching the fake, warm and cold (cold: a new process,
 *   the module load counted as Lambda's init);
 * - the API calls one scheduled check makes per stage state, and so per hour
 *   at the default interval (1 minute).
 *
 *   npx ts-node --project bench/tsconfig.json bench/stage-keeper.ts [assetDir]
 *
 * `assetDir` replaces the keeper's asset (e.g. a bundle of the keeper alone)
 * to compare bundlings. Prints figures; asserts nothing.
 */
import { FakeServices } from '../test/harness/fake-services';
import { LambdaContainer } from '../test/harness/lambda-container';
import { messageFor, scheduledMessage, synthesizeStageKeeper } from '../test/harness/stage-keeper-harness';

const STAGE = 'arn:aws:ivs:us-east-1:123456789012:stage/BenchStage1';
const CHANNEL = 'arn:aws:ivs:us-east-1:123456789012:channel/BenchLive1';
const COLD_RUNS = Number(process.env.COLD_RUNS ?? 10);
const WARM_RUNS = Number(process.env.WARM_RUNS ?? 30);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];

async function main() {
  const assembly = synthesizeStageKeeper(STAGE, CHANNEL);
  const keeper = process.argv[2] ? { ...assembly.keeper, assetDir: process.argv[2] } : assembly.keeper;
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
    await container.invoke({ Records: [{ messageId: 'm', body: scheduledMessage(assembly.scheduleInput, `x-${Math.random()}`) }] });
    return { state, calls: fake.calls.map((c) => c.operation) };
  };
  const checks = [await callsOfCheck('idle'), await callsOfCheck('session without publisher'), await callsOfCheck('composition running')];
  await container.stop();
  await fake.stop();

  const coldTotal = cold.map((c) => c.initMs + c.toStartMs);
  console.log(`asset: ${keeper.assetDir}`);
  console.log(`cold (n=${COLD_RUNS}): init median ${median(cold.map((c) => c.initMs))} ms; message -> StartComposition median ${median(cold.map((c) => c.toStartMs))} ms; ` +
    `init + message -> StartComposition median ${median(coldTotal)} ms, p90 ${p90(coldTotal)} ms`);
  console.log(`warm (n=${WARM_RUNS}): message -> StartComposition median ${median(warm)} ms, p90 ${p90(warm)} ms`);
  for (const { state, calls } of checks) {
    console.log(`scheduled check, ${state}: ${calls.length} calls (${calls.join(', ')}) = ${calls.length * 60} per stage per hour at 1 minute`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
