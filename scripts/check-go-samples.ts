/**
 * Fails when a Go sample of the Go package README (after `npx projen
 * package:code-only`) does not parse (scripts/package-readmes/go-syntax.ts).
 * Needs gofmt (Debian: golang-go).
 *
 *   ts-node --project scripts/tsconfig.json scripts/check-go-samples.ts [outdir]
 */
import * as fs from 'fs';
import * as path from 'path';
import { goSamples, goSyntaxErrors } from './package-readmes/go-syntax';

const file = path.join(process.argv[2] ?? 'dist', 'go', 'cdklivemedia', 'README.md');
if (!fs.existsSync(file)) {
  console.error(`${file}: missing (run npx projen compile && npx projen package:code-only)`);
  process.exit(1);
}
const samples = goSamples(fs.readFileSync(file, 'utf8'));
let failed = 0;
for (const sample of samples) {
  const errors = goSyntaxErrors(sample);
  if (errors.length > 0) failed++;
  for (const e of errors) console.log(`${file}:${e.slice('line '.length)}`);
}
console.log(`${file}: ${samples.length} Go samples, ${samples.length - failed} parse (gofmt -e), ${failed} do not`);
process.exit(failed > 0 || samples.length === 0 ? 1 : 0);
