/**
 * The nag matrix (.ci/run, `npx projen nag`): the example app checked by
 * cdk-nag 3 and cdk-nag 2 (AwsSolutions, NIST 800-53 R5, HIPAA Security)
 * against each aws-cdk-lib we support: the floor (2.257.0, the repository's
 * own, with cdk-nag 2 from compat/nag-floor) and the newest tested
 * (compat/nag-newest). Fails on any finding on the library's own resources
 * that the library does not acknowledge, and on a pack that found nothing
 * on them at all (it did not run: cdk-nag 3's Validations plugin on
 * aws-cdk-lib 2.257 checks nothing and says so only in its report file).
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { buildSync } from 'esbuild';
import { ensureInstalled, ROOT } from './compat';
import type { NagReport } from './nag/app';

/** The floor: the aws-cdk-lib whose Validations plugin path cannot run cdk-nag 3 (validateScope stands in, with a note). */
const FLOOR = /^2\.257\./;
const FOLDERS = ['compat/nag-floor', 'compat/nag-newest'];
const EXTERNAL = ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', 'cdk-nag', 'cdk-nag/*', 'cdk-nag-v2', 'cdk-nag-v2/*'];

function check(folder: string): { report: NagReport; seconds: number; install: string } {
  const started = Date.now();
  const install = ensureInstalled(folder);
  const outfile = path.join(ROOT, folder, '.build', 'app.js');
  // Bundled into the folder, so that aws-cdk-lib, constructs and cdk-nag resolve from its node_modules
  // (compat/nag-floor has none of its own but cdk-nag 2: the repository's, one level up).
  buildSync({
    entryPoints: [path.join(ROOT, 'scripts', 'nag', 'app.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    outfile,
    external: EXTERNAL,
    // src/core/provider.ts finds the handler asset relative to its own module.
    define: { __dirname: JSON.stringify(path.join(ROOT, 'src', 'core')) },
    logLevel: 'warning',
  });
  const out = execFileSync(process.execPath, [outfile], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const report = JSON.parse(out.trim().split('\n').pop()!) as NagReport;
  return { report, install, seconds: (Date.now() - started) / 1000 };
}

const started = Date.now();
const failures: string[] = [];
const rows: string[] = [];
for (const folder of FOLDERS) {
  const { report, install, seconds } = check(folder);
  console.log(`${folder}: aws-cdk-lib ${report.awsCdkLib} (${install}), ${seconds.toFixed(1)} s`);
  for (const run of report.runs) {
    const own = (findings: typeof run.raw) => findings.filter((f) => f.owned);
    const before = own(run.raw);
    const after = own(run.unacknowledged);
    const label = `aws-cdk-lib ${report.awsCdkLib}, cdk-nag ${run.cdkNag}, ${run.pack}`;
    rows.push(`| ${report.awsCdkLib} | ${run.cdkNag} | ${run.pack} | ${run.how} | ${before.length} | ${after.length} | ${run.unacknowledged.length - after.length} |`);
    if (run.note) console.log(`  ${label}: ${run.note}`);
    if (run.note && !FLOOR.test(report.awsCdkLib)) failures.push(`${label}: ${run.note}`);
    if (before.length === 0) failures.push(`${label}: no finding at all on the library's resources, so the pack did not run (the library acknowledges some in every pack)`);
    for (const f of after) failures.push(`${label}: unacknowledged ${f.id} on ${f.path}`);
  }
}
console.log([
  '',
  '| aws-cdk-lib | cdk-nag | pack | run as | library findings (raw) | unacknowledged | the example\'s own (unacknowledged) |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...rows,
].join('\n'));
console.log(`\nnag matrix: ${rows.length} runs in ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (failures.length > 0) {
  console.error(['', 'nag matrix FAILED:', ...failures.map((f) => `  ${f}`)].join('\n'));
  process.exit(1);
}
