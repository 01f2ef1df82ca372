/**
 * The rollback of a voice profile domain replacement (a new key), as
 * CloudFormation runs it, through the bundled handler against the fake Chime
 * SDK voice: the new key creates B (A is left to the cleanup phase), another
 * resource fails, the rollback Update (A's properties, B's ID) answers A again
 * (B's replaces tag names it, its owner tag is this resource's), and the
 * rollback cleanup deletes B: one domain left, A. An A owned by another
 * resource is never adopted.
 */
import { OWNER_TAG_KEY, REPLACES_TAG_KEY } from '../../../src/chime/voice-profile-domain.contract';
import { expectSucceeded } from '../runtime/expectations';
import { useHarness } from '../runtime/parts';

const h = useHarness(() => undefined);
const id = { logicalId: 'Domain' };
const domains = () => [...h.fake.voice.domains.keys()];
const changingCalls = () => h.fake.calls.filter((c) => /^(Create|Update|Delete|Tag|Untag)/.test(c.operation)).map((c) => c.operation);

/** Creates A, then gives it a new key (a replacement: A stays until the cleanup phase). */
async function rekeyed(logicalId = 'Domain'): Promise<{ a: string; b: string }> {
  const a = (await h.invoke(h.event('Create', 'chain.domain', { logicalId }))).response!.PhysicalResourceId;
  const b = (await h.invoke(h.event('Update', 'chain.domainRekeyed', { ...id, old: 'chain.domain', physicalId: a }))).response!.PhysicalResourceId;
  expect(b).not.toBe(a);
  return { a, b };
}

test('new key, rollback delivered twice, rollback cleanup: A answered again unchanged, B deleted, nothing leaked', async () => {
  const { a, b } = await rekeyed();
  expect(Object.fromEntries(h.fake.voice.domains.get(b)!.tags)).toEqual({ team: 'support', [OWNER_TAG_KEY]: expect.stringMatching(/\/Domain$/), [REPLACES_TAG_KEY]: a });
  const before = JSON.stringify({ ...h.fake.voice.domains.get(a), tags: [...h.fake.voice.domains.get(a)!.tags] });
  h.fake.calls.length = 0;

  const rollback = h.event('Update', 'chain.domain', { ...id, old: 'chain.domainRekeyed', physicalId: b });
  for (let delivery = 0; delivery < 2; delivery++) {
    expectSucceeded(await h.invoke(rollback), a, { DomainId: a, DomainArn: h.fake.voice.domains.get(a)!.arn });
  }
  expect(changingCalls()).toEqual([]);
  expect(JSON.stringify({ ...h.fake.voice.domains.get(a), tags: [...h.fake.voice.domains.get(a)!.tags] })).toBe(before);

  // The rollback cleanup deletes the physical ID the rollback no longer answers: B.
  expectSucceeded(await h.invoke(h.event('Delete', 'chain.domainRekeyed', { ...id, physicalId: b })), b);
  expect(domains()).toEqual([a]);
});

test('A owned by another stack resource is not adopted: the rollback creates a domain as before, A untouched', async () => {
  const { a, b } = await rekeyed('OtherDomain');
  h.fake.calls.length = 0;
  const rollback = await h.invoke(h.event('Update', 'chain.domain', { ...id, old: 'chain.domainRekeyed', physicalId: b }));
  const c = rollback.response!.PhysicalResourceId;
  expect(rollback.response!.Status).toBe('SUCCESS');
  expect([a, b]).not.toContain(c);
  expect(changingCalls()).toEqual(['CreateVoiceProfileDomain']);
});

test('A gone: the rollback creates a domain as before', async () => {
  const { a, b } = await rekeyed();
  h.fake.voice.domains.delete(a);
  const rollback = await h.invoke(h.event('Update', 'chain.domain', { ...id, old: 'chain.domainRekeyed', physicalId: b }));
  expect(rollback.response!.Status).toBe('SUCCESS');
  expect([a, b]).not.toContain(rollback.response!.PhysicalResourceId);
});
