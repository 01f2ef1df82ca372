/**
 * KvsImageGeneration's lifecycle as deployed: the bundled handler asset from
 * the cloud assembly, run like Lambda runs it, fed the template's
 * properties as CloudFormation sends them, talking to the fake Kinesis Video
 * Streams API over HTTP with the real SDK client. Every case checks what
 * the service received and what CloudFormation received. Its faults:
 * kvs-image-generation.faults.harness.test.ts.
 */
import { BACK, DESCRIBE, FRONT, INITIAL_CONFIG, INITIAL_DATA, INITIAL_INPUT, UPDATE, useImageGenerationHarness } from './kvs-image-generation.fixtures';
import { CREATE_FAILED_MARKER, NO_DATA, expectFailed, expectSucceeded } from '../runtime/expectations';

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
/** The Update inputs of the other variants, and the Describe input of the front door. */
const UPDATED_INPUT = { StreamARN: FRONT.arn, ImageGenerationConfiguration: UPDATED_CONFIG };
const MOVED_INPUT = { StreamARN: BACK.arn, ImageGenerationConfiguration: MOVED_CONFIG };
const DESCRIBE_FRONT = { StreamARN: FRONT.arn };

const h = useImageGenerationHarness();

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
    const event = h.event('Create', 'kvs.initial');
    const [first, second] = await h.invokeTwice(event);

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
