import {
  ConflictException, GetStageCommand, IVSRealTimeClient, ListCompositionsCommand, ListParticipantsCommand,
  ServiceQuotaExceededException, StartCompositionCommand, StopCompositionCommand,
} from '@aws-sdk/client-ivs-realtime';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import {
  CONFIG, EARLIER_SESSION, SESSION, STAGE, eventBody, message, ownTags, scheduleBody, sqsEvent, summary,
} from './stage-keeper.fixtures';
import { RECONCILE_SPACING_MS, checkStage, hashOf, onStageKeeperMessages } from '../../../lambda/ivs/stage-keeper';
import { derivedToken } from '../../../lambda/shared/request-token';
import { STAGE_KEEPER_MAX_MESSAGE_AGE_SECONDS, decodeStageKeeperMessage } from '../../../src/ivs/stage-composition.contract';
import { useSdkMocks } from '../../helpers/sdk-mock';

const ivs = mockClient(IVSRealTimeClient);
const HASH = hashOf(CONFIG);
const NEW_ARN = 'arn:aws:ivs:us-east-1:123456789012:composition/N3w';
const { clock } = useSdkMocks(ivs);
let logs: string[];

beforeEach(() => {
  logs = [];
  jest.spyOn(console, 'log').mockImplementation((line: string) => void logs.push(line));
  jest.spyOn(console, 'error').mockImplementation((line: string) => void logs.push(line));
  ivs.on(GetStageCommand).resolves({ stage: { arn: STAGE, activeSessionId: SESSION } });
  ivs.on(ListParticipantsCommand).resolves({ participants: [{ participantId: 'p1', state: 'CONNECTED', published: true }] });
  ivs.on(ListCompositionsCommand).resolves({ compositions: [] });
  ivs.on(StartCompositionCommand).resolves({ composition: { arn: NEW_ARN, stageArn: STAGE, state: 'STARTING', layout: {}, destinations: [] } });
});

const check = (body: string) => checkStage(decodeStageKeeperMessage(body), clock);
const metricLines = () => logs.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)).filter((l) => l._aws);

describe('a Participant Published event', () => {
  test('publisher live, no composition: GetStage, ListParticipants (connected), ListCompositions (the stage), StartComposition with the owner tags and a derived token', async () => {
    await expect(check(eventBody('Participant Published'))).resolves.toBe('started');
    expect(ivs.calls().map((c) => [c.args[0].constructor.name, c.args[0].input])).toEqual([
      ['GetStageCommand', { arn: STAGE }],
      ['ListParticipantsCommand', { stageArn: STAGE, sessionId: SESSION, filterByState: 'CONNECTED', maxResults: 100 }],
      ['ListCompositionsCommand', { filterByStageArn: STAGE, maxResults: 100 }],
      ['StartCompositionCommand', {
        stageArn: STAGE,
        layout: CONFIG.layout,
        destinations: CONFIG.destinations,
        tags: ownTags(1, HASH),
        idempotencyToken: derivedToken([STAGE, SESSION, HASH, '1']),
      }],
    ]);
    expect(metricLines()).toEqual([expect.objectContaining({ StageArn: STAGE, PublisherWithoutComposition: 0, CompositionStarts: 1 })]);
  });

  test('the same event twice: the same token both times (the service answers the first composition)', async () => {
    await check(eventBody('Participant Published'));
    await check(eventBody('Participant Published'));
    const tokens = ivs.commandCalls(StartCompositionCommand).map((c) => c.args[0].input.idempotencyToken);
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).toBe(tokens[1]);
  });

  test('an event of an earlier session does nothing (one GetStage)', async () => {
    await expect(check(eventBody('Participant Published', { sessionId: EARLIER_SESSION }))).resolves.toBe('earlier-session');
    expect(ivs.calls()).toHaveLength(1);
  });

  test('no session on the stage: nothing after GetStage', async () => {
    ivs.on(GetStageCommand).resolves({ stage: { arn: STAGE } });
    await expect(check(eventBody('Participant Published'))).resolves.toBe('no-session');
    expect(ivs.calls()).toHaveLength(1);
  });

  test('Unpublished arriving before Published while a publisher is live: it starts all the same (events are triggers, state decides)', async () => {
    await expect(check(eventBody('Participant Unpublished'))).resolves.toBe('started');
    await expect(check(eventBody('Participant Unpublished', { id: 'e2' }))).resolves.toBe('started');
  });

  test('participants connected but none published, or published but gone: nothing is started', async () => {
    ivs.on(ListParticipantsCommand)
      .resolvesOnce({ participants: [{ participantId: 'viewer', state: 'CONNECTED', published: false }], nextToken: 'page2' })
      .resolvesOnce({ participants: [{ participantId: 'left', state: 'DISCONNECTED', published: true }] });
    await expect(check(eventBody('Participant Published'))).resolves.toBe('no-publisher');
    expect(ivs.commandCalls(ListParticipantsCommand).map((c) => c.args[0].input.nextToken)).toEqual([undefined, 'page2']);
    expect(ivs).not.toHaveReceivedCommand(StartCompositionCommand);
  });

  test('an owned composition STARTING, ACTIVE or STOPPING: nothing is started', async () => {
    for (const state of ['STARTING', 'ACTIVE', 'STOPPING'] as const) {
      ivs.on(ListCompositionsCommand).resolves({ compositions: [summary('Mine', state, ownTags(1, HASH))] });
      await expect(check(eventBody('Participant Published'))).resolves.toBe('running');
    }
    expect(ivs).not.toHaveReceivedCommand(StartCompositionCommand);
  });

  test('a composition started by hand (no owner tag, or another owner) is left alone and does not count as ours', async () => {
    ivs.on(ListCompositionsCommand).resolves({
      compositions: [summary('ByHand', 'ACTIVE', undefined), summary('Other', 'ACTIVE', { 'cdk-live-media:owner': 'c8other' })],
    });
    await expect(check(eventBody('Participant Published'))).resolves.toBe('started');
    expect(ivs).not.toHaveReceivedCommand(StopCompositionCommand);
  });

  test('a channel busy with a composition started by hand: StartComposition conflicts, which is logged and counted, not thrown', async () => {
    ivs.on(StartCompositionCommand).rejects(new ConflictException({ message: 'channel busy', $metadata: {} }));
    await expect(check(eventBody('Participant Published'))).resolves.toBe('start-failed');
    expect(metricLines()).toEqual([expect.objectContaining({ PublisherWithoutComposition: 1, StartFailures: 1 })]);
  });

  test('the account\'s composition quota: logged, counted, retried by the next trigger', async () => {
    ivs.on(StartCompositionCommand).rejects(new ServiceQuotaExceededException({ message: 'quota', $metadata: {} }));
    await expect(check(eventBody('Participant Published'))).resolves.toBe('start-failed');
  });

  test('a token the service answers with a composition that already ended: started again with a fresh token', async () => {
    ivs.on(StartCompositionCommand)
      .resolvesOnce({ composition: { arn: 'old', stageArn: STAGE, state: 'STOPPED', layout: {}, destinations: [] } })
      .resolvesOnce({ composition: { arn: NEW_ARN, stageArn: STAGE, state: 'STARTING', layout: {}, destinations: [] } });
    await expect(check(eventBody('Participant Published'))).resolves.toBe('started');
    const tokens = ivs.commandCalls(StartCompositionCommand).map((c) => c.args[0].input.idempotencyToken);
    expect(tokens[0]).not.toBe(tokens[1]);
  });
});

describe('Session End and Session Failure', () => {
  test('Session End while publishers remain: a new composition, attempt 2, with a new token', async () => {
    ivs.on(ListCompositionsCommand).resolves({ compositions: [summary('Ended', 'STOPPED', ownTags(1, HASH))] });
    await expect(check(eventBody('Session End'))).resolves.toBe('started');
    const input = ivs.commandCalls(StartCompositionCommand)[0].args[0].input;
    expect(input.tags).toEqual(ownTags(2, HASH));
    expect(input.idempotencyToken).toBe(derivedToken([STAGE, SESSION, HASH, '2']));
  });

  test('a failure: restarted only after the backoff (10 s, then 20 s); past maxRetriesPerSession it gives up, visibly', async () => {
    const failedAt = new Date(clock.now());
    ivs.on(ListCompositionsCommand).resolves({ compositions: [summary('F1', 'FAILED', ownTags(1, HASH), failedAt)] });
    await expect(check(eventBody('Session Failure'))).resolves.toBe('backing-off');
    clock.sleeps.length = 0;
    await clock.sleep(10_000);
    await expect(check(eventBody('Session Failure'))).resolves.toBe('started');

    ivs.on(ListCompositionsCommand).resolves({
      compositions: [summary('F1', 'FAILED', ownTags(1, HASH), failedAt), summary('F2', 'FAILED', ownTags(2, HASH), new Date(clock.now()))],
    });
    await clock.sleep(19_000);
    await expect(check(scheduleBody())).resolves.toBe('backing-off');
    await clock.sleep(1_000);
    await expect(check(scheduleBody())).resolves.toBe('started');
    expect(ivs.commandCalls(StartCompositionCommand).map((c) => c.args[0].input.tags!['cdk-live-media:attempt'])).toEqual(['2', '3']);

    ivs.on(ListCompositionsCommand).resolves({
      compositions: ['F1', 'F2', 'F3'].map((id, i) => summary(id, 'FAILED', ownTags(i + 1, HASH), failedAt)),
    });
    logs.length = 0;
    await expect(check(scheduleBody())).resolves.toBe('gave-up');
    expect(ivs.commandCalls(StartCompositionCommand)).toHaveLength(2);
    expect(logs.some((l) => l.includes('3 compositions failed in session') && l.includes('maxRetriesPerSession 2'))).toBe(true);
    expect(metricLines()).toEqual([expect.objectContaining({ PublisherWithoutComposition: 1, GaveUp: 1 })]);
  });

  test('a composition the service ended soon after it started (an idle stop) is no failure: not restarted by Session End or the schedule, restarted at once by Published', async () => {
    const now = clock.now();
    const idle = (id: string, attempt: number) => summary(id, 'STOPPED', ownTags(attempt, HASH), new Date(now - 60_000), new Date(now - 130_000));
    ivs.on(ListCompositionsCommand).resolves({ compositions: [idle('S1', 1), idle('S2', 2), idle('S3', 3)] });
    await expect(check(eventBody('Session End'))).resolves.toBe('idle');
    await expect(check(scheduleBody())).resolves.toBe('idle');
    expect(ivs).not.toHaveReceivedCommand(StartCompositionCommand);
    await expect(check(eventBody('Participant Published'))).resolves.toBe('started');
    expect(ivs.commandCalls(StartCompositionCommand)[0].args[0].input.tags!['cdk-live-media:attempt']).toBe('4');
    // A composition that ran for hours and then ended is restarted by any trigger.
    ivs.on(ListCompositionsCommand).resolves({ compositions: [summary('Long', 'STOPPED', ownTags(1, HASH), new Date(now), new Date(now - 4 * 3_600_000))] });
    await expect(check(eventBody('Session End', { id: 'e2' }))).resolves.toBe('started');
  });

  test('a composition that lost its destination (Destination Failure) is a failure: backed off', async () => {
    const failedDestination = { ...summary('D1', 'STOPPED', ownTags(1, HASH), new Date(clock.now()), new Date(clock.now() - 30_000)), destinations: [{ id: 'd', state: 'FAILED' as const }] };
    ivs.on(ListCompositionsCommand).resolves({ compositions: [failedDestination] });
    await expect(check(eventBody('Participant Published'))).resolves.toBe('backing-off');
  });

  test('failures of an earlier session do not count against this one', async () => {
    ivs.on(ListCompositionsCommand).resolves({
      compositions: ['F1', 'F2', 'F3'].map((id, i) => summary(id, 'FAILED', ownTags(i + 1, HASH, EARLIER_SESSION), new Date(clock.now()))),
    });
    await expect(check(scheduleBody())).resolves.toBe('started');
    expect(ivs.commandCalls(StartCompositionCommand)[0].args[0].input.tags!['cdk-live-media:attempt']).toBe('1');
  });
});

describe('configuration changes', () => {
  const changed = { ...CONFIG, layout: { pip: { pipParticipantAttribute: 'guest' } } };

  test('by default the running composition keeps its configuration; the change applies from the next one', async () => {
    ivs.on(ListCompositionsCommand).resolves({ compositions: [summary('Old', 'ACTIVE', ownTags(1, HASH))] });
    await expect(check(eventBody('Participant Published', { config: changed }))).resolves.toBe('running');
    expect(ivs).not.toHaveReceivedCommand(StopCompositionCommand);
  });

  test('restartOnChange: the ACTIVE composition of the old configuration is stopped; the next trigger starts the new one', async () => {
    ivs.on(ListCompositionsCommand).resolves({ compositions: [summary('Old', 'ACTIVE', ownTags(1, HASH))] });
    await expect(check(scheduleBody('x', { ...changed, restartOnChange: true }))).resolves.toBe('restarting');
    expect(ivs).toHaveReceivedCommandWith(StopCompositionCommand, { arn: summary('Old', 'ACTIVE', {}).arn });
    expect(ivs).not.toHaveReceivedCommand(StartCompositionCommand);
    // The same configuration is not restarted.
    ivs.resetHistory();
    await expect(check(scheduleBody('y', { ...CONFIG, restartOnChange: true }))).resolves.toBe('running');
    expect(ivs).not.toHaveReceivedCommand(StopCompositionCommand);
  });
});

describe('the SQS handler', () => {
  test('a scheduled check is followed by the reconciliation spacing; an event check is not', async () => {
    ivs.on(GetStageCommand).resolves({ stage: { arn: STAGE } });
    await onStageKeeperMessages(sqsEvent(eventBody('Participant Published')), clock);
    expect(clock.sleeps).toEqual([]);
    await onStageKeeperMessages(sqsEvent(scheduleBody()), clock);
    expect(clock.sleeps).toEqual([RECONCILE_SPACING_MS]);
  });

  test('a message older than the age limit (it waited behind a failed one) is dropped unread; a younger one is checked', async () => {
    const sent = (ageMs: number) => {
      const event = sqsEvent(eventBody('Participant Published'));
      (event.Records[0].attributes as any) = { SentTimestamp: String(clock.now() - ageMs) };
      return event;
    };
    await onStageKeeperMessages(sent(STAGE_KEEPER_MAX_MESSAGE_AGE_SECONDS * 1_000 + 1), clock);
    expect(ivs.calls()).toHaveLength(0);
    expect(logs.map((l) => JSON.parse(l))).toEqual([{ messageId: 'm-0', outcome: 'stale', ageSeconds: 60 }]);
    await onStageKeeperMessages(sent(STAGE_KEEPER_MAX_MESSAGE_AGE_SECONDS * 1_000 - 1_000), clock);
    expect(ivs).toHaveReceivedCommand(StartCompositionCommand);
  });

  test('a malformed message throws (SQS retries it, then the dead-letter queue keeps it), before any call', async () => {
    await expect(onStageKeeperMessages(sqsEvent('{"config":{}}'), clock)).rejects.toThrow('Property trigger must be an object');
    await expect(onStageKeeperMessages(sqsEvent(JSON.stringify({ ...message(scheduleBody()), trigger: { kind: 'timer', id: 'x' } })), clock))
      .rejects.toThrow('Property trigger.kind must be event or schedule, got "timer"');
    expect(ivs.calls()).toHaveLength(0);
  });

  test('an unexpected error is thrown (the message is retried)', async () => {
    ivs.on(GetStageCommand).rejects(new Error('socket hang up'));
    await expect(onStageKeeperMessages(sqsEvent(scheduleBody()), clock)).rejects.toThrow('socket hang up');
  });
});
