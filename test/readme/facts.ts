/**
 * What the README states about the library's own resources, computed from
 * the code: the example stack (every construct) synthesized, its per-kind
 * policies and the cdk-nag acknowledgments the library writes. The README
 * holds each between `<!-- facts:<name> -->` markers; test/readme/facts.test.ts
 * checks them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ROOT } from './snippets';
import { LiveMediaExampleStack } from '../../example/stack';

/** The per-kind policies' logical IDs (`CdkLiveMedia<Kind>Policy`, no hash: stable by design). */
const PER_KIND_POLICY = /^CdkLiveMedia(\w+)Policy$/;

export function readmeFacts(): Record<string, string> {
  const stack = new LiveMediaExampleStack(new App(), 'LiveMediaExample', { env: { account: '111111111111', region: 'us-east-1' } });
  const resources: Record<string, { Type: string }> = Template.fromStack(stack).toJSON().Resources;
  const policies = Object.keys(resources).filter((id) => resources[id].Type === 'AWS::IAM::Policy' && PER_KIND_POLICY.test(id));

  const rows = stack.node.findAll().flatMap((c) => c.node.metadata
    .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([finding, reason]) => {
      const where = c.node.path.slice(stack.node.path.length + 1);
      const generic = finding.replace(/us-east-1:111111111111/g, '<region>:<account>').replace(/<(\w+?)[0-9A-F]{8}>/g, '<$1…>');
      return `| \`${where}\` | \`${generic}\` | ${reason.replace(/\|/g, '\\|')} |`;
    })));

  const example = fs.readFileSync(path.join(ROOT, 'example', 'stack.ts'), 'utf8');
  const exampleAcknowledges = /\.acknowledge\(|NagSuppressions|acknowledgeRule/.test(example);

  return {
    'policies': [
      `${policies.length} per-kind policies, one per construct kind the stack uses (the example stack uses every kind):`,
      policies.map((id) => `\`${id}\``).join(', ') + '.',
    ].join('\n'),
    'acknowledgments': [
      `The library's acknowledgments in the example stack (${rows.length}, on ${new Set(rows.map((r) => r.split(' | ')[0])).size} resources; account and Region shown as \`<account>\`, \`<region>\`):`,
      '',
      '| Resource | Finding | Reason (as written in the acknowledgment) |',
      '| --- | --- | --- |',
      ...rows,
    ].join('\n'),
    'example-acknowledges': exampleAcknowledges
      ? '`example/stack.ts` acknowledges findings of its own: see its source.'
      : '`example/stack.ts` acknowledges nothing itself: every acknowledgment in its template is the library\'s (above).',
  };
}

/** The README's facts blocks: name -> content between the markers. */
export function factsBlocks(markdown: string): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const m of markdown.matchAll(/<!-- facts:([\w-]+) -->\n([\s\S]*?)\n?<!-- \/facts:\1 -->/g)) blocks.set(m[1], m[2]);
  return blocks;
}

/** The markdown with each facts block replaced by `facts`. */
export function withFacts(markdown: string, facts: Record<string, string>): string {
  return markdown.replace(/<!-- facts:([\w-]+) -->\n[\s\S]*?\n?<!-- \/facts:\1 -->/g, (whole, name: string) =>
    (name in facts ? `<!-- facts:${name} -->\n${facts[name]}\n<!-- /facts:${name} -->` : whole));
}
