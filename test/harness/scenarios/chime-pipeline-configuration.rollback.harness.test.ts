/**
 * The rollback of a configuration rename, as CloudFormation runs it, through
 * the bundled handler against the fake Chime SDK media pipelines: the rename
 * creates B (A is left to the cleanup phase), another resource fails, the
 * rollback Update (A's properties, B's as old, B's physical ID) adopts A by
 * its owner tag, and the rollback cleanup deletes B. A configuration of A's
 * name that is not this resource's is never adopted.
 */
import { OWNER_TAG_KEY } from '../../../src/chime/pipeline-configuration.contract';
import { expectFailed, expectSucceeded } from '../runtime/expectations';
import { useHarness } from '../runtime/parts';
import { CHAIN_FIXTURES } from '../runtime/parts-chime-chain';

const h = useHarness(() => undefined);
const id = { logicalId: 'Configuration' };
const A = CHAIN_FIXTURES.configurationName;
const B = `${A}-v2`;
/** cfnEvent's stack, and the logical ID of the configuration. */
const OWNER = 'arn:aws:cloudformation:us-east-1:123456789012:stack/TestStack/11111111-2222-3333-4444-555555555555/Configuration';
const named = (name: string) => [...h.fake.chime.insights.configurations.values()].find((c) => c.name === name);
const tagsOf = (name: string) => Object.fromEntries(named(name)!.tags);
const changingCalls = () => h.fake.calls.filter((c) => /^(Create|Update|Delete|Tag|Untag)/.test(c.operation)).map((c) => `${c.operation} ${c.input.Identifier ?? c.input.ResourceARN ?? c.input.MediaInsightsPipelineConfigurationName}`);

/** Creates A, then renames it to B (a replacement: A stays until the cleanup phase). */
async function renamed(): Promise<{ aArn: string; bArn: string }> {
  const create = await h.invoke(h.event('Create', 'chain.configurationTagged', id));
  const aArn = create.response!.PhysicalResourceId;
  const rename = await h.invoke(h.event('Update', 'chain.configurationRenamed', { ...id, old: 'chain.configurationTagged', physicalId: aArn }));
  const bArn = rename.response!.PhysicalResourceId;
  expect(bArn).not.toBe(aArn);
  return { aArn, bArn };
}

test('rename, rollback, repeated rollback, rollback cleanup: A adopted by its owner tag (its physical ID, in place), B deleted, A kept', async () => {
  const { aArn, bArn } = await renamed();
  expect(tagsOf(A)).toEqual({ team: 'support', cost: 'calls', env: 'prod', [OWNER_TAG_KEY]: OWNER });
  expect(tagsOf(B)).toEqual({ team: 'voice', [OWNER_TAG_KEY]: OWNER });
  const aId = named(A)!.id;
  h.fake.calls.length = 0;

  const rollback = h.event('Update', 'chain.configurationTagged', { ...id, old: 'chain.configurationRenamed', physicalId: bArn });
  for (let delivery = 0; delivery < 2; delivery++) {
    const invocation = await h.invoke(rollback);
    expectSucceeded(invocation, aArn, { Arn: aArn, Id: aId, Name: A });
  }
  // Each delivery: the Create refused (the name is taken), then A updated in place; its tags were already right.
  expect(changingCalls()).toEqual([...Array(2)].flatMap(() => [`CreateMediaInsightsPipelineConfiguration ${A}`, `UpdateMediaInsightsPipelineConfiguration ${aArn}`]));
  expect(h.fake.callsOf('ListTagsForResource').map((c) => c.input)).toEqual([{ ResourceARN: aArn }, { ResourceARN: aArn }]);
  expect(named(A)!.id).toBe(aId);
  expect(tagsOf(A)).toEqual({ team: 'support', cost: 'calls', env: 'prod', [OWNER_TAG_KEY]: OWNER });

  // The rollback cleanup deletes the physical ID the rollback no longer answers: B.
  expectSucceeded(await h.invoke(h.event('Delete', 'chain.configurationRenamed', { ...id, physicalId: bArn })), bArn);
  expect([...h.fake.chime.insights.configurations.values()].map((c) => c.name)).toEqual([A]);
});

test('a configuration of A\'s name that another resource owns is not adopted: the rollback fails naming the conflict, A unchanged', async () => {
  const other = await h.invoke(h.event('Create', 'chain.configurationTagged', { logicalId: 'OtherConfiguration' }));
  const aArn = other.response!.PhysicalResourceId;
  const b = await h.invoke(h.event('Create', 'chain.configurationRenamed', id));
  const bArn = b.response!.PhysicalResourceId;
  const before = JSON.stringify({ ...named(A), tags: tagsOf(A) });
  h.fake.calls.length = 0;

  const rollback = await h.invoke(h.event('Update', 'chain.configurationTagged', { ...id, old: 'chain.configurationRenamed', physicalId: bArn }));
  expectFailed(rollback, bArn, new RegExp(`named ${A} already exists \\(${aArn}\\) and is not this stack resource's: its ${OWNER_TAG_KEY} tag is .*/OtherConfiguration, expected .*/Configuration`));
  expect(changingCalls()).toEqual([`CreateMediaInsightsPipelineConfiguration ${A}`]);
  expect(JSON.stringify({ ...named(A), tags: tagsOf(A) })).toBe(before);
});

test('a configuration created before owner tags gets the owner tag on its next in-place update', async () => {
  const create = await h.invoke(h.event('Create', 'chain.configurationTagged', id));
  const arn = create.response!.PhysicalResourceId;
  named(A)!.tags.delete(OWNER_TAG_KEY);
  const update = await h.invoke(h.event('Update', 'chain.configurationRetagged', { ...id, old: 'chain.configurationTagged', physicalId: arn }));
  expectSucceeded(update, arn);
  expect(tagsOf(A)).toEqual({ team: 'support', cost: 'voice', owner: 'ops', [OWNER_TAG_KEY]: OWNER });
});
