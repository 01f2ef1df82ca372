/**
 * Checks built npm tarballs (dist/js/*.tgz, written by `npx projen package`)
 * against scripts/package-contents.ts, and that the bundled handler is not
 * empty. Run by the `package:npm-check` task.
 *
 *   ts-node --project scripts/tsconfig.json scripts/check-npm-package.ts dist/js/*.tgz
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { packageProblems } from './package-contents';

const HANDLER = 'assets/handler/index.js';

function listFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(dir, rel) : [rel];
  });
}

function check(tarball: string): boolean {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-check-'));
  try {
    execFileSync('tar', ['-xzf', tarball, '-C', dir]);
    const root = path.join(dir, 'package');
    const files = listFiles(root).sort();
    const problems = packageProblems(files);
    if (files.includes(HANDLER) && fs.statSync(path.join(root, HANDLER)).size === 0) {
      problems.push(`${HANDLER} is empty`);
    }
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
    if (problems.length > 0) {
      console.error(`${tarball}: ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
      console.error('The handler asset is built by `npx projen bundle` (part of `npx projen build`, not of `npx projen compile`).');
      return false;
    }
    const handlerSize = fs.statSync(path.join(root, HANDLER)).size;
    console.log(`${tarball}: OK, ${kb(fs.statSync(tarball).size)}, ${files.length} files, ${HANDLER} ${kb(handlerSize)}`);
    return true;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const tarballs = process.argv.slice(2);
if (tarballs.length === 0 || tarballs.some((t) => !fs.existsSync(t))) {
  console.error(`check-npm-package: no tarball at ${tarballs.join(' ') || '(none given)'}; run \`npx projen package\` first`);
  process.exit(1);
}
const results = tarballs.map(check);
process.exit(results.every(Boolean) ? 0 : 1);
