import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  NotFoundException,
  StartVoiceToneAnalysisTaskCommand,
  StopSpeakerSearchTaskCommand,
  StopVoiceToneAnalysisTaskCommand,
} from '@aws-sdk/client-chime-sdk-media-pipelines';
import 'aws-sdk-client-mock-jest';
import {
  KINDS, NEW_ID, NEW_TASK_ID, OLD_ID, SEARCH, SOURCE, TASK_ID, TONE, TYPE, chime, clock, sent, useChimeMock,
} from './voice-analytics-task.fixtures';
import { onVoiceAnalyticsTaskEvent } from '../../../lambda/chime/voice-analytics-task';
import { cfnEvent } from '../../helpers/cfn';
import { PIPELINE_ID } from '../../helpers/fixtures';
import { serviceError } from '../../helpers/sdk-mock';

useChimeMock();

describe.each(KINDS)('$kind', (k) => {
  const task = (id: string) => ({ Identifier: PIPELINE_ID, [k.idKey]: id });

  describe('Update (any change the service sees replaces the task)', () => {
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
      expect(response).toEqual({ PhysicalResourceId: NEW_ID, Data: { TaskId: NEW_TASK_ID, PipelineIdentifier: PIPELINE_ID, State: 'RUNNING' } });
    });

    test('rollback (properties swapped, the old task already stopped) takes the same path', async () => {
      chime.on(k.Stop).rejects(serviceError(ConflictException, 'The task is already stopped'));
      chime.on(k.Get, task(TASK_ID)).resolves(k.task(TASK_ID, 'Stopped'));
      chime.on(k.Start).resolves(k.task(NEW_TASK_ID, 'InProgress'));
      const newer = { ...k.props, KinesisVideoStreamSourceTaskConfiguration: { ...SOURCE, ChannelId: 0 } };
      const response = await onVoiceAnalyticsTaskEvent(
        cfnEvent('Update', TYPE, { ...k.props }, { PhysicalResourceId: OLD_ID, OldResourceProperties: newer }),
        clock.deadline(),
      );
      expect(sent().map((name) => name.replace(k.kind, ''))).toEqual(['StopTask', 'GetTask', 'StartTask']);
      expect(response.PhysicalResourceId).toBe(NEW_ID);
    });

    test('then the Delete of the old physical ID succeeds although its task is stopped', async () => {
      chime.on(k.Stop).rejects(serviceError(ConflictException, 'Conflict'));
      chime.on(k.Get).resolves(k.task(TASK_ID, 'Stopped'));
      await expect(onVoiceAnalyticsTaskEvent(cfnEvent('Delete', TYPE, { ...k.props }, { PhysicalResourceId: OLD_ID }), clock.deadline()))
        .resolves.toEqual({});
      expect(chime).toHaveReceivedCommandWith(k.Stop, task(TASK_ID));
    });

    test('a Start refused with ConflictException (the old task still stopping) is retried', async () => {
      chime.on(k.Stop).resolves({});
      chime.on(k.Start).rejectsOnce(serviceError(ConflictException, 'A task is still running')).resolves(k.task(NEW_TASK_ID, 'InProgress'));
      const response = await onVoiceAnalyticsTaskEvent(
        cfnEvent('Update', TYPE, { ...k.props }, { PhysicalResourceId: OLD_ID, OldResourceProperties: { ...k.props, WaitForInProgress: false, KinesisVideoStreamSourceTaskConfiguration: { ...SOURCE, ChannelId: 0 } } }),
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
      chime.on(k.Stop).rejects(serviceError(NotFoundException, message));
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
      chime.on(k.Stop).rejects(serviceError(Type as any, 'Cannot stop the task in its current state'));
      chime.on(k.Get).resolves(k.task(TASK_ID, status));
      await expect(onVoiceAnalyticsTaskEvent(cfnEvent('Delete', TYPE, { ...k.props }, { PhysicalResourceId: OLD_ID }), clock.deadline()))
        .resolves.toEqual({});
      expect(chime).toHaveReceivedCommandWith(k.Get, task(TASK_ID));
    });

    test('ConflictException for a task that is gone when asked is success', async () => {
      chime.on(k.Stop).rejects(serviceError(ConflictException, 'Conflict'));
      chime.on(k.Get).rejects(serviceError(NotFoundException, 'Task not found'));
      await expect(onVoiceAnalyticsTaskEvent(cfnEvent('Delete', TYPE, { ...k.props }, { PhysicalResourceId: OLD_ID }), clock.deadline()))
        .resolves.toEqual({});
    });

    test.each([
      ['ConflictException', ConflictException],
      ['BadRequestException', BadRequestException],
    ])('%s for a task that is still running fails the Delete', async (name, Type) => {
      chime.on(k.Stop).rejects(serviceError(Type as any, 'Something else is wrong'));
      chime.on(k.Get).resolves(k.task(TASK_ID, 'InProgress'));
      await expect(onVoiceAnalyticsTaskEvent(cfnEvent('Delete', TYPE, { ...k.props }, { PhysicalResourceId: OLD_ID }), clock.deadline()))
        .rejects.toThrow(expect.objectContaining({ name, message: 'Something else is wrong' }));
    });

    test('other errors fail the Delete', async () => {
      chime.on(k.Stop).rejects(serviceError(ForbiddenException, 'not allowed'));
      await expect(onVoiceAnalyticsTaskEvent(cfnEvent('Delete', TYPE, { ...k.props }, { PhysicalResourceId: OLD_ID }), clock.deadline()))
        .rejects.toThrow('not allowed');
      expect(chime).not.toHaveReceivedCommand(k.Get);
    });
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
    chime.on(StopVoiceToneAnalysisTaskCommand).rejects(serviceError(ForbiddenException, 'not allowed'));
    await expect(onVoiceAnalyticsTaskEvent(
      cfnEvent('Update', TYPE, { ...TONE, LanguageCode: 'es-US' }, { PhysicalResourceId: OLD_ID, OldResourceProperties: { ...TONE } }),
      clock.deadline(),
    )).rejects.toThrow('not allowed');
    expect(chime).not.toHaveReceivedCommand(StartVoiceToneAnalysisTaskCommand);
  });
});
