/**
 * Objects that end on their own, under CloudFormation's real sequences, as
 * deployed: the bundled handler against the fake services. A pipeline ends,
 * a stage or a stream is deleted by someone else; the Update, its rollback
 * and the Deletes that follow all succeed, and no Start is sent twice to what
 * is gone. Also: settings only the handler reads change nothing live, and a
 * stream's configuration written by someone else is not taken over.
 */
import { stringifyScalars } from '../../helpers/cfn';
import { CREATE_FAILED_MARKER, expectFailed, expectSucceeded } from '../runtime/expectations';
import type { Invocation } from '../runtime/lambda-runner';
import { CHIME_FIXTURES, IVS_RESOURCES, KVS_STREAMS, registerIvsResources, useHarness } from '../runtime/parts';

const h = useHarness((harness) => {
  registerIvsResources(harness);
  harness.fake.ivs.options = { ...harness.fake.ivs.options, starting: { gets: 0 }, stopping: { gets: 0 } };
  harness.fake.chime.addPipeline({ id: CHIME_FIXTURES.pipelineId, speakerSearch: false });
  harness.fake.chime.options = { starting: { gets: 0 }, stopping: { gets: 0 } };
  harness.fake.kvs.addStream({ name: 'front-door', arn: KVS_STREAMS.frontDoor.arn });
  harness.fake.kvs.addStream({ name: 'back-door', arn: KVS_STREAMS.backDoor.arn });
});

const physicalIdOf = (invocation: Invocation) => invocation.response!.PhysicalResourceId;
const operations = () => h.fake.callsOf().map((c) => c.operation);

/** Creates a variant as `logicalId`; returns its physical ID, with the fake's calls forgotten. */
async function created(key: string, logicalId: string): Promise<string> {
  const create = await h.invoke(h.event('Create', key, { logicalId }));
  expect(create.response?.Status).toBe('SUCCESS');
  h.fake.calls.length = 0;
  return physicalIdOf(create);
}

/** An Update whose OldResourceProperties are given outright (a rollback of an Update that failed). */
function updateFrom(key: string, old: object, options: { logicalId: string; physicalId: string }) {
  return { ...h.event('Update', key, options), OldResourceProperties: stringifyScalars(old) } as any;
}

describe('VoiceAnalyticsTask', () => {
  const START = 'StartVoiceToneAnalysisTask';
  const id = { logicalId: 'Sentiment' };

  test('pipeline ended -> Update SUCCESS (ended) -> rollback SUCCESS -> Delete SUCCESS; one Start to the gone pipeline', async () => {
    const first = await created('chime.initial', 'Sentiment');
    h.fake.chime.endPipeline(CHIME_FIXTURES.pipelineId);

    const update = await h.invoke(h.event('Update', 'chime.updated', { ...id, old: 'chime.initial', physicalId: first }));
    const ended = `ended:${first}`;
    expectSucceeded(update, ended, { TaskId: first.split('|')[1], PipelineIdentifier: CHIME_FIXTURES.pipelineId, State: 'ENDED' });
    expectSucceeded(await h.invoke(h.event('Update', 'chime.initial', { ...id, old: 'chime.updated', physicalId: ended })), ended);
    expectSucceeded(await h.invoke(h.event('Delete', 'chime.initial', { ...id, physicalId: ended })), ended);
    expectSucceeded(await h.invoke(h.event('Delete', 'chime.initial', { ...id, physicalId: first })), first);
    expect(h.fake.callsOf(START)).toHaveLength(1);
  });

  test('Update to a pipeline that does not exist -> FAILED before anything is stopped -> rollback while the old pipeline has also ended -> SUCCESS', async () => {
    const first = await created('chime.initial', 'Sentiment');
    const initial = h.resource('chime.initial').properties as Record<string, unknown>;
    const mistaken = { ...initial, Identifier: '0f0e0d0c-0b0a-4909-8807-00000000dead' };

    const update = await h.invoke(h.event('Update', 'chime.initial', { ...id, old: 'chime.initial', physicalId: first, properties: mistaken }));
    expectFailed(update, first, new RegExp('^Pipeline 0f0e0d0c-0b0a-4909-8807-00000000dead does not exist in this account and Region ' +
      `\\(NotFoundException: .*\\); task ${first.replace('|', '\\|')} was left running and nothing was started$`));
    // Read first: the running task was not stopped.
    expect(operations()).toEqual(['GetMediaPipeline', 'GetMediaPipeline']);
    expect(h.fake.chime.task(first.split('|')[1]).status).toBe('InProgress');
    h.fake.chime.endPipeline(CHIME_FIXTURES.pipelineId);

    const rollback = await h.invoke(updateFrom('chime.initial', mistaken, { ...id, physicalId: first }));
    expectSucceeded(rollback, `ended:${first}`);
    expect(rollback.response!.Data?.State).toBe('ENDED');
    expect(h.fake.callsOf(START).map((c) => c.input.Identifier)).toEqual([CHIME_FIXTURES.pipelineId]);
  });

  test('an Update of settings only the handler reads (startTimeout, ServiceTimeout) keeps the running task', async () => {
    const first = await created('chime.initial', 'Sentiment');
    const initial = h.resource('chime.initial').properties as Record<string, unknown>;
    const update = await h.invoke(h.event('Update', 'chime.initial', {
      ...id, old: 'chime.initial', physicalId: first, properties: { ...initial, StartTimeoutSeconds: 300, WaitForInProgress: false, ServiceTimeout: 600 },
    }));
    expectSucceeded(update, first);
    expect(h.fake.calls).toEqual([]);
    expect(h.fake.chime.task(first.split('|')[1]).status).toBe('InProgress');
  });
});

describe('IvsComposition', () => {
  const START = 'StartComposition';
  const id = { logicalId: 'Studio' };

  test('stage deleted -> layout Update SUCCESS (ended) -> rollback SUCCESS -> Delete of both IDs SUCCESS; one Start', async () => {
    const first = await created('ivs.initial', 'Studio');
    h.fake.ivs.deleteStage(IVS_RESOURCES.stage);

    const ended = `ended:${first}`;
    const update = await h.invoke(h.event('Update', 'ivs.updated', { ...id, old: 'ivs.initial', physicalId: first }));
    expectSucceeded(update, ended, { CompositionArn: first, ChannelDestinationId: '', S3DestinationId: '', S3RecordingPrefix: '', State: 'ENDED' });
    expectSucceeded(await h.invoke(h.event('Update', 'ivs.initial', { ...id, old: 'ivs.updated', physicalId: ended })), ended);
    expectSucceeded(await h.invoke(h.event('Delete', 'ivs.initial', { ...id, physicalId: ended })), ended);
    expectSucceeded(await h.invoke(h.event('Delete', 'ivs.initial', { ...id, physicalId: first })), first);
    expect(h.fake.callsOf(START)).toHaveLength(1);
  });

  test('moved to another stage, a later resource fails, the original stage deleted meanwhile: rollback SUCCESS (ended), cleanup stops the new composition, nothing left', async () => {
    const first = await created('ivs.initial', 'Studio');
    const moved = await h.invoke(h.event('Update', 'ivs.channelOnly', { ...id, old: 'ivs.initial', physicalId: first }));
    const second = physicalIdOf(moved);
    expect(h.fake.ivs.composition(second).stageArn).toBe(IVS_RESOURCES.otherStage);
    h.fake.ivs.deleteStage(IVS_RESOURCES.stage);

    const rollback = await h.invoke(h.event('Update', 'ivs.initial', { ...id, old: 'ivs.channelOnly', physicalId: second }));
    expectSucceeded(rollback, `ended:${second}`, { CompositionArn: second, ChannelDestinationId: '', S3DestinationId: '', S3RecordingPrefix: '', State: 'ENDED' });
    // The rollback cleanup: the physical ID the rollback no longer answers.
    expectSucceeded(await h.invoke(h.event('Delete', 'ivs.channelOnly', { ...id, physicalId: second })), second);
    expect(h.fake.ivs.active()).toEqual([]);
    // The stack's later delete.
    expectSucceeded(await h.invoke(h.event('Delete', 'ivs.initial', { ...id, physicalId: `ended:${second}` })), `ended:${second}`);
    // The move's Start only: the rollback started nothing.
    expect(h.fake.callsOf(START)).toHaveLength(1);
  });

  test('an Update of startTimeout and ServiceTimeout only keeps the live composition: no Stop, no Start', async () => {
    const first = await created('ivs.initial', 'Studio');
    const initial = h.resource('ivs.initial').properties as Record<string, unknown>;
    const update = await h.invoke(h.event('Update', 'ivs.initial', {
      ...id, old: 'ivs.initial', physicalId: first, properties: { ...initial, StartTimeoutSeconds: 240, ServiceTimeout: 600 },
    }));
    expectSucceeded(update, first);
    expect(update.response!.Data?.State).toBe('RUNNING');
    expect(operations()).toEqual(['GetComposition']);
    expect(h.fake.ivs.composition(first).state).toBe('ACTIVE');
  });
});

describe('KvsImageGeneration', () => {
  const id = { logicalId: 'Thumbnails' };
  const FOREIGN = {
    Status: 'ENABLED',
    ImageSelectorType: 'SERVER_TIMESTAMP',
    DestinationConfig: { Uri: 's3://someone-elses-bucket/', DestinationRegion: 'us-east-1' },
    SamplingInterval: 1000,
    Format: 'PNG',
  };

  test('a stream with someone else\'s configuration: Create FAILED saying so, the configuration untouched', async () => {
    h.fake.kvs.stream('front-door').config = FOREIGN;
    const create = await h.invoke(h.event('Create', 'kvs.initial', id));
    expectFailed(create, CREATE_FAILED_MARKER,
      /^Stream front-door already has an image generation configuration that this resource did not write .*set overwriteExisting/);
    expect(operations()).toEqual(['DescribeImageGenerationConfiguration']);
    expect(h.fake.kvs.stream('front-door').config).toEqual(FOREIGN);
  });

  test('with OverwriteExisting it is taken over, and the Delete removes it', async () => {
    h.fake.kvs.stream('front-door').config = FOREIGN;
    const properties = { ...h.resource('kvs.initial').properties as Record<string, unknown>, OverwriteExisting: true };
    const create = await h.invoke(h.event('Create', 'kvs.initial', { ...id, properties }));
    expectSucceeded(create, 'front-door');
    expect(h.fake.kvs.stream('front-door').config?.SamplingInterval).toBe(2000);
    expectSucceeded(await h.invoke(h.event('Delete', 'kvs.initial', { ...id, physicalId: 'front-door', properties })), 'front-door');
    expect(h.fake.kvs.stream('front-door').config).toBeUndefined();
  });

  test('stream deleted -> Update SUCCESS (ended) -> rollback SUCCESS -> Delete SUCCESS, nothing written', async () => {
    const first = await created('kvs.initial', 'Thumbnails');
    h.fake.kvs.removeStream('front-door');
    const update = await h.invoke(h.event('Update', 'kvs.updated', { ...id, old: 'kvs.initial', physicalId: first }));
    expectSucceeded(update, 'ended:front-door');
    expect(update.response!.Data?.State).toBe('ENDED');
    expectSucceeded(await h.invoke(h.event('Update', 'kvs.initial', { ...id, old: 'kvs.updated', physicalId: 'ended:front-door' })), 'ended:front-door');
    expectSucceeded(await h.invoke(h.event('Delete', 'kvs.initial', { ...id, physicalId: 'ended:front-door' })), 'ended:front-door');
    expect(h.fake.callsOf('UpdateImageGenerationConfiguration')).toHaveLength(0);
  });
});
