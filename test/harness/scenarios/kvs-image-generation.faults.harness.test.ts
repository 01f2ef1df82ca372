/**
 * KvsImageGeneration as deployed when things go wrong: throttling, 5xx,
 * denials (lasting, or while a grant applies), malformed properties and
 * responses, an unknown resource type, the Lambda deadline, a refused
 * response PUT. The bundled handler against the fake Kinesis Video Streams
 * API with the real SDK client, as in kvs-image-generation.harness.test.ts.
 */
import { DESCRIBE, FRONT, INITIAL_CONFIG, INITIAL_DATA, INITIAL_INPUT, UPDATE, useImageGenerationHarness } from './kvs-image-generation.fixtures';
import { DEADLINE_MARGIN_MS, UNDO_RESERVE_MS } from '../../../lambda/shared/deadline';
import { KVS_IMAGE_GENERATION_RESOURCE_TYPE } from '../../../src/kvs/image-generation.contract';
import { CREATE_FAILED_MARKER, expectFailed, expectSucceeded } from '../runtime/expectations';

const h = useImageGenerationHarness();

describe('faults', () => {
  test('throttling then success: ClientLimitExceededException (400) is retried by the real SDK client (treatAsThrottling)', async () => {
    // One throttle is enough to prove the retry; each costs the SDK's
    // throttling backoff (and the adaptive mode's rate limiting) in real time.
    h.fake.injectFault(UPDATE, 'throttling', 1);
    const create = await h.invoke(h.event('Create', 'kvs.initial'));

    expectSucceeded(create, 'front-door', INITIAL_DATA);
    const updates = h.fake.callsOf(UPDATE);
    expect(updates.map((c) => [c.status, c.error?.name, c.attempt])).toEqual([
      [400, 'ClientLimitExceededException', 1],
      [200, undefined, 2],
    ]);
    // One SDK command, retried by the SDK's own strategy: the same invocation ID.
    expect(new Set(updates.map((c) => c.invocationId)).size).toBe(1);
    expect(updates.map((c) => c.input)).toEqual(Array(2).fill(INITIAL_INPUT));
  });

  test('a 5xx then success: retried by the SDK', async () => {
    h.fake.injectFault(DESCRIBE, 'server-error');
    const create = await h.invoke(h.event('Create', 'kvs.initial'));

    expectSucceeded(create, 'front-door', INITIAL_DATA);
    expect(h.fake.callsOf(DESCRIBE).map((c) => [c.status, c.attempt, c.input])).toEqual([
      [500, 1, { StreamARN: FRONT.arn }],
      [200, 2, { StreamARN: FRONT.arn }],
      [200, 1, { StreamARN: FRONT.arn }],
    ]);
  });

  test('a lasting denial: FAILED with the service\'s message, after the 4 retries that let a new grant apply (15 s)', async () => {
    h.fake.injectFault(UPDATE, 'access-denied', Infinity);
    const create = await h.invoke(h.event('Create', 'kvs.initial'));

    expectFailed(create, CREATE_FAILED_MARKER,
      /^AccessDeniedException: User: .* is not authorized to perform: kinesisvideo:UpdateImageGenerationConfiguration on resource: arn:aws:kinesisvideo:us-east-1:123456789012:stream\/front-door\//);
    expect(h.fake.callsOf().map((c) => [c.operation, c.status, c.input])).toEqual([
      [DESCRIBE, 200, { StreamARN: FRONT.arn }],
      ...Array(5).fill([UPDATE, 401, INITIAL_INPUT]),
    ]);
  });

  test('a denial while a grant attached in the same deploy applies: the call goes through when IAM lets it', async () => {
    h.fake.injectFault(UPDATE, 'access-denied', 2);
    const create = await h.invoke(h.event('Create', 'kvs.initial'));

    expectSucceeded(create, 'front-door', INITIAL_DATA);
    expect(h.fake.callsOf(UPDATE).map((c) => c.status)).toEqual([401, 401, 200]);
    expect(h.fake.kvs.stream('front-door').config).toEqual(INITIAL_CONFIG);
  });


  test('malformed properties: FAILED naming the property, no call made', async () => {
    const properties = h.resource('kvs.initial').properties as any;
    const malformed = { ...properties, ImageGenerationConfiguration: { ...properties.ImageGenerationConfiguration, SamplingInterval: 'every two seconds' } };
    const create = await h.invoke(h.event('Create', 'kvs.initial', { properties: malformed }));

    expectFailed(create, CREATE_FAILED_MARKER, /^Property ImageGenerationConfiguration.SamplingInterval must be an integer, got "every two seconds"$/);
    expect(h.fake.calls).toEqual([]);
  });

  test('a response the SDK cannot parse: FAILED, never silence', async () => {
    h.fake.injectFault(DESCRIBE, 'malformed-response', Infinity);
    const create = await h.invoke(h.event('Create', 'kvs.initial'));

    expectFailed(create, CREATE_FAILED_MARKER, /\S/);
    expect(create.response!.Reason).not.toBe('FAILED');
    // The read before the write fails: nothing is written.
    expect(h.fake.callsOf(UPDATE)).toHaveLength(0);
  });

  test('an unknown resource type: FAILED with what is wrong', async () => {
    const event = { ...h.event('Create', 'kvs.initial'), ResourceType: 'Custom::KvsImageGenerationV9' };
    const create = await h.invoke(event);

    expectFailed(create, CREATE_FAILED_MARKER, /^cdk-live-media has no handler for resource type Custom::KvsImageGenerationV9$/);
    expect(h.fake.calls).toEqual([]);
    expect(KVS_IMAGE_GENERATION_RESOURCE_TYPE).toBe(h.resource('kvs.initial').type);
  });

  test('the Lambda deadline approaching while the stream stays in use: FAILED before the deadline', async () => {
    h.fake.kvs.stream('front-door').creatingCalls = 1_000;
    // The handler keeps UNDO_RESERVE_MS to undo a write; 1.5 s of trying are left.
    const handlerBudgetMs = 1_500;
    const timeoutMs = DEADLINE_MARGIN_MS + UNDO_RESERVE_MS + handlerBudgetMs;
    const create = await h.invoke(h.event('Create', 'kvs.initial'), { timeoutMs });

    expectFailed(create, CREATE_FAILED_MARKER,
      /^DeadlineError: Gave up waiting for stream front-door to become ACTIVE \(last error: ResourceInUseException: .*\): the handler's time is running out/);
    // It answered by its own deadline, leaving the margin for the response, far before Lambda's:
    // well inside the undo reserve it kept (a loaded machine adds seconds of process start-up, so
    // the bound is half the reserve, not the 1.5 s budget itself).
    expect(create.respondedAfterMs!).toBeLessThan(handlerBudgetMs + UNDO_RESERVE_MS / 2);
    expect(create.respondedAfterMs!).toBeLessThan(timeoutMs - DEADLINE_MARGIN_MS);
    expect(h.fake.callsOf(UPDATE).length).toBeGreaterThanOrEqual(1);
    expect(h.fake.callsOf(UPDATE).every((c) => c.error?.name === 'ResourceInUseException')).toBe(true);
    console.log(`deadline case: Lambda timeout ${timeoutMs} ms, handler budget ${handlerBudgetMs} ms, answered after ${create.respondedAfterMs} ms`);
  });

  test('a refused response PUT is retried by the entrypoint', async () => {
    h.responses.refuseNext(1);
    const refusedBefore = h.responses.refused;
    const create = await h.invoke(h.event('Create', 'kvs.initial'));

    expectSucceeded(create, 'front-door', INITIAL_DATA);
    expect(h.responses.refused).toBe(refusedBefore + 1);
    expect(create.puts).toBe(1);
  });
});
