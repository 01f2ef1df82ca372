/**
 * KvsNotificationConfiguration's lifecycle as deployed: the bundled handler
 * run like Lambda runs it, fed the template's properties as CloudFormation
 * sends them, against the fake Kinesis Video Streams API. Every case checks
 * what the service received and what CloudFormation received.
 */
import { KVS_NOTIFICATION_RESOURCE_TYPE } from '../../../src/kvs/notification.contract';
import { CREATE_FAILED_MARKER, NO_DATA, expectFailed, expectSucceeded } from '../runtime/expectations';
import { useHarness } from '../runtime/parts';
import { NOTIFICATION_FIXTURES } from '../runtime/parts-kvs-notification';

const UPDATE = 'UpdateNotificationConfiguration';
const DESCRIBE = 'DescribeNotificationConfiguration';
const PORCH = NOTIFICATION_FIXTURES.porch;
const MOTION = NOTIFICATION_FIXTURES.motionTopic;

const INITIAL_CONFIG = { Status: 'ENABLED', DestinationConfig: { Uri: MOTION } };
const DISABLED_CONFIG = { Status: 'DISABLED', DestinationConfig: { Uri: MOTION } };
const FOREIGN_CONFIG = { Status: 'ENABLED', DestinationConfig: { Uri: NOTIFICATION_FIXTURES.alarmsTopic } };
const BY_PORCH = { StreamARN: PORCH.arn };
const BY_GARAGE = { StreamName: 'garage' };
const INITIAL_DATA = { StreamName: 'porch', Status: 'ENABLED', DestinationUri: MOTION };

const h = useHarness((harness) => {
  harness.fake.kvs.addStream(PORCH);
  harness.fake.kvs.addStream(NOTIFICATION_FIXTURES.garage);
});

const porch = () => h.fake.kvs.stream('porch');
const garage = () => h.fake.kvs.stream('garage');

/** Creates the `initial` variant, checks it worked, and forgets the calls it made. */
async function created(): Promise<void> {
  expectSucceeded(await h.invoke(h.event('Create', 'kvsn.initial', { logicalId: 'Motion' })), 'porch');
  h.fake.calls.length = 0;
}

const sent = () => h.fake.callsOf().map((c) => [c.operation, c.input]);

describe('lifecycle', () => {
  test('create: read, write, confirm; the stream name is the physical ID', async () => {
    const create = await h.invoke(h.event('Create', 'kvsn.initial', { logicalId: 'Motion' }));

    expectSucceeded(create, 'porch', INITIAL_DATA);
    expect(sent()).toEqual([
      [DESCRIBE, BY_PORCH],
      [UPDATE, { ...BY_PORCH, NotificationConfiguration: INITIAL_CONFIG }],
      [DESCRIBE, BY_PORCH],
    ]);
    expect(porch().notification).toEqual(INITIAL_CONFIG);
    expect(h.resource('kvsn.initial').type).toBe(KVS_NOTIFICATION_RESOURCE_TYPE);
  });

  test('update in place: disabled on the same stream, the same physical ID', async () => {
    await created();
    const update = await h.invoke(h.event('Update', 'kvsn.disabled', { old: 'kvsn.initial', physicalId: 'porch', logicalId: 'Motion' }));

    expectSucceeded(update, 'porch', { ...INITIAL_DATA, Status: 'DISABLED' });
    expect(sent()).toEqual([
      [DESCRIBE, BY_PORCH],
      [UPDATE, { ...BY_PORCH, NotificationConfiguration: DISABLED_CONFIG }],
      [DESCRIBE, BY_PORCH],
    ]);
    expect(porch().notification).toEqual(DISABLED_CONFIG);
  });

  test('a handler-only setting (overwriteExisting) changes in place: same physical ID, same configuration', async () => {
    await created();
    const update = await h.invoke(h.event('Update', 'kvsn.overwriting', { old: 'kvsn.initial', physicalId: 'porch' }));

    expectSucceeded(update, 'porch', INITIAL_DATA);
    expect(porch().notification).toEqual(INITIAL_CONFIG);
  });

  test('replacement: another stream is a new physical ID; the Delete of the old ID removes the old stream\'s configuration', async () => {
    await created();
    const update = await h.invoke(h.event('Update', 'kvsn.moved', { old: 'kvsn.initial', physicalId: 'porch' }));
    expectSucceeded(update, 'garage', { StreamName: 'garage', Status: 'ENABLED', DestinationUri: MOTION });
    expect(sent()).toEqual([[DESCRIBE, BY_GARAGE], [UPDATE, { ...BY_GARAGE, NotificationConfiguration: INITIAL_CONFIG }], [DESCRIBE, BY_GARAGE]]);
    expect(porch().notification).toEqual(INITIAL_CONFIG);
    expect(garage().notification).toEqual(INITIAL_CONFIG);

    h.fake.calls.length = 0;
    const deleteOld = await h.invoke(h.event('Delete', 'kvsn.initial', { physicalId: 'porch' }));
    expectSucceeded(deleteOld, 'porch', NO_DATA);
    expect(sent()).toEqual([[DESCRIBE, BY_PORCH], [UPDATE, BY_PORCH]]);
    expect(porch().notification).toBeUndefined();
    expect(garage().notification).toEqual(INITIAL_CONFIG);
  });

  test('rollback of a replacement: back to the old stream, which still holds this resource\'s configuration (not a take-over); then the new ID is deleted', async () => {
    await created();
    expectSucceeded(await h.invoke(h.event('Update', 'kvsn.moved', { old: 'kvsn.initial', physicalId: 'porch' })), 'garage');
    h.fake.calls.length = 0;

    const rollback = await h.invoke(h.event('Update', 'kvsn.initial', { old: 'kvsn.moved', physicalId: 'garage' }));
    expectSucceeded(rollback, 'porch', INITIAL_DATA);
    const cleanup = await h.invoke(h.event('Delete', 'kvsn.moved', { physicalId: 'garage' }));
    expectSucceeded(cleanup, 'garage', NO_DATA);

    expect(porch().notification).toEqual(INITIAL_CONFIG);
    expect(garage().notification).toBeUndefined();
  });

  test('rollback of a failed in-place update restores the old configuration', async () => {
    await created();
    h.fake.injectFault(UPDATE, { errorName: 'InvalidArgumentException', message: 'rejected by the test' });
    const failed = await h.invoke(h.event('Update', 'kvsn.disabled', { old: 'kvsn.initial', physicalId: 'porch' }));
    expectFailed(failed, 'porch', /InvalidArgumentException: rejected by the test/);
    expect(porch().notification).toEqual(INITIAL_CONFIG);

    const rollback = await h.invoke(h.event('Update', 'kvsn.initial', { old: 'kvsn.disabled', physicalId: 'porch' }));
    expectSucceeded(rollback, 'porch', INITIAL_DATA);
    expect(porch().notification).toEqual(INITIAL_CONFIG);
  });

  test('delete: Update without a configuration removes it', async () => {
    await created();
    const del = await h.invoke(h.event('Delete', 'kvsn.initial', { physicalId: 'porch' }));

    expectSucceeded(del, 'porch', NO_DATA);
    expect(sent()).toEqual([[DESCRIBE, BY_PORCH], [UPDATE, BY_PORCH]]);
    expect(porch().notification).toBeUndefined();
  });

  test('delete of a stream already gone succeeds', async () => {
    await created();
    h.fake.kvs.removeStream('porch');
    const del = await h.invoke(h.event('Delete', 'kvsn.initial', { physicalId: 'porch' }));

    expectSucceeded(del, 'porch', NO_DATA);
    expect(h.fake.callsOf().map((c) => [c.operation, c.error?.name])).toEqual([[DESCRIBE, 'ResourceNotFoundException']]);
    expect(del.logs).toContain('Stream porch no longer exists: nothing to remove');
  });

  test('failed create leaves nothing: Describe never confirming removes the write before FAILED; the Delete never calls the API',
    async () => {
      porch().notificationLag = Infinity;
      const create = await h.invoke(h.event('Create', 'kvsn.initial'));

      expectFailed(create, CREATE_FAILED_MARKER, /DescribeNotificationConfiguration reports no configuration instead of Status ENABLED.*; removed the configuration it wrote$/);
      expect(h.fake.inputsOf(UPDATE)).toEqual([{ ...BY_PORCH, NotificationConfiguration: INITIAL_CONFIG }, BY_PORCH]);
      expect(porch().notification).toBeUndefined();
      // It gave up on its confirmation early enough to undo and answer before its deadline.
      expect(create.respondedAfterMs!).toBeLessThan(20_000);

      h.fake.calls.length = 0;
      const del = await h.invoke(h.event('Delete', 'kvsn.initial', { physicalId: CREATE_FAILED_MARKER }));
      expectSucceeded(del, CREATE_FAILED_MARKER, NO_DATA);
      expect(h.fake.calls).toEqual([]);
    });

  test('the same create delivered twice (same request, same warm container): the same result, one configuration', async () => {
    const event = h.event('Create', 'kvsn.initial');
    const [first, second] = await h.invokeTwice(event);

    expectSucceeded(first, 'porch', INITIAL_DATA);
    expect(second.response).toEqual(first.response);
    const write = { ...BY_PORCH, NotificationConfiguration: INITIAL_CONFIG };
    expect(h.fake.inputsOf(UPDATE)).toEqual([write, write]);
    expect(porch().notification).toEqual(INITIAL_CONFIG);
  });

  test('take-over refused: a configuration another party wrote fails the create and is left unchanged', async () => {
    porch().notification = FOREIGN_CONFIG;
    const create = await h.invoke(h.event('Create', 'kvsn.initial'));

    expectFailed(create, CREATE_FAILED_MARKER,
      /^Stream porch already has a notification configuration \(Status ENABLED, topic arn:aws:sns:us-east-1:123456789012:alarms\) that this resource did not write/);
    expect(sent()).toEqual([[DESCRIBE, BY_PORCH]]);
    expect(porch().notification).toEqual(FOREIGN_CONFIG);
  });

  test('take-over with overwriteExisting: replaced, and the Delete removes it', async () => {
    porch().notification = FOREIGN_CONFIG;
    expectSucceeded(await h.invoke(h.event('Create', 'kvsn.overwriting')), 'porch', INITIAL_DATA);
    expect(porch().notification).toEqual(INITIAL_CONFIG);
    expectSucceeded(await h.invoke(h.event('Delete', 'kvsn.overwriting', { physicalId: 'porch' })), 'porch', NO_DATA);
    expect(porch().notification).toBeUndefined();
  });
});
