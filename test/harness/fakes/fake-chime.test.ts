/**
 * The fake itself, called by the real SDK v3 clients: it must answer what the
 * SDK expects from the real services (routes, status codes, error shapes),
 * keep state, and reject what the models reject.
 */
import {
  GetSpeakerSearchTaskCommand,
  GetVoiceToneAnalysisTaskCommand,
  StartSpeakerSearchTaskCommand,
  StartVoiceToneAnalysisTaskCommand,
  StopSpeakerSearchTaskCommand,
  StopVoiceToneAnalysisTaskCommand,
  ChimeSDKMediaPipelinesClient,
} from '@aws-sdk/client-chime-sdk-media-pipelines';
import { client, failure, fake, useFakeServices } from './fake-services.fixtures';

useFakeServices();

describe('Chime SDK media pipelines', () => {
  const chime = () => client(ChimeSDKMediaPipelinesClient);
  const STREAM = 'arn:aws:kinesisvideo:us-east-1:123456789012:stream/call/1700000000000';

  test('voice tone analysis by pipeline ARN: NotStarted -> Initializing -> InProgress -> Stopping -> Stopped', async () => {
    const pipeline = fake.chime.addPipeline();
    const started = await chime().send(new StartVoiceToneAnalysisTaskCommand({
      Identifier: pipeline.arn,
      LanguageCode: 'en-US',
      KinesisVideoStreamSourceTaskConfiguration: { StreamArn: STREAM, ChannelId: 0 },
      ClientRequestToken: 'request-token-1',
    }));
    const id = started.VoiceToneAnalysisTask!.VoiceToneAnalysisTaskId!;
    expect(started.VoiceToneAnalysisTask!.VoiceToneAnalysisTaskStatus).toBe('NotStarted');
    expect(started.VoiceToneAnalysisTask!.CreatedTimestamp).toBeInstanceOf(Date);
    const get = async () => (await chime().send(new GetVoiceToneAnalysisTaskCommand({ Identifier: pipeline.id, VoiceToneAnalysisTaskId: id })))
      .VoiceToneAnalysisTask!.VoiceToneAnalysisTaskStatus;
    expect([await get(), await get(), await get()]).toEqual(['NotStarted', 'Initializing', 'InProgress']);
    await chime().send(new StopVoiceToneAnalysisTaskCommand({ Identifier: pipeline.arn, VoiceToneAnalysisTaskId: id }));
    expect([await get(), await get()]).toEqual(['Stopping', 'Stopped']);
    const again = await failure(chime().send(new StopVoiceToneAnalysisTaskCommand({ Identifier: pipeline.arn, VoiceToneAnalysisTaskId: id })));
    expect(again).toMatchObject({ name: 'ConflictException', $metadata: { httpStatusCode: 409 } });
    expect(fake.callsOf('StartVoiceToneAnalysisTask')[0].input).toEqual({
      Identifier: pipeline.arn,
      LanguageCode: 'en-US',
      KinesisVideoStreamSourceTaskConfiguration: { StreamArn: STREAM, ChannelId: 0 },
      ClientRequestToken: 'request-token-1',
    });
    expect(fake.callsOf('StopVoiceToneAnalysisTask')[0].status).toBe(204);
  });

  test('speaker search: ClientRequestToken is idempotent; a task of another pipeline or kind is NotFound', async () => {
    const pipeline = fake.chime.addPipeline();
    const other = fake.chime.addPipeline();
    const input = { Identifier: pipeline.id, VoiceProfileDomainArn: 'arn:aws:chime:us-east-1:123456789012:voice-profile-domain/d1', ClientRequestToken: 'tok-1' };
    const a = (await chime().send(new StartSpeakerSearchTaskCommand(input))).SpeakerSearchTask!.SpeakerSearchTaskId!;
    const b = (await chime().send(new StartSpeakerSearchTaskCommand(input))).SpeakerSearchTask!.SpeakerSearchTaskId!;
    expect(b).toBe(a);
    expect(fake.chime.tasks.size).toBe(1);
    expect((await failure(chime().send(new StartSpeakerSearchTaskCommand({ ...input, VoiceProfileDomainArn: 'arn:aws:chime:us-east-1:123456789012:voice-profile-domain/d2' })))).name)
      .toBe('ConflictException');
    expect((await failure(chime().send(new GetSpeakerSearchTaskCommand({ Identifier: other.id, SpeakerSearchTaskId: a })))).name).toBe('NotFoundException');
    expect((await failure(chime().send(new GetVoiceToneAnalysisTaskCommand({ Identifier: pipeline.id, VoiceToneAnalysisTaskId: a })))).name).toBe('NotFoundException');
    await chime().send(new StopSpeakerSearchTaskCommand({ Identifier: pipeline.id, SpeakerSearchTaskId: a }));
    expect(fake.chime.task(a).status).toBe('Stopping');
    expect(fake.idempotencyTokensSeen()).toContain('tok-1');
  });

  test('invalid requests are BadRequestException (400) with a Code; a pipeline without the feature is refused', async () => {
    const pipeline = fake.chime.addPipeline({ voiceToneAnalysis: false });
    const invalid = await failure(chime().send(new StartVoiceToneAnalysisTaskCommand({
      Identifier: pipeline.id, LanguageCode: 'fr-FR' as any, ClientRequestToken: 'x', KinesisVideoStreamSourceTaskConfiguration: { StreamArn: STREAM, ChannelId: 2 },
    })));
    expect(invalid).toMatchObject({ name: 'BadRequestException', Code: 'BadRequest', $metadata: { httpStatusCode: 400 } });
    expect(invalid.message).toMatch(/LanguageCode: "fr-FR" is not one of en-US/);
    expect(invalid.message).toMatch(/ClientRequestToken: length 1 is below the minimum 2/);
    expect(invalid.message).toMatch(/ChannelId: 2 is above the maximum 1/);
    const disabled = await failure(chime().send(new StartVoiceToneAnalysisTaskCommand({ Identifier: pipeline.id, LanguageCode: 'en-US' })));
    expect(disabled.message).toMatch(/no voice analytics processor with voice tone analysis enabled/);
    expect((await failure(chime().send(new StartVoiceToneAnalysisTaskCommand({ Identifier: 'nope', LanguageCode: 'en-US' })))).name).toBe('NotFoundException');
  });

  test('faults: ThrottledClientException (429) and ServiceUnavailableException (503) are retried; ForbiddenException (403) is not', async () => {
    const pipeline = fake.chime.addPipeline();
    fake.injectFault('StartVoiceToneAnalysisTask', 'throttling');
    fake.injectFault('StartVoiceToneAnalysisTask', 'unavailable');
    await chime().send(new StartVoiceToneAnalysisTaskCommand({ Identifier: pipeline.id, LanguageCode: 'en-US', ClientRequestToken: 'tok-2' }));
    expect(fake.callsOf().map((c) => [c.status, c.error?.name])).toEqual([[429, 'ThrottledClientException'], [503, 'ServiceUnavailableException'], [201, undefined]]);
    // The retries carried the same token: one task.
    expect(new Set(fake.inputsOf('StartVoiceToneAnalysisTask').map((i) => i.ClientRequestToken))).toEqual(new Set(['tok-2']));
    expect(fake.chime.tasks.size).toBe(1);
    fake.injectFault('GetVoiceToneAnalysisTask', 'access-denied');
    const taskId = [...fake.chime.tasks.keys()][0];
    const denied = await failure(chime().send(new GetVoiceToneAnalysisTaskCommand({ Identifier: pipeline.id, VoiceToneAnalysisTaskId: taskId })));
    expect(denied).toMatchObject({ name: 'ForbiddenException', Code: 'Forbidden', $metadata: { httpStatusCode: 403, attempts: 1 } });
    expect(denied.message).toContain('chime:GetVoiceToneAnalysisTask');
  });
});
