/**
 * IvsComposition's lifecycle as deployed: the bundled handler, fed the
 * template's properties as CloudFormation sends them, against the fake IVS
 * real-time API with the real SDK client. Every composition change is a
 * replacement (stop the old, start the new); the idempotency token comes from
 * the request, so a redelivered request never starts a second composition.
 */
import { DEADLINE_MARGIN_MS } from '../../../lambda/shared/deadline';
import { CREATE_FAILED_MARKER, NO_DATA, expectFailed, expectSucceeded, requestToken } from '../runtime/expectations';
import type { Invocation } from '../runtime/lambda-runner';
import { IVS_RESOURCES, registerIvsResources, useHarness } from '../runtime/parts';

const START = 'StartComposition';
const GET = 'GetComposition';
const STOP = 'StopComposition';

const DESTINATIONS = [
  { channel: { channelArn: IVS_RESOURCES.channel, encoderConfigurationArn: IVS_RESOURCES.encoder } },
  {
    s3: {
      storageConfigurationArn: IVS_RESOURCES.storage,
      encoderConfigurationArns: [IVS_RESOURCES.encoder],
      recordingConfiguration: { format: 'HLS' },
      thumbnailConfigurations: [{ targetIntervalSeconds: 30, storage: ['LATEST'] }],
    },
  },
];
/** What the `initial` and `updated` variants must send, written out (the token aside). */
const INITIAL_INPUT = { stageArn: IVS_RESOURCES.stage, layout: { grid: { featuredParticipantAttribute: 'host' } }, destinations: DESTINATIONS, tags: { project: 'studio' } };
const UPDATED_INPUT = { ...INITIAL_INPUT, layout: { pip: { pipParticipantAttribute: 'guest', pipPosition: 'TOP_RIGHT' } } };

const h = useHarness((harness) => {
  registerIvsResources(harness);
  // ACTIVE at the handler's first poll, STOPPED at the first read after a stop.
  harness.fake.ivs.options = { ...harness.fake.ivs.options, starting: { gets: 0 }, stopping: { gets: 0 } };
});

function dataOf(arn: string) {
  const c = h.fake.ivs.composition(arn);
  return {
    CompositionArn: arn,
    ChannelDestinationId: c.destinations[0].id,
    S3DestinationId: c.destinations[1].id,
    S3RecordingPrefix: c.destinations[1].detail!.s3.recordingPrefix,
    State: 'RUNNING',
  };
}

/** Creates the `initial` variant as `Studio`, checks it and forgets its calls; returns its ARN. */
async function created(): Promise<string> {
  const create = await h.invoke(h.event('Create', 'ivs.initial', { logicalId: 'Studio' }));
  const arn = create.response!.PhysicalResourceId;
  expectSucceeded(create, arn, dataOf(arn));
  h.fake.calls.length = 0;
  return arn;
}

/** The composition ARN the invocation answered, checked against the fake. */
function arnOf(invocation: Invocation): string {
  const arn = invocation.response!.PhysicalResourceId;
  expect(arn).toMatch(/^arn:aws:ivs:us-east-1:123456789012:composition\/[a-zA-Z0-9]+$/);
  return arn;
}

describe('lifecycle', () => {
  test('create: StartComposition with a request-derived token, polled until ACTIVE; the composition ARN is the physical ID', async () => {
    const event = h.event('Create', 'ivs.initial', { logicalId: 'Studio' });
    const create = await h.invoke(event);

    const arn = arnOf(create);
    expectSucceeded(create, arn, dataOf(arn));
    expect(h.fake.callsOf().map((c) => [c.operation, c.input])).toEqual([
      [START, { ...INITIAL_INPUT, idempotencyToken: requestToken(event) }],
      [GET, { arn }],
    ]);
    expect(h.fake.ivs.composition(arn).state).toBe('ACTIVE');
  });

  test('update: a replacement that stops the old composition before it starts the new one; the Delete of the old ARN then succeeds', async () => {
    const first = await created();
    const event = h.event('Update', 'ivs.updated', { logicalId: 'Studio', old: 'ivs.initial', physicalId: first });
    const update = await h.invoke(event);

    const second = arnOf(update);
    expect(second).not.toBe(first);
    expectSucceeded(update, second, dataOf(second));
    expect(h.fake.callsOf().map((c) => [c.operation, c.input])).toEqual([
      [STOP, { arn: first }],
      [GET, { arn: first }],
      [START, { ...UPDATED_INPUT, idempotencyToken: requestToken(event) }],
      [GET, { arn: second }],
    ]);
    expect(h.fake.ivs.active().map((c) => c.arn)).toEqual([second]);

    h.fake.calls.length = 0;
    const deleteOld = await h.invoke(h.event('Delete', 'ivs.initial', { logicalId: 'Studio', physicalId: first }));
    expectSucceeded(deleteOld, first, NO_DATA);
    expect(h.fake.callsOf(START)).toEqual([]);
    expect(h.fake.ivs.active().map((c) => c.arn)).toEqual([second]);
  });

  test('rollback: the swapped Update replaces the new composition by the old configuration; the Delete of the new ARN cleans up', async () => {
    const first = await created();
    const second = arnOf(await h.invoke(h.event('Update', 'ivs.updated', { logicalId: 'Studio', old: 'ivs.initial', physicalId: first })));
    h.fake.calls.length = 0;

    const event = h.event('Update', 'ivs.initial', { logicalId: 'Studio', old: 'ivs.updated', physicalId: second });
    const rollback = await h.invoke(event);
    const third = arnOf(rollback);
    expectSucceeded(rollback, third, dataOf(third));
    expectSucceeded(await h.invoke(h.event('Delete', 'ivs.updated', { logicalId: 'Studio', physicalId: second })), second, NO_DATA);

    expect(h.fake.inputsOf(START)).toEqual([{ ...INITIAL_INPUT, idempotencyToken: requestToken(event) }]);
    expect(h.fake.ivs.active().map((c) => [c.arn, c.layout])).toEqual([[third, INITIAL_INPUT.layout]]);
  });

  test('an update to a stage that does not exist fails before anything is stopped; the rollback keeps broadcasting on the old stage', async () => {
    const first = await created();
    const mistyped = 'arn:aws:ivs:us-east-1:123456789012:stage/M1styped5tag';
    const typo = { ...h.resource('ivs.initial').properties as Record<string, unknown>, stageArn: mistyped };
    const update = await h.invoke(h.event('Update', 'ivs.initial', { logicalId: 'Studio', physicalId: first, properties: typo, old: 'ivs.initial' }));

    expectFailed(update, first, new RegExp(`^Stage ${mistyped} does not exist in this account and Region \\(ResourceNotFoundException: .*\\); composition ${first} was left running`));
    // The running composition is read too: it did not replace one on that stage (a rollback to a deleted stage would have).
    expect(h.fake.callsOf().map((c) => [c.operation, c.input])).toEqual([['GetStage', { arn: mistyped }], [GET, { arn: first }]]);
    expect(h.fake.ivs.active().map((c) => [c.arn, c.state])).toEqual([[first, 'ACTIVE']]);

    // CloudFormation's rollback: the old properties back, the typo as the old ones.
    const rollback = await h.invoke({ ...h.event('Update', 'ivs.initial', { logicalId: 'Studio', physicalId: first }), OldResourceProperties: typo } as any);
    const restored = arnOf(rollback);
    expectSucceeded(rollback, restored, dataOf(restored));
    expect(h.fake.ivs.active().map((c) => c.stageArn)).toEqual([IVS_RESOURCES.stage]);
  });

  test('delete: StopComposition, confirmed by GetComposition', async () => {
    const arn = await created();
    const del = await h.invoke(h.event('Delete', 'ivs.initial', { logicalId: 'Studio', physicalId: arn }));

    expectSucceeded(del, arn, NO_DATA);
    expect(h.fake.callsOf().map((c) => [c.operation, c.input])).toEqual([[STOP, { arn }], [GET, { arn }]]);
    expect(h.fake.ivs.active()).toEqual([]);
  });

  test('delete after a failed create: FAILED with the service\'s message and the marker ID, whose Delete calls nothing', async () => {
    h.fake.ivs.resources.delete(IVS_RESOURCES.otherStage);
    const create = await h.invoke(h.event('Create', 'ivs.channelOnly'));
    expectFailed(create, CREATE_FAILED_MARKER,
      /^StartComposition on stage arn:aws:ivs:us-east-1:123456789012:stage\/Studio2 failed: ResourceNotFoundException: Resource not found: arn:aws:ivs:us-east-1:123456789012:stage\/Studio2 \(the stage, or a resource a destination names, does not exist in this account and Region\)$/);
    expect(h.fake.callsOf().map((c) => [c.operation, c.input.stageArn, c.input.destinations])).toEqual([
      [START, IVS_RESOURCES.otherStage, [{ channel: { channelArn: IVS_RESOURCES.channel } }]],
    ]);

    h.fake.calls.length = 0;
    expectSucceeded(await h.invoke(h.event('Delete', 'ivs.channelOnly', { physicalId: CREATE_FAILED_MARKER })), CREATE_FAILED_MARKER, NO_DATA);
    expect(h.fake.calls).toEqual([]);
  });

  test('the same create delivered twice (same request, warm container): the same token, one composition', async () => {
    const event = h.event('Create', 'ivs.initial', { logicalId: 'Studio' });
    const [first, second] = await h.invokeTwice(event);

    const arn = arnOf(first);
    expectSucceeded(second, arn, dataOf(arn));
    expect(h.fake.inputsOf(START)).toEqual([
      { ...INITIAL_INPUT, idempotencyToken: requestToken(event) },
      { ...INITIAL_INPUT, idempotencyToken: requestToken(event) },
    ]);
    expect(h.fake.ivs.compositions.size).toBe(1);
  });

  test('delete of a composition already gone (it ended by itself) succeeds', async () => {
    const arn = await created();
    h.fake.ivs.compositions.delete(arn);
    const del = await h.invoke(h.event('Delete', 'ivs.initial', { logicalId: 'Studio', physicalId: arn }));

    expectSucceeded(del, arn, NO_DATA);
    expect(h.fake.callsOf().map((c) => [c.operation, c.input, c.error?.name])).toEqual([[STOP, { arn }, 'ResourceNotFoundException']]);
    expect(del.logs).toContain(`Composition ${arn} no longer exists: nothing to stop`);
  });
});

describe('faults', () => {
  test('throttling then success: a 429 (IVS models no throttling error) is retried by the SDK with the same token', async () => {
    h.fake.injectFault(START, 'throttling');
    const event = h.event('Create', 'ivs.initial');
    const create = await h.invoke(event);

    const arn = arnOf(create);
    expectSucceeded(create, arn, dataOf(arn));
    const starts = h.fake.callsOf(START);
    expect(starts.map((c) => [c.status, c.error?.name, c.attempt])).toEqual([[429, 'ThrottlingException', 1], [200, undefined, 2]]);
    expect(starts.map((c) => c.input)).toEqual(Array(2).fill({ ...INITIAL_INPUT, idempotencyToken: requestToken(event) }));
    expect(h.fake.ivs.compositions.size).toBe(1);
  });

  test('a 5xx then success: InternalServerException retried by the SDK', async () => {
    h.fake.injectFault(GET, 'server-error');
    const create = await h.invoke(h.event('Create', 'ivs.initial'));

    const arn = arnOf(create);
    expectSucceeded(create, arn, dataOf(arn));
    expect(h.fake.callsOf(GET).map((c) => [c.status, c.error?.name, c.attempt, c.input])).toEqual([
      [500, 'InternalServerException', 1, { arn }],
      [200, undefined, 2, { arn }],
    ]);
  });

  test('a lasting denial: FAILED with the service\'s message (carried in exceptionMessage), after the 4 retries that let a new grant apply (15 s)', async () => {
    h.fake.injectFault(START, 'access-denied', Infinity);
    const create = await h.invoke(h.event('Create', 'ivs.initial'));

    expectFailed(create, CREATE_FAILED_MARKER, new RegExp(
      '^StartComposition on stage arn:aws:ivs:us-east-1:123456789012:stage/Studio1 failed: AccessDeniedException: User: .* ' +
      'is not authorized to perform: ivs:StartComposition on resource: arn:aws:ivs:us-east-1:123456789012:stage/Studio1 '));
    expect(h.fake.callsOf().map((c) => [c.operation, c.status])).toEqual(Array(5).fill([START, 403]));
  });

  test('malformed properties: FAILED naming the property, no call made', async () => {
    const properties = { ...h.resource('ivs.initial').properties, StartTimeoutSeconds: 'soon' };
    const create = await h.invoke(h.event('Create', 'ivs.initial', { properties }));

    expectFailed(create, CREATE_FAILED_MARKER, /^Property StartTimeoutSeconds must be an integer, got "soon"$/);
    expect(h.fake.calls).toEqual([]);
  });

  test('the Lambda deadline approaching while the composition stays STARTING: FAILED before the deadline, the composition stopped', async () => {
    h.fake.ivs.options = { ...h.fake.ivs.options, starting: { gets: 1_000 } };
    // The handler keeps 20 s to stop a composition that did not come up; 2.5 s of waiting are left.
    const handlerBudgetMs = 2_500;
    const timeoutMs = DEADLINE_MARGIN_MS + 20_000 + handlerBudgetMs;
    const create = await h.invoke(h.event('Create', 'ivs.initial'), { timeoutMs });

    expectFailed(create, CREATE_FAILED_MARKER,
      /^Composition arn:\S+ did not become ACTIVE within the time the handler has left: it is still STARTING \(.*\)\. The composition was stopped$/);
    expect(create.respondedAfterMs!).toBeLessThan(handlerBudgetMs + 1_000);
    const [composition] = h.fake.ivs.compositions.values();
    expect(composition.state).toBe('STOPPING');
    // Polls after 0.5 s and 1 s; the next one (1.5 s later) would pass the deadline.
    expect(h.fake.callsOf().map((c) => c.operation)).toEqual([START, GET, GET, STOP]);
  });
});
