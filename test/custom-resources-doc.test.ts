/**
 * docs/custom-resources.md is what scripts/custom-resources-doc.ts makes of
 * the contracts today, and LiveMediaResourceTypes names every custom
 * resource type a contract declares (and only those).
 */
import * as fs from 'fs';
import * as path from 'path';
import { customResourcesDoc, DOC_FILE } from '../scripts/custom-resources-doc';
import { LiveMediaResourceTypes } from '../src';

test('docs/custom-resources.md is current (npx projen docs:custom-resources rewrites it)', () => {
  expect(fs.readFileSync(DOC_FILE, 'utf8')).toBe(customResourcesDoc());
});

test('LiveMediaResourceTypes has every contract\'s resource type, and the doc a section for each', () => {
  const src = path.join(__dirname, '..', 'src');
  const declared = fs.readdirSync(src, { withFileTypes: true }).filter((d) => d.isDirectory())
    .flatMap((d) => fs.readdirSync(path.join(src, d.name)).filter((f) => f.endsWith('.contract.ts'))
      .flatMap((f) => [...fs.readFileSync(path.join(src, d.name, f), 'utf8').matchAll(/_RESOURCE_TYPE = '(Custom::[A-Za-z]+)'/g)].map((m) => m[1])));
  const exported = Object.entries(LiveMediaResourceTypes).map(([, type]) => type as string);
  expect(new Set(exported)).toEqual(new Set(declared));
  expect(declared).toHaveLength(9);
  const doc = customResourcesDoc();
  for (const type of declared) expect(doc).toContain(`## \`${type}\``);
});

test('every property of the doc says what an Update of it does', () => {
  // Property rows have five cells, attribute rows four.
  const rows = customResourcesDoc().split('\n').filter((line) => /^\| `[A-Za-z]+` \|/.test(line) && line.split(' | ').length === 5);
  expect(rows.length).toBeGreaterThan(30);
  for (const row of rows) expect(row).toMatch(/\| (replacement|in place|handler only) \|/);
});
