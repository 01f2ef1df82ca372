/**
 * IvsStageComposition's keeper as deployed: the staged asset run as Lambda
 * runs it (`index.stageKeeper`), fed the messages its rule and schedule make
 * (input templates read from the synthesized template), through a FIFO queue
 * with content-based deduplication and one message at a time per group,
 * against the fake IVS real-time API (stage sessions, participants,
 * compositions). The teardown runs on the shared custom resource handler.
 */
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import { cfnEvent } from '../../helpers/cfn';
import { FakeServices } from '../fakes/fake-services';
import { LambdaContainer } from '../runtime/lambda-container';
import { IVS_RESOURCES } from '../runtime/parts';
import { ResponseServer } from '../runtime/response-server';
import { FakeFifoQueue, messageFor, scheduledMessage, synthesizeStageKeeper } from '../runtime/stage-keeper-harness';
import type { StageKeeperAssembly } from '../runtime/stage-keeper-harness';

jest.setTimeout(60_000);

const STAGE = IVS_RESOURCES.stage;
const CHANNEL = IVS_RESOURCES.channel;
const OTHER_CHANNEL = IVS_RESOURCES.channel.replace('Live1', 'Manual1');
const OWNER = 'cdk-live-media:owner';

let fake: FakeServices;
let assembly: StageKeeperAssembly;
const containers: LambdaContainer[] = [];
let queue: FakeFifoQueue;

beforeAll(async () => {
  assembly = synthesizeStageKeeper(STAGE, CHANNEL, { maxRetriesPerSession: 1 });
  fake = await FakeServices.start();
  for (let i = 0; i < 2; i++) containers.push(await LambdaContainer.start(assembly.keeper, fake.clientEnvironment()));
});
afterAll(async () => {
  await Promise.all(containers.map((c) => c.stop()));
  await fake.stop();
  fs.rmSync(assembly.outdir, { recursive: true, force: true });
});
beforeEach(() => {
  fake.reset();
  fake.ivs.options = { ...fake.ivs.options, starting: { gets: 0 } };
  for (const arn of [STAGE, CHANNEL, OTHER_CHANNEL]) fake.ivs.resources.add(arn);
  fake.ivs.stages.add(STAGE);
  queue = new FakeFifoQueue([...containers]);
});
afterEach(() => expect(fake.problems).toEqual([]));

const published = (id: string, sessionId = fake.ivs.stages.activeSession(STAGE)) =>
  messageFor(assembly.ruleInput, { 'id': id, 'detail-type': 'IVS Stage Update', 'detail': { session_id: sessionId, event_name: 'Participant Published', participant_id: 'p', user_id: 'host' } });
const unpublished = (id: string) =>
  messageFor(assembly.ruleInput, { 'id': id, 'detail-type': 'IVS Stage Update', 'detail': { session_id: fake.ivs.stages.activeSession(STAGE), event_name: 'Participant Unpublished', participant_id: 'p', user_id: 'host' } });
const compositionEvent = (id: string, eventName: string) =>
  messageFor(assembly.ruleInput, { 'id': id, 'detail-type': 'IVS Composition State Change', 'detail': { event_name: eventName, stage_arn: STAGE } });
const send = (body: string) => queue.send(assembly.messageGroupId, body);
const ours = () => [...fake.ivs.compositions.values()].filter((c) => c.tags?.[OWNER] === assembly.teardownProperties.ownerId);
const running = () => ours().filter((c) => c.state === 'STARTING' || c.state === 'ACTIVE');

test('the same Participant Published event delivered 5 times at once: one composition (the queue deduplicates)', async () => {
  fake.ivs.stages.join(STAGE, 'host', { publish: true });
  const event = published('evt-1');
  await Promise.all([1, 2, 3, 4, 5].map(() => send(event)));
  await queue.drained();
  expect(queue.delivered).toHaveLength(1);
  expect(ours()).toHaveLength(1);
  expect(fake.callsOf('StartComposition')).toHaveLength(1);
});

test('5 different events at once (one group, one at a time): one composition; later ones find it running', async () => {
  fake.ivs.stages.join(STAGE, 'host', { publish: true });
  await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => send(published(id))));
  expect(queue.delivered).toHaveLength(5);
  expect(ours()).toHaveLength(1);
  expect(fake.callsOf('StartComposition')).toHaveLength(1);
});

test('without the queue, 5 concurrent deliveries of one event send one token: the fake (which honours it) keeps one composition', async () => {
  fake.ivs.stages.join(STAGE, 'host', { publish: true });
  const more = await Promise.all([1, 2, 3].map(() => LambdaContainer.start(assembly.keeper, fake.clientEnvironment())));
  try {
    const all = [...containers, ...more];
    const body = published('evt-2');
    await Promise.all(all.map((c) => c.invoke({ Records: [{ messageId: randomUUID(), body }] })));
  } finally {
    await Promise.all(more.map((c) => c.stop()));
  }
  expect(new Set(fake.inputsOf('StartComposition').map((i) => i.idempotencyToken)).size).toBe(1);
  expect(ours()).toHaveLength(1);
});

test('Unpublished delivered before Published: the first check already starts the composition; the second finds it', async () => {
  fake.ivs.stages.join(STAGE, 'host', { publish: true });
  await send(unpublished('u1'));
  expect(ours()).toHaveLength(1);
  await send(published('p1'));
  expect(ours()).toHaveLength(1);
});

test('an event of an earlier session does nothing', async () => {
  fake.ivs.stages.join(STAGE, 'host', { publish: true });
  const earlier = fake.ivs.stages.activeSession(STAGE);
  fake.ivs.stages.endSession(STAGE);
  fake.ivs.stages.join(STAGE, 'host');
  await send(published('late', earlier));
  expect(ours()).toHaveLength(0);
  expect(fake.callsOf().map((c) => c.operation)).toEqual(['GetStage']);
});

test('a missed event: the next scheduled check starts the composition; an idle stage costs one GetStage per check', async () => {
  await send(scheduledMessage(assembly, 'x-1'));
  expect(fake.callsOf().map((c) => c.operation)).toEqual(['GetStage']);
  fake.ivs.stages.join(STAGE, 'host', { publish: true });
  await send(scheduledMessage(assembly, 'x-2'));
  expect(running()).toHaveLength(1);
});

test('Session End while publishers remain: a new composition (attempt 2)', async () => {
  fake.ivs.stages.join(STAGE, 'host', { publish: true });
  await send(published('p1'));
  // It ran for an hour (one that ends within minutes counts as a failed attempt).
  Object.assign(ours()[0], { startTime: new Date(Date.now() - 3_600_000).toISOString() });
  fake.ivs.end(ours()[0].arn);
  await send(compositionEvent('end-1', 'Session End'));
  expect(running()).toHaveLength(1);
  expect(ours().map((c) => c.tags!['cdk-live-media:attempt']).sort()).toEqual(['1', '2']);
});

test('Session Failure repeated: restarted after the backoff up to maxRetriesPerSession (1), then it gives up visibly', async () => {
  fake.ivs.stages.join(STAGE, 'host', { publish: true });
  await send(published('p1'));
  fake.ivs.fail(ours()[0].arn);
  await send(compositionEvent('f1', 'Session Failure'));
  expect(running()).toHaveLength(0); // backing off (1 s)
  await new Promise((r) => setTimeout(r, 1_100));
  await send(scheduledMessage(assembly, 's1'));
  expect(running()).toHaveLength(1);
  fake.ivs.fail(running()[0].arn);
  const before = containers.flatMap((c) => c.output).length;
  await new Promise((r) => setTimeout(r, 2_100));
  await send(compositionEvent('f2', 'Session Failure'));
  await send(scheduledMessage(assembly, 's2'));
  expect(ours()).toHaveLength(2);
  const logs = containers.flatMap((c) => c.output).slice(before).join('\n');
  expect(logs).toContain('2 compositions failed in session');
  expect(logs).toMatch(/"GaveUp":1/);
});

test('a composition started by hand on the same stage is left alone; ours runs beside it', async () => {
  fake.ivs.stages.join(STAGE, 'host', { publish: true });
  const byHand = fake.ivs.operations.StartComposition({ stageArn: STAGE, destinations: [{ channel: { channelArn: OTHER_CHANNEL } }] }).composition;
  await send(published('p1'));
  expect(running()).toHaveLength(1);
  expect(fake.ivs.composition(byHand.arn).state).toBe('STARTING');
  expect(fake.callsOf('StopComposition')).toHaveLength(0);
});

describe('teardown', () => {
  let responses: ResponseServer;
  let provider: LambdaContainer;
  beforeAll(async () => {
    responses = await ResponseServer.start();
    provider = await LambdaContainer.start(assembly.provider, {
      ...fake.clientEnvironment(), HARNESS_RESPONSE_PORT: String(responses.port), HARNESS_RESPONSE_CA: responses.ca,
    });
  });
  afterAll(async () => {
    await provider.stop();
    await responses.stop();
  });

  test('stack deleted: the compositions it owns are stopped, the others untouched', async () => {
    fake.ivs.stages.join(STAGE, 'host', { publish: true });
    const byHand = fake.ivs.operations.StartComposition({ stageArn: STAGE, destinations: [{ channel: { channelArn: OTHER_CHANNEL } }] }).composition;
    await send(published('p1'));
    const mine = running()[0];

    const { ServiceToken: _, ...props } = assembly.teardownProperties as Record<string, unknown>;
    const base = cfnEvent('Delete', 'Custom::IvsStageCompositionTeardown', { ...props, GraceSeconds: 0 }, {
      RequestId: randomUUID(), PhysicalResourceId: `${props.ownerId}:${STAGE}`,
    });
    const event = { ...base, ResponseURL: responses.urlFor(base) };
    const output = await provider.invoke(event);
    expect(output.error).toBeUndefined();
    expect(responses.responsesTo(event.RequestId).at(-1)?.body.Status).toBe('SUCCESS');
    expect(fake.inputsOf('StopComposition')).toEqual([{ arn: mine.arn }]);
    expect(fake.ivs.composition(mine.arn).state).toBe('STOPPING');
    expect(fake.ivs.composition(byHand.arn).state).toBe('STARTING');
  });
});

test('two IvsStageComposition on one stage with different channels: each keeps exactly its own composition', async () => {
  // The second construct's messages: the same stage (so the same message group), its own owner and channel.
  const second = (body: string) => {
    const message = JSON.parse(body);
    message.config = { ...message.config, ownerId: 'c8second0000000000000000000000000000000000', destinations: [{ channel: { channelArn: OTHER_CHANNEL } }] };
    return JSON.stringify(message);
  };
  const ownedBy = (owner: string) => [...fake.ivs.compositions.values()].filter((c) => c.tags?.[OWNER] === owner && (c.state === 'STARTING' || c.state === 'ACTIVE'));
  fake.ivs.stages.join(STAGE, 'host', { publish: true });
  await send(published('p1'));
  await send(second(published('p1')));
  for (let i = 0; i < 3; i++) {
    await send(scheduledMessage(assembly, `s${i}`));
    await send(second(scheduledMessage(assembly, `s${i}`)));
  }
  const first = ownedBy(String(assembly.teardownProperties.ownerId));
  const theirs = ownedBy('c8second0000000000000000000000000000000000');
  expect(first.map((c) => c.destinations.map((d: any) => d.configuration.channel.channelArn))).toEqual([[CHANNEL]]);
  expect(theirs.map((c) => c.destinations.map((d: any) => d.configuration.channel.channelArn))).toEqual([[OTHER_CHANNEL]]);
  expect(fake.callsOf('StartComposition')).toHaveLength(2);
  expect(fake.callsOf('StopComposition')).toHaveLength(0);
});
