import {
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
import 'aws-sdk-client-mock-jest';
import { KINDS, OLD_ID, SEARCH, TASK_ID, TONE, TYPE, chime, clock, sent, useChimeMock } from './voice-analytics-task.fixtures';
import { onVoiceAnalyticsTaskEvent } from '../../../lambda/chime/voice-analytics-task';
import { requestToken as clientRequestToken } from '../../../lambda/shared/request-token';
import { cfnEvent } from '../../helpers/cfn';
import { PIPELINE_ID } from '../../helpers/fixtures';
import { serviceError } from '../../helpers/sdk-mock';

useChimeMock();

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
      expect(response).toEqual({ PhysicalResourceId: OLD_ID, Data: { TaskId: TASK_ID, PipelineIdentifier: PIPELINE_ID, State: 'RUNNING' } });
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
});

describe('waiting', () => {
  test('a task not found just after Start is waited for', async () => {
    chime.on(StartVoiceToneAnalysisTaskCommand).resolves(KINDS[0].task(TASK_ID, 'NotStarted'));
    chime.on(GetVoiceToneAnalysisTaskCommand)
      .rejectsOnce(serviceError(NotFoundException, 'Task not found'))
      .resolves(KINDS[0].task(TASK_ID, 'InProgress'));
    const response = await onVoiceAnalyticsTaskEvent(cfnEvent('Create', TYPE, { ...TONE }), clock.deadline());
    expect(response.PhysicalResourceId).toBe(OLD_ID);
    expect(chime).toHaveReceivedCommandTimes(GetVoiceToneAnalysisTaskCommand, 2);
  });

  test('a task stopped while starting fails the resource', async () => {
    chime.on(StartSpeakerSearchTaskCommand).resolves(KINDS[1].task(TASK_ID, 'Initializing'));
    chime.on(GetSpeakerSearchTaskCommand).resolves(KINDS[1].task(TASK_ID, 'Stopped'));
    chime.on(StopSpeakerSearchTaskCommand).rejects(serviceError(ConflictException, 'Already stopped'));
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
    chime.on(StopVoiceToneAnalysisTaskCommand).rejects(serviceError(ForbiddenException, 'not allowed'));
    await expect(onVoiceAnalyticsTaskEvent(cfnEvent('Create', TYPE, { ...TONE }), clock.deadline()))
      .rejects.toThrow('its status is Failed');
    expect(console.error).toHaveBeenCalledWith(expect.stringContaining('ForbiddenException: not allowed'));
  });
});
