/**
 * The task handler under CloudFormation's real sequences: pipelines that end
 * on their own, rollbacks, and Updates that change only the handler's settings.
 */
import { ForbiddenException, GetMediaPipelineCommand, NotFoundException } from '@aws-sdk/client-chime-sdk-media-pipelines';
import 'aws-sdk-client-mock-jest';
import { KINDS, NEW_TASK_ID, OLD_ID, SOURCE, TASK_ID, TYPE, chime, clock, sent, useChimeMock } from './voice-analytics-task.fixtures';
import { onVoiceAnalyticsTaskEvent } from '../../../lambda/chime/voice-analytics-task';
import { cfnEvent } from '../../helpers/cfn';
import { PIPELINE_ID } from '../../helpers/fixtures';
import { serviceError } from '../../helpers/sdk-mock';

useChimeMock();

const OTHER_PIPELINE = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const ENDED_ID = `ended:${OLD_ID}`;
const pipelineGone = () => serviceError(NotFoundException, 'Media insights pipeline not found');

describe.each(KINDS)('$kind', (k) => {
  const update = (props: object, old: object, physicalId = OLD_ID) =>
    onVoiceAnalyticsTaskEvent(cfnEvent('Update', TYPE, props, { PhysicalResourceId: physicalId, OldResourceProperties: old }), clock.deadline());
  const del = (props: object, physicalId: string) =>
    onVoiceAnalyticsTaskEvent(cfnEvent('Delete', TYPE, props, { PhysicalResourceId: physicalId }), clock.deadline());
  const changed = { ...k.props, KinesisVideoStreamSourceTaskConfiguration: { ...SOURCE, ChannelId: 0 } };
  const startsTo = (identifier: string) => chime.commandCalls(k.Start).filter((c) => c.args[0].input.Identifier === identifier).length;

  describe('settings only the handler reads change in place', () => {
    test.each([
      ['StartTimeoutSeconds', { StartTimeoutSeconds: 300 }],
      ['WaitForInProgress', { WaitForInProgress: false }],
      ['ServiceTimeout', { ServiceTimeout: '900' }],
      ['all three', { StartTimeoutSeconds: 30, WaitForInProgress: false, ServiceTimeout: '600' }],
    ])('%s: same physical ID, no Stop, no Start', async (_what, change) => {
      const response = await update({ ...k.props, ...change }, { ...k.props });
      expect(chime).not.toHaveReceivedAnyCommand();
      expect(response).toEqual({ PhysicalResourceId: OLD_ID, Data: { TaskId: TASK_ID, PipelineIdentifier: PIPELINE_ID, State: 'RUNNING' } });
    });

    test('a changed channel still replaces the task', async () => {
      chime.on(k.Stop).resolves({});
      chime.on(k.Start).resolves(k.task(NEW_TASK_ID, 'InProgress'));
      const response = await update({ ...changed, StartTimeoutSeconds: 300 }, { ...k.props });
      expect(sent().map((name) => name.replace(k.kind, ''))).toEqual(['StopTask', 'StartTask']);
      expect(response.PhysicalResourceId).toBe(`${PIPELINE_ID}|${NEW_TASK_ID}`);
    });
  });

  describe('the pipeline ended', () => {
    test('Update -> SUCCESS (marked ended) -> rollback -> SUCCESS -> Delete of both IDs -> SUCCESS; one Start in all', async () => {
      chime.on(k.Stop).rejects(pipelineGone());
      chime.on(k.Start).rejects(pipelineGone());

      const updated = await update(changed, { ...k.props });
      expect(updated).toEqual({ PhysicalResourceId: ENDED_ID, Data: { TaskId: TASK_ID, PipelineIdentifier: PIPELINE_ID, State: 'ENDED' } });
      expect(Buffer.byteLength(updated.PhysicalResourceId!)).toBeLessThan(1024);

      // A later failure rolls the stack back: the same Update with the properties swapped, on the ended ID.
      const rolledBack = await update({ ...k.props }, changed, ENDED_ID);
      expect(rolledBack.PhysicalResourceId).toBe(ENDED_ID);
      expect(rolledBack.Data?.State).toBe('ENDED');

      await expect(del({ ...k.props }, ENDED_ID)).resolves.toEqual({});
      await expect(del({ ...k.props }, OLD_ID)).resolves.toEqual({});
      expect(startsTo(PIPELINE_ID)).toBe(1);
      expect(sent().map((name) => name.replace(k.kind, ''))).toEqual(['StopTask', 'StartTask', 'StopTask']);
    });

    test('a later Update that changes only settings of an ended resource does nothing', async () => {
      const response = await update({ ...changed, StartTimeoutSeconds: 60 }, changed, ENDED_ID);
      expect(chime).not.toHaveReceivedAnyCommand();
      expect(response.PhysicalResourceId).toBe(ENDED_ID);
    });

    test('an ended resource moved to a live pipeline starts a task there', async () => {
      chime.on(k.Start).resolves(k.task(NEW_TASK_ID, 'InProgress'));
      const response = await update({ ...k.props, Identifier: OTHER_PIPELINE }, { ...k.props }, ENDED_ID);
      expect(sent().map((name) => name.replace(k.kind, ''))).toEqual(['StartTask']);
      expect(response).toEqual({ PhysicalResourceId: `${OTHER_PIPELINE}|${NEW_TASK_ID}`, Data: { TaskId: NEW_TASK_ID, PipelineIdentifier: OTHER_PIPELINE, State: 'RUNNING' } });
    });
  });

  describe('a pipeline that does not exist is a mistake', () => {
    test('Update to it: read first, FAILED before anything is stopped (the task still runs); its rollback restarts the task on its pipeline', async () => {
      chime.on(GetMediaPipelineCommand).rejects(pipelineGone());
      chime.on(k.Stop).resolves({});
      chime.on(k.Start).resolves(k.task(NEW_TASK_ID, 'InProgress'));
      const mistaken = { ...k.props, Identifier: OTHER_PIPELINE };

      await expect(update(mistaken, { ...k.props })).rejects.toThrow(
        `Pipeline ${OTHER_PIPELINE} does not exist in this account and Region (NotFoundException: Media insights pipeline not found); ` +
        `task ${OLD_ID} was left running and nothing was started`,
      );
      // The pipeline moved to, then the task's own (did it replace the one asked for? no).
      expect(chime.calls().map((c) => [c.args[0].constructor.name, c.args[0].input])).toEqual([
        ['GetMediaPipelineCommand', { MediaPipelineId: OTHER_PIPELINE }], ['GetMediaPipelineCommand', { MediaPipelineId: PIPELINE_ID }],
      ]);
      // The failed Update leaves the physical ID as it was; the rollback swaps the properties: no read (its own pipeline).
      const rolledBack = await update({ ...k.props }, mistaken, OLD_ID);
      expect(rolledBack.PhysicalResourceId).toBe(`${PIPELINE_ID}|${NEW_TASK_ID}`);
      expect(sent().map((name) => name.replace(k.kind, ''))).toEqual(['GetMediaPipeline', 'GetMediaPipeline', 'StopTask', 'StartTask']);
      expect(startsTo(OTHER_PIPELINE)).toBe(0);
    });

    test('the rollback of a move from a pipeline the stack replaced, which ended meanwhile: SUCCESS as ended (the cleanup stops the current task), nothing stopped or started', async () => {
      // The task runs on OTHER_PIPELINE, which replaced PIPELINE_ID (its runtime metadata says so); PIPELINE_ID is gone.
      const current = `${OTHER_PIPELINE}|${NEW_TASK_ID}`;
      chime.on(GetMediaPipelineCommand, { MediaPipelineId: PIPELINE_ID }).rejects(pipelineGone());
      chime.on(GetMediaPipelineCommand, { MediaPipelineId: OTHER_PIPELINE }).resolves({
        MediaPipeline: { MediaInsightsPipeline: { MediaPipelineId: OTHER_PIPELINE, Status: 'InProgress', MediaInsightsRuntimeMetadata: { cdkLiveMediaReplaces: PIPELINE_ID } } },
      });
      const response = await update({ ...k.props }, { ...k.props, Identifier: OTHER_PIPELINE }, current);
      expect(response).toEqual({ PhysicalResourceId: `ended:${current}`, Data: { TaskId: NEW_TASK_ID, PipelineIdentifier: OTHER_PIPELINE, State: 'ENDED' } });
      expect(chime.calls().map((c) => [c.args[0].constructor.name, c.args[0].input])).toEqual([
        ['GetMediaPipelineCommand', { MediaPipelineId: PIPELINE_ID }], ['GetMediaPipelineCommand', { MediaPipelineId: OTHER_PIPELINE }],
      ]);
    });

    test('Update to a pipeline given by ARN that has ended: FAILED before anything is stopped', async () => {
      const arn = `arn:aws:chime:us-east-1:123456789012:media-pipeline/${OTHER_PIPELINE}`;
      chime.on(GetMediaPipelineCommand).resolves({ MediaPipeline: { MediaInsightsPipeline: { MediaPipelineId: OTHER_PIPELINE, Status: 'Stopped' } } });
      await expect(update({ ...k.props, Identifier: arn }, { ...k.props })).rejects.toThrow(`Pipeline ${arn} has ended (it is Stopped)`);
      expect(chime).toHaveReceivedCommandWith(GetMediaPipelineCommand, { MediaPipelineId: OTHER_PIPELINE });
      expect(sent()).toEqual(['GetMediaPipeline', 'GetMediaPipeline']);
    });

    test('a role that may not read pipelines (a rollback under a template from before the check) goes on to replace', async () => {
      chime.on(GetMediaPipelineCommand).rejects(serviceError(ForbiddenException, 'not authorized to perform: chime:GetMediaPipeline'));
      chime.on(k.Stop).resolves({});
      chime.on(k.Start).resolves(k.task(NEW_TASK_ID, 'InProgress'));
      const response = await update({ ...k.props, Identifier: OTHER_PIPELINE }, { ...k.props });
      expect(sent().map((name) => name.replace(k.kind, ''))).toEqual(['GetMediaPipeline', 'StopTask', 'StartTask']);
      expect(response.PhysicalResourceId).toBe(`${OTHER_PIPELINE}|${NEW_TASK_ID}`);
    });

    test('the old pipeline has ended and the update moves to a mistyped one: FAILED; the rollback marks it ended', async () => {
      chime.on(GetMediaPipelineCommand).rejects(pipelineGone());
      chime.on(k.Stop).rejects(pipelineGone());
      chime.on(k.Start).rejects(pipelineGone());
      const mistaken = { ...k.props, Identifier: OTHER_PIPELINE };
      await expect(update(mistaken, { ...k.props })).rejects.toThrow(`Pipeline ${OTHER_PIPELINE} does not exist in this account and Region`);
      const rolledBack = await update({ ...k.props }, mistaken, OLD_ID);
      expect(rolledBack).toEqual({ PhysicalResourceId: ENDED_ID, Data: { TaskId: TASK_ID, PipelineIdentifier: PIPELINE_ID, State: 'ENDED' } });
      expect(startsTo(OTHER_PIPELINE)).toBe(0);
      expect(startsTo(PIPELINE_ID)).toBe(1);
    });

    test('Create on it fails saying so', async () => {
      chime.on(k.Start).rejects(pipelineGone());
      await expect(onVoiceAnalyticsTaskEvent(cfnEvent('Create', TYPE, { ...k.props }), clock.deadline()))
        .rejects.toThrow(`Pipeline ${PIPELINE_ID} does not exist in this account and Region, or it has ended`);
      expect(chime).toHaveReceivedCommandTimes(k.Start, 1);
    });
  });
});
