/**
 * KvsImageGeneration's lifecycle as deployed: the bundled handler asset from
 * the cloud assembly, run like Lambda runs it, fed the template's
 * properties as CloudFormation sends them, talking to the fake Kinesis Video
 * Streams API over HTTP with the real SDK client. Every case checks what
 * the service received and what CloudFormation received.
 */
import { NO_DATA, expectFailed, expectSucceeded } from './expectations';
import { KVS_STREAMS, useHarness } from './parts';
import { DEADLINE_MARGIN_MS, UNDO_RESERVE_MS } from '../../lambda/shared/deadline';
import { KVS_IMAGE_GENERATION_RESOURCE_TYPE } from '../../src/kvs/image-generation.contract';

const CREATE_FAILED_MARKER = 'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED';
const UPDATE = 'UpdateImageGenerationConfiguration';
const DESCRIBE = 'DescribeImageGenerationConfiguration';
const FRONT = KVS_STREAMS.frontDoor;
const BACK = KVS_STREAMS.backDoor;

/** What the `initial` variant must send, written out: the template, stringified by CloudFormation, must come back to exactly this. */
const INITIAL_CONFIG = {
  Status: 'ENABLED',
  ImageSelectorType: 'SERVER_TIMESTAMP',
  DestinationConfig: { Uri: 's3://harness-images-bucket/front-door/', DestinationRegion: 'us-east-1' },
  SamplingInterval: 2000,
  Format: 'JPEG',
  FormatConfig: { JPEGQuality: '85' },
  WidthPixels: 1280,
};
const UPDATED_CONFIG = {
  Status: 'DISABLED',
  ImageSelectorType: 'PRODUCER_TIMESTAMP',
  DestinationConfig: { Uri: 's3://harness-images-bucket/front-door/', DestinationRegion: 'us-east-1' },
  SamplingInterval: 5000,
  Format: 'PNG',
  HeightPixels: 720,
};
const MOVED_CONFIG = {
  Status: 'ENABLED',
  ImageSelectorType: 'SERVER_TIMESTAMP',
  DestinationConfig: { Uri: 's3://harness-images-bucket/back-door/', DestinationRegion: 'us-east-1' },
  SamplingInterval: 3000,
  Format: 'JPEG',
};
/** The Update inputs of each variant, and of a delete. */
const INITIAL_INPUT = { StreamARN: FRONT.arn, ImageGenerationConfiguration: INITIAL_CONFIG };
const UPDATED_INPUT = { StreamARN: FRONT.arn, ImageGenerationConfiguration: UPDATED_CONFIG };
const MOVED_INPUT = { StreamARN: BACK.arn, ImageGenerationConfiguration: MOVED_CONFIG };
const DESCRIBE_FRONT = { StreamARN: FRONT.arn };
const INITIAL_DATA = {
  StreamName: 'front-door',
  Status: 'ENABLED',
  DestinationUri: 's3://harness-images-bucket/front-door/',
  Format: 'JPEG',
  SamplingInterval: '2000',
  State: 'RUNNING',
};

const h = useHarness((harness) => {
  harness.fake.kvs.addStream(FRONT);
  harness.fake.kvs.addStream(BACK);
  harness.fake.kvs.addStream(KVS_STREAMS.sideDoor);
});

/** Creates the `initial` variant, checks it worked, and forgets the calls it made. */
async function created(): Promise<void> {
  expectSucceeded(await h.invoke(h.event('Create', 'kvs.initial', { logicalId: 'Thumbnails' })), 'front-door');
  h.fake.calls.length = 0;
}

describe('lifecycle', () => {
  test('create: the configuration as the API takes it, confirmed by Describe; the stream name is the physical ID', async () => {
    const create = await h.invoke(h.event('Create', 'kvs.initial', { logicalId: 'Thumbnails' }));

    expectSucceeded(create, 'front-door', INITIAL_DATA);
    expect(h.fake.callsOf().map((c) => [c.operation, c.input])).toEqual([
      // What the stream has before the write (this resource's own, or nothing).
      [DESCRIBE, DESCRIBE_FRONT],
      [UPDATE, INITIAL_INPUT],
      [DESCRIBE, DESCRIBE_FRONT],
    ]);
    expect(h.fake.kvs.stream('front-door').config).toEqual(INITIAL_CONFIG);
  });

  test('create on a stream known by name only sends the name', async () => {
    const create = await h.invoke(h.event('Create', 'kvs.byName'));

    expectSucceeded(create, 'side-door', { StreamName: 'side-door', Status: 'ENABLED', DestinationUri: 's3://existing-bucket/side-door', Format: 'JPEG', SamplingInterval: '3000', State: 'RUNNING' });
    expect(h.fake.inputsOf(UPDATE)).toEqual([{
      StreamName: 'side-door',
      ImageGenerationConfiguration: { ...MOVED_CONFIG, DestinationConfig: { Uri: 's3://existing-bucket/side-door', DestinationRegion: 'us-east-1' } },
    }]);
  });

  test('create right after the stream was created: ResourceInUseException is waited out', async () => {
    h.fake.kvs.stream('front-door').creatingCalls = 1;
    const create = await h.invoke(h.event('Create', 'kvs.initial'));

    expectSucceeded(create, 'front-door', INITIAL_DATA);
    expect(h.fake.callsOf(UPDATE).map((c) => [c.status, c.error?.name])).toEqual([[400, 'ResourceInUseException'], [200, undefined]]);
    expect(new Set(h.fake.inputsOf(UPDATE).map((i) => JSON.stringify(i))).size).toBe(1);
  });

  test('update in place: the new configuration on the same stream, the same physical ID', async () => {
    await created();
    const update = await h.invoke(h.event('Update', 'kvs.updated', { old: 'kvs.initial', physicalId: 'front-door', logicalId: 'Thumbnails' }));

    expectSucceeded(update, 'front-door', { StreamName: 'front-door', Status: 'DISABLED', DestinationUri: 's3://harness-images-bucket/front-door/', Format: 'PNG', SamplingInterval: '5000', State: 'RUNNING' });
    expect(h.fake.callsOf().map((c) => [c.operation, c.input])).toEqual([
      // What the stream has before the write (this resource's own, or nothing).
      [DESCRIBE, DESCRIBE_FRONT],
      [UPDATE, UPDATED_INPUT],
      [DESCRIBE, DESCRIBE_FRONT],
    ]);
    expect(h.fake.kvs.stream('front-door').config).toEqual(UPDATED_CONFIG);
  });

  test('replacement: another stream is a new physical ID; the Delete of the old ID removes the old stream\'s configuration', async () => {
    await created();
    const update = await h.invoke(h.event('Update', 'kvs.moved', { old: 'kvs.initial', physicalId: 'front-door', logicalId: 'Thumbnails' }));
    expectSucceeded(update, 'back-door');
    expect(h.fake.inputsOf(UPDATE)).toEqual([MOVED_INPUT]);
    // The old stream is untouched until CloudFormation deletes the old resource.
    expect(h.fake.kvs.stream('front-door').config).toEqual(INITIAL_CONFIG);

    h.fake.calls.length = 0;
    const deleteOld = await h.invoke(h.event('Delete', 'kvs.initial', { physicalId: 'front-door', logicalId: 'Thumbnails' }));
    expectSucceeded(deleteOld, 'front-door', NO_DATA);
    expect(h.fake.callsOf().map((c) => [c.operation, c.input])).toEqual([[UPDATE, { StreamARN: FRONT.arn }]]);
    expect(h.fake.kvs.stream('front-door').config).toBeUndefined();
    expect(h.fake.kvs.stream('back-door').config).toEqual(MOVED_CONFIG);
  });

  test('rollback of a replacement: the swapped Update moves back, then the Delete of the new ID cleans up', async () => {
    await created();
    expectSucceeded(await h.invoke(h.event('Update', 'kvs.moved', { old: 'kvs.initial', physicalId: 'front-door' })), 'back-door');
    h.fake.calls.length = 0;

    // Another resource failed: CloudFormation rolls back with old and new swapped.
    const rollback = await h.invoke(h.event('Update', 'kvs.initial', { old: 'kvs.moved', physicalId: 'back-door' }));
    expectSucceeded(rollback, 'front-door', INITIAL_DATA);
    const cleanup = await h.invoke(h.event('Delete', 'kvs.moved', { physicalId: 'back-door' }));
    expectSucceeded(cleanup, 'back-door', NO_DATA);

    expect(h.fake.callsOf().map((c) => [c.operation, c.input])).toEqual([
      // What the stream has before the write (this resource's own, or nothing).
      [DESCRIBE, DESCRIBE_FRONT],
      [UPDATE, INITIAL_INPUT],
      [DESCRIBE, DESCRIBE_FRONT],
      [UPDATE, { StreamARN: BACK.arn }],
    ]);
    expect(h.fake.kvs.stream('front-door').config).toEqual(INITIAL_CONFIG);
    expect(h.fake.kvs.stream('back-door').config).toBeUndefined();
  });

  test('rollback of a failed in-place update restores the old configuration', async () => {
    await created();
    h.fake.injectFault(UPDATE, { errorName: 'InvalidArgumentException', message: 'rejected by the test' });
    const failed = await h.invoke(h.event('Update', 'kvs.updated', { old: 'kvs.initial', physicalId: 'front-door' }));
    expectFailed(failed, 'front-door', /InvalidArgumentException: rejected by the test/);

    const rollback = await h.invoke(h.event('Update', 'kvs.initial', { old: 'kvs.updated', physicalId: 'front-door' }));
    expectSucceeded(rollback, 'front-door', INITIAL_DATA);
    expect(h.fake.inputsOf(UPDATE)).toEqual([UPDATED_INPUT, INITIAL_INPUT]);
    expect(h.fake.kvs.stream('front-door').config).toEqual(INITIAL_CONFIG);
  });

  test('delete: Update without a configuration removes it', async () => {
    await created();
    const del = await h.invoke(h.event('Delete', 'kvs.initial', { physicalId: 'front-door' }));

    expectSucceeded(del, 'front-door', NO_DATA);
    expect(h.fake.callsOf().map((c) => [c.operation, c.input])).toEqual([[UPDATE, { StreamARN: FRONT.arn }]]);
    expect(h.fake.kvs.stream('front-door').config).toBeUndefined();
  });

  test('delete after a failed create: the create answers the marker ID, whose Delete succeeds without calling the API', async () => {
    h.fake.kvs.stream('front-door').retentionHours = 0;
    const create = await h.invoke(h.event('Create', 'kvs.initial'));
    expectFailed(create, CREATE_FAILED_MARKER, /Stream front-door has no data retention, and image generation needs it: give the stream a data retention above 0 hours/);
    expect(h.fake.callsOf().map((c) => [c.operation, c.error?.name])).toEqual([[DESCRIBE, undefined], [UPDATE, 'NoDataRetentionException']]);

    h.fake.calls.length = 0;
    const del = await h.invoke(h.event('Delete', 'kvs.initial', { physicalId: CREATE_FAILED_MARKER }));
    expectSucceeded(del, CREATE_FAILED_MARKER, NO_DATA);
    expect(h.fake.calls).toEqual([]);
  });

  test('the same create delivered twice (same request, same warm container): the same result, one configuration', async () => {
    const container = await h.container();
    const event = h.event('Create', 'kvs.initial');
    const first = await h.invoke(event, { container });
    const second = await h.invoke(event, { container });
    await container.stop();

    expectSucceeded(first, 'front-door', INITIAL_DATA);
    expect(second.response).toEqual(first.response);
    expect(h.responses.responsesTo(event.RequestId)).toHaveLength(2);
    expect(h.fake.inputsOf(UPDATE)).toEqual([INITIAL_INPUT, INITIAL_INPUT]);
    expect(h.fake.kvs.stream('front-door').config).toEqual(INITIAL_CONFIG);
  });

  test('delete of a stream already gone succeeds', async () => {
    await created();
    h.fake.kvs.removeStream('front-door');
    const del = await h.invoke(h.event('Delete', 'kvs.initial', { physicalId: 'front-door' }));

    expectSucceeded(del, 'front-door', NO_DATA);
    expect(h.fake.callsOf().map((c) => [c.operation, c.input, c.error?.name])).toEqual([[UPDATE, { StreamARN: FRONT.arn }, 'ResourceNotFoundException']]);
    expect(del.logs).toContain('Stream front-door no longer exists: nothing to remove');
  });
});

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
    // It answered by its own deadline, leaving the margin for the response, far before Lambda's.
    expect(create.respondedAfterMs!).toBeLessThan(handlerBudgetMs + 1_000);
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
