/**
 * The fake itself, called by the real SDK v3 clients: it must answer what the
 * SDK expects from the real services (routes, status codes, error shapes),
 * keep state, and reject what the models reject.
 */
import { GetCompositionCommand, IVSRealTimeClient, StartCompositionCommand, StopCompositionCommand } from '@aws-sdk/client-ivs-realtime';
import type { StartCompositionCommandInput } from '@aws-sdk/client-ivs-realtime';
import { client, failure, fake, useFakeServices } from './fake-services.fixtures';

useFakeServices();

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
