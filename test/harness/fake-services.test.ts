/**
 * The fake itself, called by the real SDK v3 clients: it must answer what the
 * SDK expects from the real services (routes, status codes, error shapes),
 * keep state, and reject what the models reject.
 */
import * as http from 'http';
import {
  GetSpeakerSearchTaskCommand,
  GetVoiceToneAnalysisTaskCommand,
  StartSpeakerSearchTaskCommand,
  StartVoiceToneAnalysisTaskCommand,
  StopSpeakerSearchTaskCommand,
  StopVoiceToneAnalysisTaskCommand,
  ChimeSDKMediaPipelinesClient,
} from '@aws-sdk/client-chime-sdk-media-pipelines';
import { GetCompositionCommand, IVSRealTimeClient, StartCompositionCommand, StopCompositionCommand } from '@aws-sdk/client-ivs-realtime';
import type { StartCompositionCommandInput } from '@aws-sdk/client-ivs-realtime';
import {
  DescribeImageGenerationConfigurationCommand,
  KinesisVideoClient,
  UpdateImageGenerationConfigurationCommand,
} from '@aws-sdk/client-kinesis-video';
import { FAKE_REGION, FakeServices } from './fake-services';

let fake: FakeServices;
beforeAll(async () => {
  fake = await FakeServices.start();
});
afterAll(async () => fake.stop());
beforeEach(() => fake.reset());
afterEach(() => expect(fake.problems).toEqual([]));

/** A client of the fake with the SDK's standard retries (quick ones) unless `maxAttempts` says otherwise. */
function client<T>(Client: new (config: any) => T, maxAttempts = 3): T {
  return new Client({
    endpoint: fake.url,
    region: FAKE_REGION,
    credentials: { accessKeyId: 'AKIAFAKEFAKEFAKEFAKE', secretAccessKey: 'fake' },
    maxAttempts,
  });
}

async function failure(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

const CONFIG = {
  Status: 'ENABLED' as const,
  ImageSelectorType: 'SERVER_TIMESTAMP' as const,
  DestinationConfig: { Uri: 's3://images/front-door/', DestinationRegion: FAKE_REGION },
  SamplingInterval: 2000,
  Format: 'JPEG' as const,
  FormatConfig: { JPEGQuality: '85' },
  WidthPixels: 1280,
};

describe('Kinesis Video Streams', () => {
  const kvs = () => client(KinesisVideoClient);

  test('Update then Describe, by name and by ARN; the log holds the exact input', async () => {
    const stream = fake.kvs.addStream({ name: 'front-door' });
    await kvs().send(new UpdateImageGenerationConfigurationCommand({ StreamName: 'front-door', ImageGenerationConfiguration: CONFIG }));
    const described = await kvs().send(new DescribeImageGenerationConfigurationCommand({ StreamARN: stream.arn }));
    expect(described.ImageGenerationConfiguration).toEqual(CONFIG);
    expect(fake.kvs.stream('front-door').config).toEqual(CONFIG);
    expect(fake.callsOf()).toMatchObject([
      { service: 'kinesisvideo', operation: 'UpdateImageGenerationConfiguration', input: { StreamName: 'front-door', ImageGenerationConfiguration: CONFIG }, status: 200, attempt: 1 },
      { operation: 'DescribeImageGenerationConfiguration', input: { StreamARN: stream.arn }, status: 200 },
    ]);
  });

  test('Update without a configuration removes it', async () => {
    fake.kvs.addStream({ name: 'cam' });
    await kvs().send(new UpdateImageGenerationConfigurationCommand({ StreamName: 'cam', ImageGenerationConfiguration: CONFIG }));
    await kvs().send(new UpdateImageGenerationConfigurationCommand({ StreamName: 'cam' }));
    expect((await kvs().send(new DescribeImageGenerationConfigurationCommand({ StreamName: 'cam' }))).ImageGenerationConfiguration).toBeUndefined();
    expect(fake.inputsOf('UpdateImageGenerationConfiguration')[1]).toEqual({ StreamName: 'cam' });
  });

  test('a request the model rejects is an InvalidArgumentException naming every violation', async () => {
    fake.kvs.addStream({ name: 'cam' });
    const error = await failure(kvs().send(new UpdateImageGenerationConfigurationCommand({
      StreamName: 'bad name!',
      ImageGenerationConfiguration: { ...CONFIG, WidthPixels: 5000, Format: 'GIF' as any, Status: undefined as any },
    })));
    expect(error.name).toBe('InvalidArgumentException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toMatch(/input.StreamName: "bad name!" does not match/);
    expect(error.message).toMatch(/input.ImageGenerationConfiguration.Status: required/);
    expect(error.message).toMatch(/input.ImageGenerationConfiguration.Format: "GIF" is not one of JPEG, PNG/);
    expect(error.message).toMatch(/input.ImageGenerationConfiguration.WidthPixels: 5000 is above the maximum 3840/);
    expect(fake.callsOf()[0].violations).toHaveLength(4);
    expect(fake.kvs.stream('cam').config).toBeUndefined();
  });

  test('stream states: not found, CREATING for N calls, no data retention, another Region', async () => {
    fake.kvs.addStream({ name: 'new', creatingCalls: 2 });
    fake.kvs.addStream({ name: 'no-retention', retentionHours: 0 });
    const update = (StreamName: string, config: any = CONFIG) =>
      failure(client(KinesisVideoClient, 1)
        .send(new UpdateImageGenerationConfigurationCommand({ StreamName, ImageGenerationConfiguration: config })));
    expect((await update('missing')).name).toBe('ResourceNotFoundException');
    expect((await update('new')).name).toBe('ResourceInUseException');
    expect((await update('new')).name).toBe('ResourceInUseException');
    await kvs().send(new UpdateImageGenerationConfigurationCommand({ StreamName: 'new', ImageGenerationConfiguration: CONFIG }));
    expect((await update('no-retention')).message).toMatch(/no data retention/);
    expect((await update('new', { ...CONFIG, DestinationConfig: { Uri: 's3://b/p', DestinationRegion: 'eu-west-1' } })).message)
      .toMatch(/DestinationRegion eu-west-1 must be the stream's Region, us-east-1/);
    expect((await update('new', { ...CONFIG, SamplingInterval: 100 })).name).toBe('InvalidArgumentException');
  });

  test('throttling is ClientLimitExceededException (400), which the SDK alone does not retry', async () => {
    fake.kvs.addStream({ name: 'cam' });
    fake.injectFault('UpdateImageGenerationConfiguration', 'throttling');
    const error = await failure(kvs().send(new UpdateImageGenerationConfigurationCommand({ StreamName: 'cam', ImageGenerationConfiguration: CONFIG })));
    expect(error.name).toBe('ClientLimitExceededException');
    expect(error.$metadata).toMatchObject({ httpStatusCode: 400, attempts: 1 });
    expect(fake.callsOf()).toHaveLength(1);
  });

  test('a 5xx is retried by the SDK: the same invocation, attempt 2', async () => {
    fake.kvs.addStream({ name: 'cam' });
    fake.injectFault('DescribeImageGenerationConfiguration', 'server-error');
    await kvs().send(new DescribeImageGenerationConfigurationCommand({ StreamName: 'cam' }));
    const [first, second] = fake.callsOf();
    expect(first).toMatchObject({ status: 500, injected: true, error: { name: 'InternalFailure' }, attempt: 1 });
    expect(second).toMatchObject({ status: 200, attempt: 2, invocationId: first.invocationId });
  });

  test('access denied is AccessDeniedException (401) naming the action and resource', async () => {
    const stream = fake.kvs.addStream({ name: 'cam' });
    fake.injectFault('UpdateImageGenerationConfiguration', 'access-denied');
    const error = await failure(kvs()
      .send(new UpdateImageGenerationConfigurationCommand({ StreamARN: stream.arn, ImageGenerationConfiguration: CONFIG })));
    expect(error.name).toBe('AccessDeniedException');
    expect(error.$metadata.httpStatusCode).toBe(401);
    expect(error.message).toContain(`is not authorized to perform: kinesisvideo:UpdateImageGenerationConfiguration on resource: ${stream.arn}`);
  });

  test('a malformed response fails the SDK call; faults are used up in order', async () => {
    fake.kvs.addStream({ name: 'cam' });
    fake.injectFault('DescribeImageGenerationConfiguration', 'malformed-response');
    fake.injectFault('DescribeImageGenerationConfiguration', { errorName: 'ResourceNotFoundException' });
    await expect(client(KinesisVideoClient, 1).send(new DescribeImageGenerationConfigurationCommand({ StreamName: 'cam' }))).rejects.toThrow();
    expect((await failure(kvs().send(new DescribeImageGenerationConfigurationCommand({ StreamName: 'cam' })))).name).toBe('ResourceNotFoundException');
    await kvs().send(new DescribeImageGenerationConfigurationCommand({ StreamName: 'cam' }));
    expect(fake.callsOf().map((c) => c.status)).toEqual([200, 404, 200]);
  });
});

describe('IVS real-time', () => {
  const ivs = () => client(IVSRealTimeClient);
  function request(): StartCompositionCommandInput {
    return {
      stageArn: fake.ivs.addResource('stage', 'stage1'),
      destinations: [
        { channel: { channelArn: fake.ivs.addResource('channel') } },
        { s3: { storageConfigurationArn: fake.ivs.addResource('storage-configuration'), encoderConfigurationArns: [fake.ivs.addResource('encoder-configuration')] } },
      ],
      layout: { grid: { gridGap: 4 } },
      idempotencyToken: 'token-1',
    };
  }

  test('STARTING -> ACTIVE -> STOPPING -> STOPPED -> gone; destinations carry ids and the S3 recording prefix', async () => {
    const started = (await ivs().send(new StartCompositionCommand(request()))).composition!;
    expect(started).toMatchObject({ state: 'STARTING', stageArn: expect.stringMatching(/stage\/stage1$/), layout: { grid: { gridGap: 4 } } });
    expect(started.destinations![1].detail!.s3!.recordingPrefix).toMatch(new RegExp(`^stage1/${started.arn!.split('/')[1]}/${started.destinations![1].id}/`));
    const get = async () => (await ivs().send(new GetCompositionCommand({ arn: started.arn }))).composition!.state;
    expect(await get()).toBe('STARTING');
    expect(await get()).toBe('ACTIVE');
    await ivs().send(new StopCompositionCommand({ arn: started.arn }));
    expect(await get()).toBe('STOPPING');
    expect(await get()).toBe('STOPPED');
    expect((await failure(ivs().send(new GetCompositionCommand({ arn: started.arn })))).name).toBe('ResourceNotFoundException');
    expect((await failure(ivs().send(new StopCompositionCommand({ arn: started.arn })))).name).toBe('ResourceNotFoundException');
  });

  test('the idempotency token: the same request twice is one composition; another request with it is a conflict', async () => {
    const input = request();
    const a = (await ivs().send(new StartCompositionCommand(input))).composition!;
    const b = (await ivs().send(new StartCompositionCommand(input))).composition!;
    expect(b.arn).toBe(a.arn);
    expect(fake.ivs.compositions.size).toBe(1);
    expect((await failure(ivs().send(new StartCompositionCommand({ ...input, layout: { grid: { gridGap: 8 } } })))).name).toBe('ConflictException');
    expect(fake.idempotencyTokensSeen()).toContain('token-1');
  });

  test('without a token the SDK sends a fresh one each time: two compositions', async () => {
    const { idempotencyToken, ...input } = request();
    await ivs().send(new StartCompositionCommand(input));
    await ivs().send(new StartCompositionCommand(input));
    expect(fake.ivs.compositions.size).toBe(2);
    const tokens = fake.inputsOf('StartComposition').map((i) => i.idempotencyToken);
    expect(new Set(tokens).size).toBe(2);
    expect(fake.idempotencyTokensSeen()).toEqual(expect.arrayContaining(tokens));
  });

  test('invalid requests are ValidationException (400); the SDK reads the message from exceptionMessage, not message', async () => {
    const error = await failure(ivs().send(new StartCompositionCommand({ stageArn: 'arn:aws:ivs:us-east-1:1:stage/', destinations: [] })));
    expect(error.name).toBe('ValidationException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    // The model's error shape carries the text in `exceptionMessage`: the SDK
    // leaves `message` at "UnknownError". A handler must report exceptionMessage.
    expect(error.message).toBe('UnknownError');
    expect(error.exceptionMessage).toMatch(/input.stageArn: .* does not match/);
    expect(error.exceptionMessage).toMatch(/input.destinations: length 0 is below the minimum 1/);
  });

  test('unknown stage or destination resources are ResourceNotFoundException; the quota is ServiceQuotaExceededException', async () => {
    const input = request();
    const unknownStage = await failure(ivs().send(new StartCompositionCommand({ ...input, idempotencyToken: undefined, stageArn: 'arn:aws:ivs:us-east-1:123456789012:stage/nope' })));
    expect(unknownStage.name).toBe('ResourceNotFoundException');
    fake.ivs.options.maxActive = 1;
    await ivs().send(new StartCompositionCommand(input));
    const quota = await failure(ivs().send(new StartCompositionCommand({ ...input, idempotencyToken: 'token-2' })));
    expect(quota).toMatchObject({ name: 'ServiceQuotaExceededException', $metadata: { httpStatusCode: 402 } });
  });

  test('faults: access denied (403), throttling (generic 429, retried), server error (retried)', async () => {
    const input = request();
    fake.injectFault('StartComposition', 'access-denied');
    const denied = await failure(ivs().send(new StartCompositionCommand(input)));
    expect(denied).toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
    expect(denied.exceptionMessage).toContain(`ivs:StartComposition on resource: ${input.stageArn}`);
    fake.injectFault('StartComposition', 'throttling');
    fake.injectFault('StartComposition', 'server-error');
    await ivs().send(new StartCompositionCommand(input));
    expect(fake.callsOf().slice(1).map((c) => [c.status, c.error?.name, c.attempt])).toEqual([
      [429, 'ThrottlingException', 1],
      [500, 'InternalServerException', 2],
      [200, undefined, 3],
    ]);
  });
});

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

describe('the wire', () => {
  function raw(method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; type?: string; body: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: fake.port, method, path, headers }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['x-amzn-errortype'] as string, body }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  test('an unsigned request, or one signed for another service, is refused', async () => {
    expect(await raw('POST', '/describeImageGenerationConfiguration')).toMatchObject({ status: 403, type: 'InvalidSignatureException' });
    const signedForIvs = 'AWS4-HMAC-SHA256 Credential=AKIA/20260101/us-east-1/ivs/aws4_request, SignedHeaders=host, Signature=0';
    expect((await raw('POST', '/describeImageGenerationConfiguration', { authorization: signedForIvs })).body).toMatch(/scoped to correct service: 'kinesisvideo'/);
  });

  test('a path no operation has is a 404 and a problem of the fake', async () => {
    expect(await raw('GET', '/nothing')).toMatchObject({ status: 404, type: 'UnknownOperationException' });
    expect(fake.problems).toHaveLength(1);
    fake.problems.length = 0;
  });

  test('the Lambda environment points every service at the fake, with no shared config', () => {
    expect(fake.clientEnvironment()).toMatchObject({
      AWS_ENDPOINT_URL_KINESIS_VIDEO: fake.url,
      AWS_ENDPOINT_URL_IVS_REALTIME: fake.url,
      AWS_ENDPOINT_URL_CHIME_SDK_MEDIA_PIPELINES: fake.url,
      AWS_REGION: 'us-east-1',
      AWS_CONFIG_FILE: '/nonexistent/aws-config',
    });
  });
});
