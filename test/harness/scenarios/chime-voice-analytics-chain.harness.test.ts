/**
 * The voice analytics chain as deployed: the bundled handler, fed the
 * template's properties as CloudFormation sends them, against the fake Chime
 * SDK media pipelines and voice APIs with the real SDK clients.
 */
import { OWNER_TAG_KEY } from '../../../src/chime/pipeline-configuration.contract';
import { CREATE_FAILED_MARKER, expectFailed, requestToken } from '../runtime/expectations';
import { useHarness } from '../runtime/parts';
import { CHAIN_FIXTURES } from '../runtime/parts-chime-chain';

const h = useHarness(() => undefined);

async function createdConfiguration(): Promise<string> {
  const invocation = await h.invoke(h.event('Create', 'chain.configuration', { logicalId: 'Configuration' }));
  expect(invocation.response?.Status).toBe('SUCCESS');
  return invocation.response!.PhysicalResourceId;
}

describe('configuration', () => {
  test('create, in-place update (same physical ID, the whole element list again), delete', async () => {
    const arn = await createdConfiguration();
    expect(arn).toBe(CHAIN_FIXTURES.configurationArn);
    const update = await h.invoke(h.event('Update', 'chain.configurationWithQueue', { logicalId: 'Configuration', old: 'chain.configuration', physicalId: arn }));
    expect(update.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arn });
    expect(h.fake.callsOf('UpdateMediaInsightsPipelineConfiguration').map((c) => c.input.Elements.map((e: any) => e.Type)))
      .toEqual([['VoiceAnalyticsProcessor', 'SnsTopicSink', 'SqsQueueSink']]);
    const remove = await h.invoke(h.event('Delete', 'chain.configurationWithQueue', { logicalId: 'Configuration', physicalId: arn }));
    expect(remove.response?.Status).toBe('SUCCESS');
    expect(h.fake.chime.insights.configurations.size).toBe(0);
    // Delete when gone: success.
    const again = await h.invoke(h.event('Delete', 'chain.configurationWithQueue', { logicalId: 'Configuration', physicalId: arn }));
    expect(again.response?.Status).toBe('SUCCESS');
  });
});

describe('configuration tags', () => {
  /** The user tags; the owner tag is checked to be there and is left out. */
  const tagsOf = () => {
    const { [OWNER_TAG_KEY]: owner, ...user } = Object.fromEntries(h.fake.chime.insights.configurations.values().next().value!.tags);
    expect(owner).toBe('arn:aws:cloudformation:us-east-1:123456789012:stack/TestStack/11111111-2222-3333-4444-555555555555/Configuration');
    return user;
  };

  test('created with its tags; a tags-only update changes them in place (same physical ID); its rollback restores them', async () => {
    const create = await h.invoke(h.event('Create', 'chain.configurationTagged', { logicalId: 'Configuration' }));
    const arn = create.response!.PhysicalResourceId;
    expect(tagsOf()).toEqual({ team: 'support', cost: 'calls', env: 'prod' });

    const update = await h.invoke(h.event('Update', 'chain.configurationRetagged', { logicalId: 'Configuration', old: 'chain.configurationTagged', physicalId: arn }));
    expect(update.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arn });
    expect(tagsOf()).toEqual({ team: 'support', cost: 'voice', owner: 'ops' });
    expect(h.fake.callsOf('UntagResource').map((c) => c.input)).toEqual([{ ResourceARN: arn, TagKeys: ['env'] }]);
    expect(h.fake.callsOf('TagResource').map((c) => c.input)).toEqual([{
      ResourceARN: arn, Tags: [{ Key: 'cost', Value: 'voice' }, { Key: 'owner', Value: 'ops' }, { Key: OWNER_TAG_KEY, Value: expect.stringMatching(/\/Configuration$/) }],
    }]);
    expect(h.fake.callsOf('CreateMediaInsightsPipelineConfiguration')).toHaveLength(1);

    const rollback = await h.invoke(h.event('Update', 'chain.configurationTagged', { logicalId: 'Configuration', old: 'chain.configurationRetagged', physicalId: arn }));
    expect(rollback.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arn });
    expect(tagsOf()).toEqual({ team: 'support', cost: 'calls', env: 'prod' });
  });

  test('a tags update of a configuration deleted outside the stack makes it again with the new tags', async () => {
    const create = await h.invoke(h.event('Create', 'chain.configurationTagged', { logicalId: 'Configuration' }));
    const arn = create.response!.PhysicalResourceId;
    h.fake.chime.insights.configurations.clear();
    const update = await h.invoke(h.event('Update', 'chain.configurationRetagged', { logicalId: 'Configuration', old: 'chain.configurationTagged', physicalId: arn }));
    expect(update.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arn });
    expect(tagsOf()).toEqual({ team: 'support', cost: 'voice', owner: 'ops' });
  });
});

describe('pipeline', () => {
  test('create from the configuration (no wait), repeated delivery answers the same pipeline, registered for tasks with the configuration\'s features; an ended pipeline kept on update and deleted', async () => {
    await createdConfiguration();
    const event = h.event('Create', 'chain.pipeline', { logicalId: 'Pipeline' });
    const first = await h.invoke(event);
    const second = await h.invoke(event);
    const id = first.response!.PhysicalResourceId;
    expect(second.response!.PhysicalResourceId).toBe(id);
    expect(h.fake.chime.insights.pipelines.size).toBe(1);
    expect(h.fake.callsOf('CreateMediaInsightsPipeline')[0].input).toMatchObject({
      MediaInsightsPipelineConfigurationArn: CHAIN_FIXTURES.configurationArn,
      MediaInsightsRuntimeMetadata: { cdkLiveMediaConfiguration: CHAIN_FIXTURES.configurationName },
      ClientRequestToken: requestToken(event),
    });
    expect(h.fake.chime.pipelines.get(id)).toMatchObject({ voiceToneAnalysis: true, speakerSearch: false });

    h.fake.chime.insights.endPipeline(id);
    const keep = await h.invoke(h.event('Update', 'chain.pipeline', { logicalId: 'Pipeline', old: 'chain.pipeline', physicalId: id }));
    expect(keep.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    const remove = await h.invoke(h.event('Delete', 'chain.pipeline', { logicalId: 'Pipeline', physicalId: id }));
    expect(remove.response?.Status).toBe('SUCCESS');
  });

  test('a failed create (its configuration does not exist) leaves no pipeline', async () => {
    const invocation = await h.invoke(h.event('Create', 'chain.pipelineMissing', { logicalId: 'Failing' }));
    expectFailed(invocation, CREATE_FAILED_MARKER, /not found/);
    expect(h.fake.chime.insights.pipelines.size).toBe(0);
  });
});

describe('voice profile domain', () => {
  test('create, rename and retag in place, delete, delete when gone', async () => {
    const create = await h.invoke(h.event('Create', 'chain.domain', { logicalId: 'Domain' }));
    const id = create.response!.PhysicalResourceId;
    expect(h.fake.voice.domains.get(id)).toMatchObject({ name: 'callers', kmsKeyArn: CHAIN_FIXTURES.keyArn });
    const update = await h.invoke(h.event('Update', 'chain.domainRenamed', { logicalId: 'Domain', old: 'chain.domain', physicalId: id }));
    expect(update.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    expect(h.fake.voice.domains.get(id)!.name).toBe('known callers');
    expect(Object.fromEntries(h.fake.voice.domains.get(id)!.tags)).toEqual({ team: 'sales', [OWNER_TAG_KEY]: expect.stringMatching(/\/Domain$/) });
    for (let i = 0; i < 2; i++) {
      const remove = await h.invoke(h.event('Delete', 'chain.domainRenamed', { logicalId: 'Domain', physicalId: id }));
      expect(remove.response?.Status).toBe('SUCCESS');
    }
    expect(h.fake.voice.domains.size).toBe(0);
  });
});
