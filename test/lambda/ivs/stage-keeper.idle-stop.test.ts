/**
 * The keeper and the service's idle stop (issue 20, 3), as event sequences
 * against a stateful mock of IVS: compositions start ACTIVE and the test ends
 * them as the service would.
 *
 * IVS ends a composition about a minute after its stage goes quiet; the two
 * AWS pages differ on what quiet means: after all participants have
 * disconnected (StartComposition API reference), or after publishers have
 * been inactive for 60 s (server-side composition getting-started guide).
 * Both readings are tested. ASSUMPTION: an idle stop ends with Session End
 * (state STOPPED), not Session Failure (state FAILED): our reading of the
 * IVS EventBridge page ("Session End" completed; "Session Failure" stage
 * deleted, outputs failed or an internal error).
 */
import { GetStageCommand, IVSRealTimeClient, ListCompositionsCommand, ListParticipantsCommand, StartCompositionCommand } from '@aws-sdk/client-ivs-realtime';
import type { CompositionSummary } from '@aws-sdk/client-ivs-realtime';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { CONFIG, SESSION, STAGE, eventBody, scheduleBody } from './stage-keeper.fixtures';
import { checkStage } from '../../../lambda/ivs/stage-keeper';
import { decodeStageKeeperMessage } from '../../../src/ivs/stage-composition.contract';
import { VirtualClock } from '../../helpers/clock';

const ivs = mockClient(IVSRealTimeClient);
let clock: VirtualClock;
/** The stage as the mock shows it. */
let stage: { session?: string; host: 'publishing' | 'connected' | 'gone'; compositions: CompositionSummary[] };

beforeEach(() => {
  ivs.reset();
  clock = new VirtualClock();
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  stage = { session: SESSION, host: 'gone', compositions: [] };
  ivs.on(GetStageCommand).callsFake(() => ({ stage: { arn: STAGE, activeSessionId: stage.session } }));
  // `published` is "ever published": true for a host who published and is still connected.
  ivs.on(ListParticipantsCommand).callsFake(() => ({
    participants: stage.host === 'gone' ? [] : [{ participantId: 'host', state: 'CONNECTED', published: true }],
  }));
  ivs.on(ListCompositionsCommand).callsFake(() => ({ compositions: stage.compositions.map((c) => ({ ...c })) }));
  ivs.on(StartCompositionCommand).callsFake((input) => {
    const c: CompositionSummary = {
      arn: `arn:aws:ivs:us-east-1:123456789012:composition/C${stage.compositions.length + 1}`,
      stageArn: STAGE,
      state: 'ACTIVE',
      tags: input.tags,
      destinations: [{ id: 'd', state: 'ACTIVE' }],
      startTime: new Date(clock.now()),
    };
    stage.compositions.push(c);
    return { composition: { ...c, layout: {} } };
  });
});
afterEach(() => jest.restoreAllMocks());

const check = (body: string) => checkStage(decodeStageKeeperMessage(body), clock);
/** The service's idle stop of the running composition: STOPPED, destinations STOPPED (Session End). */
function idleStop(c = stage.compositions.find((x) => x.state === 'ACTIVE')!): void {
  Object.assign(c, { state: 'STOPPED', endTime: new Date(clock.now()), destinations: [{ id: 'd', state: 'STOPPED' }] });
}
const running = () => stage.compositions.filter((c) => c.state === 'ACTIVE');

describe.each([
  ['publishers inactive for 60 s (the host stays connected)', 'connected' as const],
  ['all participants disconnected (the host leaves and comes back)', 'gone' as const],
])('idle stop after %s', (_, quiet) => {
  test('publish, go quiet, idle stop, publish again, 5 times within 3 minutes: a composition each time, at the Published event, no back-off; then quiet for good: none', async () => {
    let id = 0;
    const began = clock.now();
    const event = (name: string) => check(eventBody(name, { id: `e${++id}` }));
    for (let cycle = 1; cycle <= 5; cycle++) {
      stage.host = 'publishing';
      await expect(event('Participant Published')).resolves.toBe('started');
      expect(running()).toHaveLength(1);
      await clock.sleep(5_000);
      stage.host = quiet;
      await expect(event(quiet === 'gone' ? 'Participant Left' : 'Participant Unpublished')).resolves.toBe(quiet === 'gone' ? 'no-publisher' : 'running');
      await clock.sleep(60_000 / 2);
      idleStop();
      await expect(check(eventBody('Session End', { id: `e${++id}` }))).resolves.toBe(quiet === 'gone' ? 'no-publisher' : 'idle');
      await expect(check(scheduleBody(`s${cycle}`))).resolves.toBe(quiet === 'gone' ? 'no-publisher' : 'idle');
      expect(running()).toHaveLength(0);
    }
    expect(clock.now() - began).toBeLessThan(3 * 60_000);
    expect(ivs).toHaveReceivedCommandTimes(StartCompositionCommand, 5);
    // The host stays (connected or gone) without publishing: no new composition, whatever triggers.
    for (let i = 0; i < 5; i++) {
      await clock.sleep(60_000);
      await check(scheduleBody(`late${i}`));
    }
    expect(ivs).toHaveReceivedCommandTimes(StartCompositionCommand, 5);
    expect(stage.compositions.map((c) => c.tags!['cdk-live-media:attempt'])).toEqual(['1', '2', '3', '4', '5']);
  });
});

test('a host who keeps publishing is never given up on while starts succeed: a composition ended after a long run is restarted by the schedule', async () => {
  stage.host = 'publishing';
  for (let run = 1; run <= 5; run++) {
    await expect(check(scheduleBody(`s${run}`))).resolves.toBe('started');
    await clock.sleep(4 * 60_000);
    idleStop();
  }
  expect(ivs).toHaveReceivedCommandTimes(StartCompositionCommand, 5);
  expect(CONFIG.maxRetriesPerSession).toBeLessThan(5);
});

test('a Published event while the idle-stopped composition is still STOPPING waits for the stop, then starts at once', async () => {
  stage.host = 'publishing';
  await expect(check(eventBody('Participant Published', { id: 'e1' }))).resolves.toBe('started');
  await clock.sleep(30_000);
  // The service is stopping it (the host went quiet a minute ago); the host publishes again now.
  Object.assign(stage.compositions[0], { state: 'STOPPING' });
  let lists = 0;
  ivs.on(ListCompositionsCommand).callsFake(() => {
    // STOPPED at the third listing (4 s later).
    if (++lists === 3) idleStop(stage.compositions[0]);
    return { compositions: stage.compositions.map((c) => ({ ...c })) };
  });
  await expect(check(eventBody('Participant Published', { id: 'e2' }))).resolves.toBe('started');
  expect(clock.sleeps).toEqual([30_000, 2_000, 2_000]);
  expect(running()).toHaveLength(1);
  expect(ivs).toHaveReceivedCommandTimes(StartCompositionCommand, 2);
});
