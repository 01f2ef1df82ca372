/**
 * The README's table of regulated-pack findings on the library's resources
 * (between the compliance-table markers), generated from
 * src/core/compliance.ts, where the constructs' acknowledgments come from.
 * test/compliance.test.ts fails when the README's copy is stale.
 *
 *   npx projen docs:compliance      # rewrites the table in README.md
 */
import * as fs from 'fs';
import * as path from 'path';
import { complianceDecisions, REGULATED_PACKS } from '../src/core/compliance';

export const README = path.join(__dirname, '..', 'README.md');
const START = '<!-- compliance-table:start -->';
const END = '<!-- compliance-table:end -->';

export function complianceTable(): string {
  return [
    `| Rule (${REGULATED_PACKS.map((p) => `\`${p}-\``).join(', ')}) | Resource | Fixed or acknowledged | Why |`,
    '| --- | --- | --- | --- |',
    ...complianceDecisions().map((d) => `| ${d.rule.includes(' ') ? d.rule : `\`${d.rule}\``} | ${d.resource} | ${d.outcome} | ${d.why.replace(/\|/g, '\\|')} |`),
  ].join('\n');
}

/** The README with the table between its markers replaced by `table`. */
export function withTable(readme: string, table: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} ... ${END}`);
  return `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
}

if (require.main === module) {
  fs.writeFileSync(README, withTable(fs.readFileSync(README, 'utf8'), complianceTable()));
  console.log('wrote the compliance table into README.md');
}
