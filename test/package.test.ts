/**
 * The npm package ships the compiled library, the .jsii assembly, the bundled
 * handler and API.md, and not the sources of the library or the handler, the
 * tests, the example or the build scripts (scripts/package-contents.ts).
 *
 * This runs before anything is built (`npx projen test` compiles nothing), so
 * it checks the packaging rules rather than a tarball: npm itself packs a
 * stand-in of the built repository, made of every file of the work tree (git's
 * view: tracked and untracked-but-not-ignored) plus what the build adds (lib/
 * from src/, .jsii, the bundled handler), with the real package.json and
 * .npmignore. The built tarball itself is checked by `npx projen package`
 * (scripts/check-npm-package.ts).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EXCLUDED_DIRS, packageProblems, REQUIRED_FILES } from '../scripts/package-contents';

const ROOT = path.join(__dirname, '..');

/** The files of the work tree, as git sees them. */
function workTreeFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  return out.split('\0').filter((f) => f && fs.existsSync(path.join(ROOT, f)));
}

/** What compile (jsii) and bundle (esbuild) add to the work tree. */
function buildOutputs(files: string[]): string[] {
  const lib = files
    .filter((f) => f.startsWith('src/') && f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .flatMap((f) => {
      const base = `lib/${f.slice('src/'.length, -'.ts'.length)}`;
      return [`${base}.js`, `${base}.d.ts`];
    });
  const handler = ['index', '__entrypoint__', 'kvs/index', 'ivs/index', 'chime/index', 'chime/voice/index', 'shared/chunk-ABCD1234']
    .map((f) => `assets/handler/${f}.js`);
  return [...lib, '.jsii', ...handler];
}

/**
 * The files `npm pack` would put into the package of a stand-in of the built
 * repository. `npmignore` replaces the content of .npmignore.
 */
function packedFiles(options: { npmignore?: string } = {}): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'package-test-'));
  try {
    const files = workTreeFiles();
    for (const file of [...files, ...buildOutputs(files)]) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), 'x');
    }
    // npm reads these two: the real ones.
    fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
    fs.writeFileSync(path.join(dir, '.npmignore'), options.npmignore ?? fs.readFileSync(path.join(ROOT, '.npmignore')));
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const [result] = JSON.parse(out) as Array<{ files: Array<{ path: string }> }>;
    return result.files.map((f) => f.path).sort();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('the npm package holds the library, the assembly, the handler and the docs, and nothing else', () => {
  const files = packedFiles();

  expect(packageProblems(files)).toEqual([]);
  expect(files).toEqual(expect.arrayContaining([...REQUIRED_FILES]));
  for (const dir of EXCLUDED_DIRS) {
    expect(files.filter((f) => f.startsWith(dir))).toEqual([]);
  }
});

test('the check sees sources leaking into the package', () => {
  // Without its /lambda/ rule, .npmignore would let the handler's sources in.
  const npmignore = fs.readFileSync(path.join(ROOT, '.npmignore'), 'utf8').replace(/^\/lambda\/$/m, '');
  const problems = packageProblems(packedFiles({ npmignore }));

  expect(problems).toContainEqual(expect.stringMatching(/^ships lambda\/index\.ts: nothing from lambda\//));
});

test('packageProblems names missing and unexpected files', () => {
  const problems = packageProblems(['package.json', 'lib/index.js', 'src/index.ts', 'tsconfig.json']);

  expect(problems).toEqual(expect.arrayContaining([
    'missing assets/handler/index.js',
    'missing assets/handler/shared/*.js, the files the service files require',
    'missing .jsii',
    'ships src/index.ts: nothing from src/ belongs in the package',
    'ships tsconfig.json, which is not part of the package',
  ]));
});
