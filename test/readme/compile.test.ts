/**
 * Every TypeScript example in README.md (each ```ts block) compiles against
 * the library as a user's code would: `cdk-live-media` resolves to src/, and
 * the examples declare what they take as given (`declare const stack: Stack;`).
 * A failure names the README line of the error.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Snippet, tsSnippets } from './snippets';
import { typeCheck, TypeError } from '../helpers/typecheck';

const ROOT = path.join(__dirname, '..', '..');

/**
 * Type-checks snippets, each as its own module named in test/ (so that
 * imports resolve from the repository's node_modules), all in one program.
 * Errors are reported as `<source>:<line>: <message>`.
 */
function checkSnippets(sources: ReadonlyArray<{ source: string; snippets: readonly Snippet[] }>): string[] {
  const texts = new Map<string, string>();
  const origin = new Map<string, { source: string; snippet: Snippet }>();
  for (const { source, snippets: list } of sources) {
    for (const snippet of list) {
      const fileName = path.join(ROOT, 'test', `__snippet_${origin.size}__.ts`);
      // A snippet without imports would otherwise share one global scope.
      texts.set(fileName, `${snippet.code}\nexport {};\n`);
      origin.set(fileName, { source, snippet });
    }
  }
  return typeCheck([...texts.keys()], texts).map((e: TypeError) => {
    const o = origin.get(e.fileName);
    return o ? `${o.source}:${o.snippet.line + e.line - 1}: ${e.message}` : `${e.fileName}: ${e.message}`;
  });
}

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const snippets = tsSnippets(readme);

// A snippet that uses a prop KvsImageGeneration does not have.
const BROKEN: Snippet = {
  line: 1,
  code: [
    "import { Stack } from 'aws-cdk-lib';",
    "import { ImageDestination, KvsImageGeneration, KvsStream } from 'cdk-live-media';",
    'declare const stack: Stack;',
    "new KvsImageGeneration(stack, 'Images', {",
    "  stream: KvsStream.fromStreamName('camera'),",
    "  destination: ImageDestination.fromUri('s3://bucket/images'),",
    '  framesPerSecond: 5,',
    '});',
  ].join('\n'),
};

test('the README has TypeScript examples that use the library', () => {
  expect(snippets.length).toBeGreaterThan(0);
  expect(snippets.some((s) => s.code.includes("from 'cdk-live-media'"))).toBe(true);
});

describe('compiled', () => {
  // One program for all (the compiler's setup dominates the time).
  let errors: string[];
  beforeAll(() => {
    errors = checkSnippets([{ source: 'README.md', snippets }, { source: 'broken', snippets: [BROKEN] }]);
  });

  test('every TypeScript example in the README compiles', () => {
    expect(errors.filter((e) => !e.startsWith('broken:'))).toEqual([]);
  });

  test('an example with a prop that does not exist does not compile', () => {
    expect(errors.filter((e) => e.startsWith('broken:'))).toEqual([
      expect.stringMatching(/^broken:7: TS2353: .*'framesPerSecond' does not exist/),
    ]);
  });
});

test('snippets are found in fences of any length and indentation, and only for TypeScript', () => {
  const markdown = ['# t', '```ts', 'a;', '```', '```bash', 'b', '```', '- item', '  ````typescript', '  c;', '  ````'].join('\n');

  expect(tsSnippets(markdown)).toEqual([{ line: 3, code: 'a;' }, { line: 10, code: 'c;' }]);
});
