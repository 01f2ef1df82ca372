/**
 * Statements of the README about the library's own resources cannot drift:
 * each facts block equals what test/readme/facts.ts computes from the code.
 * To rewrite them after a change: UPDATE_README_FACTS=1 npx jest test/readme/facts.test.ts
 */
import * as fs from 'fs';
import * as path from 'path';
import { factsBlocks, readmeFacts, withFacts } from './facts';
import { ROOT } from './snippets';

const README = path.join(ROOT, 'README.md');

describe('README facts', () => {
  const facts = readmeFacts();
  if (process.env.UPDATE_README_FACTS) fs.writeFileSync(README, withFacts(fs.readFileSync(README, 'utf8'), facts));
  const blocks = factsBlocks(fs.readFileSync(README, 'utf8'));

  test.each(Object.keys(facts))('%s: as the code has it', (name) => {
    expect(blocks.get(name)).toBe(facts[name]);
  });

  test('the README states no facts the code does not compute', () => {
    expect([...blocks.keys()].sort()).toEqual(Object.keys(facts).sort());
  });

  test('per-kind policies are listed in full and acknowledgments on every resource that has one', () => {
    expect(facts.policies).toMatch(/^\d+ per-kind policies/);
    expect(facts.policies).toContain('`CdkLiveMediaVoiceAnalyticsTaskPolicy`');
    expect(facts.acknowledgments).toContain('| `CdkLiveMediaProvider/Role` | `AwsSolutions-IAM5[Resource::*]` |');
  });

  test('no prose claims a fixed number of per-kind policies, or that the example acknowledges findings', () => {
    const text = fs.readFileSync(README, 'utf8');
    expect(text).not.toMatch(/(three|3) (per-kind )?policies|as `example\/stack\.ts` does|example stack acknowledges/);
  });
});
