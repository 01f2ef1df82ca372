/**
 * The scratch installs under compat/ (see compat/README.md): each folder
 * pins its packages in its own package-lock.json. `npm ci` runs only when
 * the lockfile changed since the folder's last install (a stamp in its
 * node_modules), so a fresh clone installs and a warm workspace reuses.
 *
 *   ts-node --project scripts/tsconfig.json scripts/compat.ts compat/node24 ...
 */
import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.join(__dirname, '..');

/** Installs `folder` (relative to the repository) from its lockfile unless it is installed already; says which. */
export function ensureInstalled(folder: string): 'installed' | 'reused' {
  const dir = path.join(ROOT, folder);
  const lock = crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, 'package-lock.json'))).digest('hex');
  const stamp = path.join(dir, 'node_modules', '.lockfile-sha256');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === lock) return 'reused';
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });
  fs.writeFileSync(stamp, lock);
  return 'installed';
}

/** The Node.js binary compat/node24 installs (the platform's package of node-<os>-<arch>). */
export function node24Binary(): string {
  const pkg = `node-${process.platform}-${process.arch}`;
  const binary = path.join(ROOT, 'compat', 'node24', 'node_modules', pkg, 'bin', 'node');
  if (!fs.existsSync(binary)) throw new Error(`compat/node24 has no ${pkg} (only linux x64 and arm64 are pinned): ${binary}`);
  return binary;
}

if (require.main === module) {
  if (process.argv[2] === '--node24-binary') {
    console.log(node24Binary());
  } else {
    for (const folder of process.argv.slice(2)) console.log(`${folder}: ${ensureInstalled(folder)}`);
  }
}
