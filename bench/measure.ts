/** What the benchmark measures of one synthesized stack. */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App } from 'aws-cdk-lib';
import type { Approach } from './stacks';
import { buildStack } from './stacks';

export interface StackFigures {
  readonly synthMs: number;
  readonly templateBytes: number;
  readonly resources: number;
  readonly lambdaFunctions: number;
  readonly iamPolicies: number;
  readonly largestRoleInlinePolicyChars: number;
}

/** Builds and synthesizes the stack once, timing construction plus synthesis. */
export function measureStack(approach: Approach, n: number): StackFigures {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  try {
    const started = performance.now();
    // CDK refuses to synthesize a stack over 500 resources; lift that to measure, and report the count.
    const { app, stack } = buildStack(approach, n, new App({ outdir, context: { '@aws-cdk/core:stackResourceLimit': 0 } }));
    const assembly = app.synth();
    const synthMs = performance.now() - started;
    const artifact = assembly.getStackByName(stack.stackName);
    const templateBytes = fs.statSync(artifact.templateFullPath).size;
    return { synthMs, templateBytes, ...countTemplate(artifact.template) };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * Counts the resources, Lambda functions and IAM policies of a template, and
 * the characters of the largest role's inline policies as IAM counts them
 * (JSON without whitespace), with every intrinsic function replaced by an
 * ARN-sized string, since that is what it becomes at deploy time.
 */
export function countTemplate(template: any) {
  const resources = Object.entries<any>(template.Resources ?? {});
  const ofType = (type: string) => resources.filter(([, r]) => r.Type === type);
  const inlineChars = new Map<string, number>();
  for (const [id, role] of ofType('AWS::IAM::Role')) {
    const docs = (role.Properties?.Policies ?? []).map((p: any) => p.PolicyDocument);
    inlineChars.set(id, docs.reduce((n: number, d: unknown) => n + policyChars(d), 0));
  }
  for (const [, policy] of ofType('AWS::IAM::Policy')) {
    for (const ref of policy.Properties?.Roles ?? []) {
      if (ref?.Ref && inlineChars.has(ref.Ref)) inlineChars.set(ref.Ref, inlineChars.get(ref.Ref)! + policyChars(policy.Properties.PolicyDocument));
    }
  }
  const inlinePolicies = ofType('AWS::IAM::Role').reduce((n, [, r]) => n + (r.Properties?.Policies?.length ?? 0), 0);
  return {
    resources: resources.length,
    lambdaFunctions: ofType('AWS::Lambda::Function').length,
    iamPolicies: ofType('AWS::IAM::Policy').length + ofType('AWS::IAM::ManagedPolicy').length + inlinePolicies,
    largestRoleInlinePolicyChars: Math.max(0, ...inlineChars.values()),
  };
}

const ARN_SIZED = `arn:aws:service:us-east-1:123456789012:resource/${'x'.repeat(48)}`;

function policyChars(document: unknown): number {
  return JSON.stringify(document, (_key, value) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) return ARN_SIZED;
    }
    return value;
  }).length;
}

/** Median wall time of `node args`, run `runs` times, in milliseconds. */
/**
 * The Node.js the process measurements run: BENCH_NODE when set (e.g.
 * compat/node24's, the functions' runtime major), else the bench's own.
 */
export const BENCH_NODE = process.env.BENCH_NODE || process.execPath;

/** BENCH_NODE's version (`v24.22.3`), for the figures' labels. */
export function benchNodeVersion(): string {
  return BENCH_NODE === process.execPath ? process.version : execFileSync(BENCH_NODE, ['--version'], { encoding: 'utf8' }).trim();
}

export function medianProcessMs(args: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    execFileSync(BENCH_NODE, args, { stdio: 'ignore' });
    times.push(performance.now() - started);
  }
  return median(times);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
