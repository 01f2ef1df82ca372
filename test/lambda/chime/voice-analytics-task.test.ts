import { createHash } from 'node:crypto';
import {
  BadRequestException,
  ForbiddenException,
  GetSpeakerSearchTaskCommand,
  StartSpeakerSearchTaskCommand,
  StartVoiceToneAnalysisTaskCommand,
  StopSpeakerSearchTaskCommand,
  StopVoiceToneAnalysisTaskCommand,
} from '@aws-sdk/client-chime-sdk-media-pipelines';
import 'aws-sdk-client-mock-jest';
import {
  KINDS, NEW_TASK_ID, OLD_ID, SEARCH, SOURCE, TASK_ID, TONE, TYPE, chime, clock, useChimeMock,
} from './voice-analytics-task.fixtures';
import { handler } from '../../../lambda';
import { onVoiceAnalyticsTaskEvent } from '../../../lambda/chime/voice-analytics-task';
import { requestToken as clientRequestToken } from '../../../lambda/shared/request-token';
import { cfnEvent, lambdaContext } from '../../helpers/cfn';
import { PIPELINE_ARN } from '../../helpers/fixtures';
import { serviceError } from '../../helpers/sdk-mock';

useChimeMock();

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
    chime.on(StopSpeakerSearchTaskCommand).rejects(serviceError(BadRequestException, 'bad request'));
    chime.on(GetSpeakerSearchTaskCommand).rejects(serviceError(ForbiddenException, 'not allowed'));
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
    expect(response).toEqual({ PhysicalResourceId: `${PIPELINE_ARN}|${TASK_ID}`, Data: { TaskId: TASK_ID, PipelineIdentifier: PIPELINE_ARN, State: 'RUNNING' } });
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
