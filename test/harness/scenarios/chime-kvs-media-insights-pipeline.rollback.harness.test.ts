/**
 * The rollback of a pipeline replacement, through the bundled handler
 * against the fake Chime SDK media pipelines (issue 20, 1).
 *
 * The sequence CloudFormation is assumed to run. AWS documents replacement
 * for forward updates only: an Update answering another physical ID is a
 * replacement, and the old physical ID is deleted in the cleanup phase. No
 * AWS page spells out the rollback of such an update; from that contract we
 * assume: the rollback sends an Update with the replacement's physical ID
 * (P2) and the old properties, deletes P2 in the rollback cleanup when the
 * answer is another physical ID, and never deletes the original (P1): the
 * forward update that replaced it never reached its own cleanup.
 *
 * So the rollback must answer P1 itself (it still runs, with the old
 * properties, and this stack resource created it), not create a third
 * pipeline that would leave P1 running on configuration A, tracked by
 * nothing, and the stack's later delete failing on A until P1 ends.
 */
import { expectSucceeded } from '../runtime/expectations';
import { useHarness } from '../runtime/parts';
import { CHAIN_FIXTURES } from '../runtime/parts-chime-chain';

const h = useHarness(() => undefined);
const configuration = { logicalId: 'Configuration' };
const pipeline = { logicalId: 'Pipeline' };
const running = () => [...h.fake.chime.insights.pipelines.values()].filter((p) => p.status === 'Initializing' || p.status === 'InProgress');
const names = () => [...h.fake.chime.insights.configurations.values()].map((c) => c.name);

/** Configuration A and pipeline P1 on it, then the forward update: A renamed to B (a new configuration), P1 replaced by P2 on B. */
async function replaced() {
  const a = (await h.invoke(h.event('Create', 'chain.configurationTagged', configuration))).response!.PhysicalResourceId;
  const p1 = (await h.invoke(h.event('Create', 'chain.pipelineOnTagged', pipeline))).response!.PhysicalResourceId;
  const b = (await h.invoke(h.event('Update', 'chain.configurationRenamed', { ...configuration, old: 'chain.configurationTagged', physicalId: a }))).response!.PhysicalResourceId;
  const p2 = (await h.invoke(h.event('Update', 'chain.pipelineOnRenamed', { ...pipeline, old: 'chain.pipelineOnTagged', physicalId: p1 }))).response!.PhysicalResourceId;
  expect(b).not.toBe(a);
  expect(p2).not.toBe(p1);
  expect(running().map((p) => p.id).sort()).toEqual([p1, p2].sort());
  return { a, b, p1, p2 };
}

test('a later resource fails: the rollback returns to P1 (twice delivered), the rollback cleanup deletes P2 and B, the stack delete leaves nothing', async () => {
  const { a, b, p1, p2 } = await replaced();
  // Rollback, in dependency order: the configuration adopts A, then the pipeline returns to P1.
  expect((await h.invoke(h.event('Update', 'chain.configurationTagged', { ...configuration, old: 'chain.configurationRenamed', physicalId: b }))).response!.PhysicalResourceId).toBe(a);
  const rollback = h.event('Update', 'chain.pipelineOnTagged', { ...pipeline, old: 'chain.pipelineOnRenamed', physicalId: p2 });
  for (let delivery = 0; delivery < 2; delivery++) {
    const invocation = await h.invoke(rollback);
    expectSucceeded(invocation, p1, { PipelineId: p1, PipelineArn: h.fake.chime.insights.pipelines.get(p1)!.arn, Ended: 'false' });
  }
  expect(h.fake.callsOf('CreateMediaInsightsPipeline')).toHaveLength(2);

  // Rollback cleanup: what the failed update created, in reverse dependency order.
  expectSucceeded(await h.invoke(h.event('Delete', 'chain.pipelineOnRenamed', { ...pipeline, physicalId: p2 })), p2);
  expectSucceeded(await h.invoke(h.event('Delete', 'chain.configurationRenamed', { ...configuration, physicalId: b })), b);
  expect(running().map((p) => p.id)).toEqual([p1]);
  expect(names()).toEqual([CHAIN_FIXTURES.configurationName]);

  // Stack delete.
  expectSucceeded(await h.invoke(h.event('Delete', 'chain.pipelineOnTagged', { ...pipeline, physicalId: p1 })), p1);
  expectSucceeded(await h.invoke(h.event('Delete', 'chain.configurationTagged', { ...configuration, physicalId: a })), a);
  expect(h.fake.chime.insights.pipelines.size).toBe(0);
  expect(names()).toEqual([]);
});

test('P1 ended meanwhile: the rollback creates a new pipeline on A, as before', async () => {
  const { b, p1, p2 } = await replaced();
  h.fake.chime.insights.endPipeline(p1);
  await h.invoke(h.event('Update', 'chain.configurationTagged', { ...configuration, old: 'chain.configurationRenamed', physicalId: b }));
  const rollback = await h.invoke(h.event('Update', 'chain.pipelineOnTagged', { ...pipeline, old: 'chain.pipelineOnRenamed', physicalId: p2 }));
  const p3 = rollback.response!.PhysicalResourceId;
  expect(rollback.response!.Status).toBe('SUCCESS');
  expect([p1, p2]).not.toContain(p3);
});

test('P1 created by another stack resource is never adopted', async () => {
  const { b, p1, p2 } = await replaced();
  // Another logical ID: the same sequence, but the rollback event names another stack resource.
  await h.invoke(h.event('Update', 'chain.configurationTagged', { ...configuration, old: 'chain.configurationRenamed', physicalId: b }));
  const rollback = await h.invoke(h.event('Update', 'chain.pipelineOnTagged', { logicalId: 'OtherPipeline', old: 'chain.pipelineOnRenamed', physicalId: p2 }));
  expect(rollback.response!.Status).toBe('SUCCESS');
  expect([p1, p2]).not.toContain(rollback.response!.PhysicalResourceId);
});
