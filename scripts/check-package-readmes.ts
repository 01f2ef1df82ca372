/**
 * Fails when a language's package README under dist/ (after `npx projen
 * package:code-only`) has a problem of scripts/package-readmes/problems.ts.
 *
 *   ts-node --project scripts/tsconfig.json scripts/check-package-readmes.ts [outdir]
 */
import * as fs from 'fs';
import * as path from 'path';
import { Language } from './package-readmes/languages';
import { readmeProblems } from './package-readmes/problems';
import { goTypeIndex, loadLibraryAssembly } from './package-readmes/type-index';

const outdir = process.argv[2] ?? 'dist';
const READMES: Array<[Language, string]> = [
  ['python', 'python/README.md'],
  ['java', 'java/README.md'],
  ['java', 'java/src/main/resources/io/github/cdklivemedia/README.md'],
  ['csharp', 'dotnet/CdkLiveMedia/README.md'],
  ['go', 'go/cdklivemedia/README.md'],
];
const { cdkRootNames } = goTypeIndex(loadLibraryAssembly());
let failed = false;
for (const [language, file] of READMES) {
  const full = path.join(outdir, file);
  const problems = fs.existsSync(full) ? readmeProblems(language, fs.readFileSync(full, 'utf8'), cdkRootNames) : ['missing'];
  console.log(`${full}: ${problems.length === 0 ? 'OK' : `${problems.length} problem(s)`}`);
  for (const p of problems) console.log(`  ${p}`);
  failed ||= problems.length > 0;
}
process.exit(failed ? 1 : 0);
