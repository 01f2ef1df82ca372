/**
 * The README's sample of a user's template assertions ("Asserting on the
 * templates in your tests") runs, with the package's name mapped to src/;
 * and it fails when the stack no longer matches what it asserts, so it is
 * not a sample that could pass whatever the library synthesizes.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import * as library from '../src';

const README = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

function sample(): string {
  const section = README.split('\n## ').find((s) => s.startsWith('Asserting on the templates in your tests'));
  const code = section && /```ts\n([\s\S]*?)```/.exec(section);
  if (!code) throw new Error('README.md has no TypeScript sample under "Asserting on the templates in your tests"');
  return code[1];
}

function run(source: string): void {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  // The package's name is src/; everything else as jest resolves it for this file.
  const load = (id: string) => (id === 'cdk-live-media' ? library : jest.requireActual(id));
  const module = { exports: {} };
  new Function('require', 'module', 'exports', js)(load, module, module.exports);
}

test('the sample uses LiveMediaResourceTypes for both constructs', () => {
  expect(sample()).toContain('LiveMediaResourceTypes.IVS_COMPOSITION');
  expect(sample()).toContain('LiveMediaResourceTypes.VOICE_ANALYTICS_TASK');
});

test('the sample passes', () => {
  expect(() => run(sample())).not.toThrow();
});

test.each([
  ['the composition\'s layout changes', "featuredParticipantAttribute: 'host' })", "featuredParticipantAttribute: 'guest' })"],
  ['the task\'s channel changes', 'channelId: 0,', 'channelId: 1,'],
])('the sample fails when %s', (_what, from, to) => {
  const source = sample();
  expect(source).toContain(from);
  expect(() => run(source.replace(from, to))).toThrow(/Template has 1 resources with type Custom::/);
});
