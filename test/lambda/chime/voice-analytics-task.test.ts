import { createHash } from 'node:crypto';
import {
  BadRequestException,
  ChimeSDKMediaPipelinesClient,
  ConflictException,
  ForbiddenException,
  GetSpeakerSearchTaskCommand,
  GetVoiceToneAnalysisTaskCommand,
  NotFoundException,
  StartSpeakerSearchTaskCommand,
  StartVoiceToneAnalysisTaskCommand,
  StopSpeakerSearchTaskCommand,
  StopVoiceToneAnalysisTaskCommand,
} from '@aws-sdk/client-chime-sdk-media-pipelines';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handler } from '../../../lambda';
import { onVoiceAnalyticsTaskEvent } from '../../../lambda/chime/voice-analytics-task';
import { requestToken as clientRequestToken } from '../../../lambda/shared/request-token';
import { VOICE_ANALYTICS_TASK_RESOURCE_TYPE } from '../../../src/chime/contract';
import type { SpeakerSearchTaskProperties, VoiceAnalyticsTaskProperties, VoiceToneAnalysisTaskProperties } from '../../../src/chime/contract';
import { cfnEvent, lambdaContext } from '../../helpers/cfn';
import { VirtualClock } from '../../helpers/clock';
import { DOMAIN_ARN, PIPELINE_ARN, PIPELINE_ID } from '../../helpers/fixtures';

const chime = mockClient(ChimeSDKMediaPipelinesClient);
const TYPE = VOICE_ANALYTICS_TASK_RESOURCE_TYPE;
const TASK_ID = '11111111-2222-4333-8444-555555555555';
const NEW_TASK_ID = '66666666-7777-4888-9999-000000000000';
const STREAM_ARN = 'arn:aws:kinesisvideo:us-east-1:123456789012:stream/agent-call/1700000000000';
const SOURCE = { StreamArn: STREAM_ARN, ChannelId: 1, FragmentNumber: '91343852333181432392682062607743920146264398491' };
const OLD_ID = `${PIPELINE_ID}|${TASK_ID}`;
const NEW_ID = `${PIPELINE_ID}|${NEW_TASK_ID}`;

const TONE: VoiceToneAnalysisTaskProperties = {
  Kind: 'VoiceToneAnalysis',
  Identifier: PIPELINE_ID,
  LanguageCode: 'en-US',
  KinesisVideoStreamSourceTaskConfiguration: SOURCE,
  WaitForInProgress: true,
  StartTimeoutSeconds: 120,
};
const SEARCH: SpeakerSearchTaskProperties = {
  Kind: 'SpeakerSearch',
  Identifier: PIPELINE_ID,
  VoiceProfileDomainArn: DOMAIN_ARN,
  KinesisVideoStreamSourceTaskConfiguration: SOURCE,
  WaitForInProgress: true,
  StartTimeoutSeconds: 120,
};

/** The three commands of a kind, and how its answers and inputs look. */
const KINDS = [
  {
    kind: 'VoiceToneAnalysis',
    props: TONE as VoiceAnalyticsTaskProperties,
    Start: StartVoiceToneAnalysisTaskCommand as any,
    Get: GetVoiceToneAnalysisTaskCommand as any,
    Stop: StopVoiceToneAnalysisTaskCommand as any,
    idKey: 'VoiceToneAnalysisTaskId',
    startInput: { Identifier: PIPELINE_ID, LanguageCode: 'en-US', KinesisVideoStreamSourceTaskConfiguration: SOURCE },
    task: (id: string, status: string): any => ({ VoiceToneAnalysisTask: { VoiceToneAnalysisTaskId: id, VoiceToneAnalysisTaskStatus: status } }),
  },
  {
    kind: 'SpeakerSearch',
    props: SEARCH as VoiceAnalyticsTaskProperties,
    Start: StartSpeakerSearchTaskCommand as any,
    Get: GetSpeakerSearchTaskCommand as any,
    Stop: StopSpeakerSearchTaskCommand as any,
    idKey: 'SpeakerSearchTaskId',
    startInput: { Identifier: PIPELINE_ID, VoiceProfileDomainArn: DOMAIN_ARN, KinesisVideoStreamSourceTaskConfiguration: SOURCE },
    task: (id: string, status: string): any => ({ SpeakerSearchTask: { SpeakerSearchTaskId: id, SpeakerSearchTaskStatus: status } }),
  },
];

function error<T>(Type: new (opts: any) => T, message: string): T {
  return new Type({ message, $metadata: {} });
}

/** The names of the commands sent, in order. */
function sent(): string[] {
  return chime.calls().map((call) => (call.args[0] as object).constructor.name.replace(/Command$/, ''));
}

let clock: VirtualClock;
beforeEach(() => {
  chime.reset();
  clock = new VirtualClock();
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

describe.each(KINDS)('$kind', (k) => {
  const task = (id: string) => ({ Identifier: PIPELINE_ID, [k.idKey]: id });

  describe('Create', () => {
    test('starts the task with the token, waits through Initializing until InProgress, answers ID and attributes', async () => {
      chime.on(k.Start).resolves(k.task(TASK_ID, 'NotStarted'));
      chime.on(k.Get).resolvesOnce(k.task(TASK_ID, 'Initializing')).resolvesOnce(k.task(TASK_ID, 'Initializing')).resolves(k.task(TASK_ID, 'InProgress'));
      const event = cfnEvent('Create', TYPE, { ...k.props });
      const response = await onVoiceAnalyticsTaskEvent(event, clock.deadline());

      expect(chime).toHaveReceivedCommandTimes(k.Start, 1);
      expect(chime).toHaveReceivedCommandWith(k.Start, { ...k.startInput, ClientRequestToken: clientRequestToken(event) });
      expect(chime.commandCalls(k.Start)[0].args[0].input).toStrictEqual({ ...k.startInput, ClientRequestToken: clientRequestToken(event) });
      expect(chime.commandCalls(k.Get).map((c) => c.args[0].input)).toStrictEqual([task(TASK_ID), task(TASK_ID), task(TASK_ID)]);
      expect(chime).not.toHaveReceivedCommand(k.Stop);
      expect(clock.sleeps).toEqual([500, 1_000, 1_500]);
      expect(response).toEqual({ PhysicalResourceId: OLD_ID, Data: { TaskId: TASK_ID, PipelineIdentifier: PIPELINE_ID } });
    });

    test('without waiting: Start only, no Get, even while the task is Initializing', async () => {
      chime.on(k.Start).resolves(k.task(TASK_ID, 'Initializing'));
      const response = await onVoiceAnalyticsTaskEvent(cfnEvent('Create', TYPE, { ...k.props, WaitForInProgress: false }), clock.deadline());
      expect(sent()).toEqual([k.Start.name.replace(/Command$/, '')]);
      expect(response.PhysicalResourceId).toBe(OLD_ID);
      expect(clock.sleeps).toEqual([]);
    });

    test('Failed while starting fails the resource with the status and stops the task', async () => {
      chime.on(k.Start).resolves(k.task(TASK_ID, 'Initializing'));
      chime.on(k.Get).resolvesOnce(k.task(TASK_ID, 'Initializing')).resolves(k.task(TASK_ID, 'Failed'));
      chime.on(k.Stop).resolves({});
      await expect(onVoiceAnalyticsTaskEvent(cfnEvent('Create', TYPE, { ...k.props }), clock.deadline()))
        .rejects.toThrow(`${k.kind} task ${TASK_ID} on pipeline ${PIPELINE_ID} did not start: its status is Failed. Get${k.kind}Task gives no reason; the pipeline's notification targets receive it`);
      expect(sent().map((name) => name.replace(k.kind, ''))).toEqual(['StartTask', 'GetTask', 'GetTask', 'StopTask']);
      expect(chime).toHaveReceivedCommandWith(k.Stop, task(TASK_ID));
    });

    test('the wait is bounded by startTimeout: running out fails with the task and its last status, and stops it', async () => {
      chime.on(k.Start).resolves(k.task(TASK_ID, 'NotStarted'));
      chime.on(k.Get).resolves(k.task(TASK_ID, 'Initializing'));
      chime.on(k.Stop).resolves({});
      await expect(onVoiceAnalyticsTaskEvent(cfnEvent('Create', TYPE, { ...k.props, StartTimeoutSeconds: 30 }), clock.deadline()))
        .rejects.toThrow(new RegExp(`^${k.kind} task ${TASK_ID} on pipeline ${PIPELINE_ID} was not InProgress after \\d+ s \\(last status: Initializing\\)\\. A task stays Initializing until audio flows`));
      const waited = clock.sleeps.reduce((a, b) => a + b, 0);
      expect(waited).toBeLessThanOrEqual(30_000);
      expect(waited).toBeGreaterThan(20_000);
      expect(Math.max(...clock.sleeps)).toBe(1_500);
      expect(chime).toHaveReceivedCommandWith(k.Stop, task(TASK_ID));
    });
  });

  describe('Update (any change replaces the task)', () => {
    test('stops the old task first, then starts the new one under a new physical ID', async () => {
      chime.on(k.Stop).resolves({});
      chime.on(k.Start).resolves(k.task(NEW_TASK_ID, 'Initializing'));
      chime.on(k.Get).resolves(k.task(NEW_TASK_ID, 'InProgress'));
      const props = { ...k.props, KinesisVideoStreamSourceTaskConfiguration: { ...SOURCE, ChannelId: 0 } };
      const response = await onVoiceAnalyticsTaskEvent(
        cfnEvent('Update', TYPE, props, { PhysicalResourceId: OLD_ID, OldResourceProperties: { ...k.props } }),
        clock.deadline(),
      );
      expect(sent().map((name) => name.replace(k.kind, ''))).toEqual(['StopTask', 'StartTask', 'GetTask']);
      expect(chime).toHaveReceivedCommandWith(k.Stop, task(TASK_ID));
      expect(chime).toHaveReceivedCommandWith(k.Start, { KinesisVideoStreamSourceTaskConfiguration: { ...SOURCE, ChannelId: 0 } });
      expect(chime).toHaveReceivedCommandWith(k.Get, task(NEW_TASK_ID));
      expect(response).toEqual({ PhysicalResourceId: NEW_ID, Data: { TaskId: NEW_TASK_ID, PipelineIdentifier: PIPELINE_ID } });
    });

    test('rollback (properties swapped, the old task already stopped) takes the same path', async () => {
      chime.on(k.Stop).rejects(error(ConflictException, 'The task is already stopped'));
      chime.on(k.Get, task(TASK_ID)).resolves(k.task(TASK_ID, 'Stopped'));
      chime.on(k.Start).resolves(k.task(NEW_TASK_ID, 'InProgress'));
      const newer = { ...k.props, StartTimeoutSeconds: 300 };
      const response = await onVoiceAnalyticsTaskEvent(
        cfnEvent('Update', TYPE, { ...k.props }, { PhysicalResourceId: OLD_ID, OldResourceProperties: newer }),
        clock.deadline(),
      );
      expect(sent().map((name) => name.replace(k.kind, ''))).toEqual(['StopTask', 'GetTask', 'StartTask']);
      expect(response.PhysicalResourceId).toBe(NEW_ID);
    });

    test('then the Delete of the old physical ID succeeds although its task is stopped', async () => {
      chime.on(k.Stop).rejects(error(ConflictException, 'Conflict'));
      chime.on(k.Get).resolves(k.task(TASK_ID, 'Stopped'));
      await expect(onVoiceAnalyticsTaskEvent(cfnEvent('Delete', TYPE, { ...k.props }, { PhysicalResourceId: OLD_ID }), clock.deadline()))
        .resolves.toEqual({});
      expect(chime).toHaveReceivedCommandWith(k.Stop, task(TASK_ID));
    });

    test('a Start refused with ConflictException (the old task still stopping) is retried', async () => {
      chime.on(k.Stop).resolves({});
      chime.on(k.Start).rejectsOnce(error(ConflictException, 'A task is still running')).resolves(k.task(NEW_TASK_ID, 'InProgress'));
      const response = await onVoiceAnalyticsTaskEvent(
        cfnEvent('Update', TYPE, { ...k.props }, { PhysicalResourceId: OLD_ID, OldResourceProperties: { ...k.props, WaitForInProgress: false } }),
        clock.deadline(),
      );
      expect(chime).toHaveReceivedCommandTimes(k.Start, 2);
      const tokens = chime.commandCalls(k.Start).map((c) => c.args[0].input.ClientRequestToken);
      expect(tokens[1]).toBe(tokens[0]);
      expect(response.PhysicalResourceId).toBe(NEW_ID);
    });
  });

  describe('Delete', () => {
    test('stops the task named by the physical ID', async () => {
      chime.on(k.Stop).resolves({});
      const response = await onVoiceAnalyticsTaskEvent(cfnEvent('Delete', TYPE, { ...k.props }, { PhysicalResourceId: OLD_ID }), clock.deadline());
      expect(response).toEqual({});
      expect(chime.commandCalls(k.Stop)[0].args[0].input).toStrictEqual(task(TASK_ID));
      expect(sent()).toHaveLength(1);
    });

    test.each([
      ['a task that is gone', 'Task not found'],
      ['a pipeline that is gone', 'Media insights pipeline not found'],
    ])('%s (NotFoundException) is success', async (_what, message) => {
      chime.on(k.Stop).rejects(error(NotFoundException, message));
      await expect(onVoiceAnalyticsTaskEvent(cfnEvent('Delete', TYPE, { ...k.props }, { PhysicalResourceId: OLD_ID }), clock.deadline()))
        .resolves.toEqual({});
      expect(chime).not.toHaveReceivedCommand(k.Get);
    });

    test.each([
      ['ConflictException', ConflictException, 'Stopping'],
      ['ConflictException', ConflictException, 'Stopped'],
      ['ConflictException', ConflictException, 'Failed'],
      ['BadRequestException', BadRequestException, 'Stopped'],
    ])('%s for a task that Get shows %s is success', async (_name, Type, status) => {
      chime.on(k.Stop).rejects(error(Type as any, 'Cannot stop the task in its current state'));
      chime.on(k.Get).resolves(k.task(TASK_ID, status));
      await expect(onVoiceAnalyticsTaskEvent(cfnEvent('Delete', TYPE, { ...k.props }, { PhysicalResourceId: OLD_ID }), clock.deadline()))
        .resolves.toEqual({});
      expect(chime).toHaveReceivedCommandWith(k.Get, task(TASK_ID));
    });

    test('ConflictException for a task that is gone when asked is success', async () => {
      chime.on(k.Stop).rejects(error(ConflictException, 'Conflict'));
      chime.on(k.Get).rejects(error(NotFoundException, 'Task not found'));
      await expect(onVoiceAnalyticsTaskEvent(cfnEvent('Delete', TYPE, { ...k.props }, { PhysicalResourceId: OLD_ID }), clock.deadline()))
        .resolves.toEqual({});
    });

    test.each([
      ['ConflictException', ConflictException],
      ['BadRequestException', BadRequestException],
    ])('%s for a task that is still running fails the Delete', async (name, Type) => {
      chime.on(k.Stop).rejects(error(Type as any, 'Something else is wrong'));
      chime.on(k.Get).resolves(k.task(TASK_ID, 'InProgress'));
      await expect(onVoiceAnalyticsTaskEvent(cfnEvent('Delete', TYPE, { ...k.props }, { PhysicalResourceId: OLD_ID }), clock.deadline()))
        .rejects.toThrow(expect.objectContaining({ name, message: 'Something else is wrong' }));
    });

    test('other errors fail the Delete', async () => {
      chime.on(k.Stop).rejects(error(ForbiddenException, 'not allowed'));
      await expect(onVoiceAnalyticsTaskEvent(cfnEvent('Delete', TYPE, { ...k.props }, { PhysicalResourceId: OLD_ID }), clock.deadline()))
        .rejects.toThrow('not allowed');
      expect(chime).not.toHaveReceivedCommand(k.Get);
    });
  });
});

describe('waiting', () => {
  test('a task not found just after Start is waited for', async () => {
    chime.on(StartVoiceToneAnalysisTaskCommand).resolves(KINDS[0].task(TASK_ID, 'NotStarted'));
    chime.on(GetVoiceToneAnalysisTaskCommand)
      .rejectsOnce(error(NotFoundException, 'Task not found'))
      .resolves(KINDS[0].task(TASK_ID, 'InProgress'));
    const response = await onVoiceAnalyticsTaskEvent(cfnEvent('Create', TYPE, { ...TONE }), clock.deadline());
    expect(response.PhysicalResourceId).toBe(OLD_ID);
    expect(chime).toHaveReceivedCommandTimes(GetVoiceToneAnalysisTaskCommand, 2);
  });

  test('a task stopped while starting fails the resource', async () => {
    chime.on(StartSpeakerSearchTaskCommand).resolves(KINDS[1].task(TASK_ID, 'Initializing'));
    chime.on(GetSpeakerSearchTaskCommand).resolves(KINDS[1].task(TASK_ID, 'Stopped'));
    chime.on(StopSpeakerSearchTaskCommand).rejects(error(ConflictException, 'Already stopped'));
    await expect(onVoiceAnalyticsTaskEvent(cfnEvent('Create', TYPE, { ...SEARCH }), clock.deadline()))
      .rejects.toThrow(`SpeakerSearch task ${TASK_ID} on pipeline ${PIPELINE_ID} did not start: its status is Stopped (stopped by someone else, or its pipeline ended)`);
  });

  test('without waiting, a task that Start reports Failed still fails the resource', async () => {
    chime.on(StartVoiceToneAnalysisTaskCommand).resolves(KINDS[0].task(TASK_ID, 'Failed'));
    chime.on(StopVoiceToneAnalysisTaskCommand).resolves({});
    await expect(onVoiceAnalyticsTaskEvent(cfnEvent('Create', TYPE, { ...TONE, WaitForInProgress: false }), clock.deadline()))
      .rejects.toThrow('its status is Failed');
    expect(sent()).toEqual(['StartVoiceToneAnalysisTask', 'StopVoiceToneAnalysisTask']);
  });

  test('the wait ends early enough before the Lambda deadline to stop the task', async () => {
    chime.on(StartVoiceToneAnalysisTaskCommand).resolves(KINDS[0].task(TASK_ID, 'Initializing'));
    chime.on(GetVoiceToneAnalysisTaskCommand).resolves(KINDS[0].task(TASK_ID, 'Initializing'));
    chime.on(StopVoiceToneAnalysisTaskCommand).resolves({});
    await expect(onVoiceAnalyticsTaskEvent(cfnEvent('Create', TYPE, { ...TONE, StartTimeoutSeconds: 480 }), clock.deadline(60_000)))
      .rejects.toThrow('was not InProgress after');
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(40_000);
    expect(chime).toHaveReceivedCommand(StopVoiceToneAnalysisTaskCommand);
  });

  test('the stop after a failed start is best effort: its own failure does not hide why the start failed', async () => {
    chime.on(StartVoiceToneAnalysisTaskCommand).resolves(KINDS[0].task(TASK_ID, 'Failed'));
    chime.on(StopVoiceToneAnalysisTaskCommand).rejects(error(ForbiddenException, 'not allowed'));
    await expect(onVoiceAnalyticsTaskEvent(cfnEvent('Create', TYPE, { ...TONE }), clock.deadline()))
      .rejects.toThrow('its status is Failed');
    expect(console.error).toHaveBeenCalledWith(expect.stringContaining('ForbiddenException: not allowed'));
  });
});

describe('replacement across kinds', () => {
  test('the old task is stopped with the APIs of the old kind', async () => {
    chime.on(StopSpeakerSearchTaskCommand).resolves({});
    chime.on(StartVoiceToneAnalysisTaskCommand).resolves(KINDS[0].task(NEW_TASK_ID, 'InProgress'));
    const response = await onVoiceAnalyticsTaskEvent(
      cfnEvent('Update', TYPE, { ...TONE }, { PhysicalResourceId: OLD_ID, OldResourceProperties: { ...SEARCH } }),
      clock.deadline(),
    );
    expect(sent()).toEqual(['StopSpeakerSearchTask', 'StartVoiceToneAnalysisTask']);
    expect(chime).toHaveReceivedCommandWith(StopSpeakerSearchTaskCommand, { Identifier: PIPELINE_ID, SpeakerSearchTaskId: TASK_ID });
    expect(response.PhysicalResourceId).toBe(NEW_ID);
  });

  test('an old task that cannot be stopped fails the Update before anything starts', async () => {
    chime.on(StopVoiceToneAnalysisTaskCommand).rejects(error(ForbiddenException, 'not allowed'));
    await expect(onVoiceAnalyticsTaskEvent(
      cfnEvent('Update', TYPE, { ...TONE, StartTimeoutSeconds: 60 }, { PhysicalResourceId: OLD_ID, OldResourceProperties: { ...TONE } }),
      clock.deadline(),
    )).rejects.toThrow('not allowed');
    expect(chime).not.toHaveReceivedCommand(StartVoiceToneAnalysisTaskCommand);
  });
});

describe('the ClientRequestToken', () => {
  test('is derived from the request: a retried Create sends the same token, another request another one', async () => {
    chime.on(StartVoiceToneAnalysisTaskCommand).resolves(KINDS[0].task(TASK_ID, 'InProgress'));
    const event = cfnEvent('Create', TYPE, { ...TONE }, { RequestId: 'request-retried' });
    const first = await onVoiceAnalyticsTaskEvent(event, clock.deadline());
    const again = await onVoiceAnalyticsTaskEvent(cfnEvent('Create', TYPE, { ...TONE }, { RequestId: 'request-retried' }), clock.deadline());
    await onVoiceAnalyticsTaskEvent(cfnEvent('Create', TYPE, { ...TONE }, { RequestId: 'request-other' }), clock.deadline());

    const tokens = chime.commandCalls(StartVoiceToneAnalysisTaskCommand).map((c) => c.args[0].input.ClientRequestToken!);
    expect(tokens[1]).toBe(tokens[0]);
    expect(tokens[2]).not.toBe(tokens[0]);
    expect(again).toEqual(first);
    const expected = createHash('sha256').update([event.StackId, event.LogicalResourceId, 'request-retried'].join('\n')).digest('hex');
    expect(tokens[0]).toBe(expected);
    expect(tokens[0]).toMatch(/^[-_a-zA-Z0-9]{2,64}$/);
  });

  test('is never logged, on success or failure, through the whole handler', async () => {
    const logged: unknown[] = [];
    for (const method of ['log', 'error', 'warn', 'info', 'debug'] as const) {
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(...args));
    }
    chime.on(StartSpeakerSearchTaskCommand).resolves(KINDS[1].task(TASK_ID, 'InProgress'));
    const ok = cfnEvent('Create', TYPE, { ...SEARCH });
    await expect(handler(ok, lambdaContext())).resolves.toMatchObject({ PhysicalResourceId: OLD_ID });

    chime.on(StartSpeakerSearchTaskCommand).resolves(KINDS[1].task(NEW_TASK_ID, 'Failed'));
    chime.on(StopSpeakerSearchTaskCommand).rejects(error(BadRequestException, 'bad request'));
    chime.on(GetSpeakerSearchTaskCommand).rejects(error(ForbiddenException, 'not allowed'));
    const failing = cfnEvent('Create', TYPE, { ...SEARCH });
    await expect(handler(failing, lambdaContext())).rejects.toThrow('its status is Failed');

    const tokens = chime.commandCalls(StartSpeakerSearchTaskCommand).map((c) => c.args[0].input.ClientRequestToken!);
    expect(tokens).toEqual([clientRequestToken(ok), clientRequestToken(failing)]);
    const text = logged.map((a) => (typeof a === 'string' ? a : a instanceof Error ? `${a.message} ${a.stack}` : JSON.stringify(a))).join('\n');
    expect(text).toContain(TASK_ID);
    for (const token of tokens) expect(text).not.toContain(token);
  });
});

describe('properties as CloudFormation delivers them', () => {
  test('string-typed numbers and booleans are sent as numbers: ChannelId "1" is sent as 1', async () => {
    chime.on(StartSpeakerSearchTaskCommand).resolves(KINDS[1].task(TASK_ID, 'Initializing'));
    const event = cfnEvent('Create', TYPE, { ...SEARCH, WaitForInProgress: false });
    const wire = event.ResourceProperties as any;
    expect([wire.KinesisVideoStreamSourceTaskConfiguration.ChannelId, wire.WaitForInProgress, wire.StartTimeoutSeconds]).toEqual(['1', 'false', '120']);
    await onVoiceAnalyticsTaskEvent(event, clock.deadline());
    expect(chime).toHaveReceivedCommandWith(StartSpeakerSearchTaskCommand, {
      KinesisVideoStreamSourceTaskConfiguration: { ...SOURCE, ChannelId: 1 },
    });
    expect(chime.commandCalls(StartSpeakerSearchTaskCommand)[0].args[0].input.KinesisVideoStreamSourceTaskConfiguration!.ChannelId).toStrictEqual(1);
    expect(chime).not.toHaveReceivedCommand(GetSpeakerSearchTaskCommand);
  });

  test('a number that is not one fails with the property path, before any call', async () => {
    const event = cfnEvent('Create', TYPE, { ...TONE, KinesisVideoStreamSourceTaskConfiguration: { ...SOURCE, ChannelId: 'one' as any } });
    await expect(onVoiceAnalyticsTaskEvent(event, clock.deadline()))
      .rejects.toThrow('Property KinesisVideoStreamSourceTaskConfiguration.ChannelId must be an integer, got "one"');
    expect(chime).not.toHaveReceivedAnyCommand();
  });

  test('an unknown kind fails before any call', async () => {
    await expect(onVoiceAnalyticsTaskEvent(cfnEvent('Create', TYPE, { ...TONE, Kind: 'Transcription' as any }), clock.deadline()))
      .rejects.toThrow('Property Kind must be one of VoiceToneAnalysis, SpeakerSearch, got "Transcription"');
    expect(chime).not.toHaveReceivedAnyCommand();
  });

  test('a pipeline ARN makes the physical ID, and the attributes stay far below the response limit', async () => {
    chime.on(StartVoiceToneAnalysisTaskCommand).resolves(KINDS[0].task(TASK_ID, 'InProgress'));
    const response = await onVoiceAnalyticsTaskEvent(cfnEvent('Create', TYPE, { ...TONE, Identifier: PIPELINE_ARN }), clock.deadline());
    expect(response).toEqual({ PhysicalResourceId: `${PIPELINE_ARN}|${TASK_ID}`, Data: { TaskId: TASK_ID, PipelineIdentifier: PIPELINE_ARN } });
    expect(Buffer.byteLength(JSON.stringify(response.Data))).toBeLessThan(1024);
    expect(Buffer.byteLength(response.PhysicalResourceId!)).toBeLessThan(1024);

    chime.on(StopVoiceToneAnalysisTaskCommand).resolves({});
    const deleting = cfnEvent('Delete', TYPE, { ...TONE, Identifier: PIPELINE_ARN }, { PhysicalResourceId: response.PhysicalResourceId });
    await onVoiceAnalyticsTaskEvent(deleting, clock.deadline());
    expect(chime).toHaveReceivedCommandWith(StopVoiceToneAnalysisTaskCommand, { Identifier: PIPELINE_ARN, VoiceToneAnalysisTaskId: TASK_ID });
  });

  test('a physical ID that names no task fails the Delete rather than guess', async () => {
    await expect(onVoiceAnalyticsTaskEvent(cfnEvent('Delete', TYPE, { ...TONE }, { PhysicalResourceId: 'not-a-task' }), clock.deadline()))
      .rejects.toThrow('Physical ID "not-a-task" is not <pipeline identifier>|<task ID>');
    expect(chime).not.toHaveReceivedAnyCommand();
  });
});
