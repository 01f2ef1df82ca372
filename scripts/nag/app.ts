/**
 * One row group of the nag matrix (scripts/nag-matrix.ts): the example app
 * checked by cdk-nag 3 and cdk-nag 2 with AwsSolutions, NIST 800-53 R5 and
 * HIPAA Security, against the aws-cdk-lib this bundle resolves.
 *
 * Not run by ts-node: scripts/nag-matrix.ts bundles it with esbuild (the
 * library's src/ and the example included, aws-cdk-lib, constructs and both
 * cdk-nag majors left external) into compat/<folder>/.build/, so that every
 * require resolves to that folder's one copy of aws-cdk-lib. Prints one
 * JSON line: the findings of each (cdk-nag major, pack), the library's own
 * marked, before (raw) and after the acknowledgments.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, Validations } from 'aws-cdk-lib';
import * as nag3 from 'cdk-nag';
import { Construct } from 'constructs';
import { LiveMediaExampleStack } from '../../example/stack';
import * as library from '../../src';

// cdk-nag 2, installed under an npm alias beside cdk-nag 3 (compat/*/package.json).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nag2 = require('cdk-nag-v2');

export interface NagFinding {
  /** The rule ID, with the finding in brackets where the rule has findings. */
  readonly id: string;
  readonly path: string;
  /** On a resource of the library (under one of its constructs, or its stack-level CdkLiveMedia* resources). */
  readonly owned: boolean;
}

export interface NagRun {
  readonly cdkNag: string;
  readonly pack: string;
  /** How the pack ran: the Validations plugin (cdk-nag 3), `validateScope` (cdk-nag 3 where the plugin cannot run), an Aspect (cdk-nag 2). */
  readonly how: string;
  readonly note?: string;
  /** Every finding, acknowledgments ignored. */
  readonly raw: NagFinding[];
  /** The findings no acknowledgment answers. */
  readonly unacknowledged: NagFinding[];
}

export interface NagReport {
  readonly awsCdkLib: string;
  readonly runs: NagRun[];
}

const PACKS: [name: string, v3: string, v2: string][] = [
  ['AwsSolutions', 'AwsSolutionsChecks', 'AwsSolutionsChecks'],
  ['NIST.800.53.R5', 'NIST80053R5Checks', 'NIST80053R5Checks'],
  ['HIPAA.Security', 'HIPAASecurityChecks', 'HIPAASecurityChecks'],
];

const LIBRARY_CONSTRUCTS: (abstract new (...args: any[]) => Construct)[] = Object.values(library as Record<string, unknown>)
  .filter((value: any) => typeof value === 'function' && value.prototype instanceof Construct) as any[];

function versionOf(pkg: string): string {
  return JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')).version;
}

function newExample(): { app: App; stack: LiveMediaExampleStack; outdir: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-live-media-nag-'));
  const app = new App({ outdir });
  return { app, stack: new LiveMediaExampleStack(app, 'LiveMediaExample'), outdir };
}

function finding(app: App, id: string, constructPath: string): NagFinding {
  const construct = app.node.findAll().find((c) => c.node.path === constructPath);
  const inStack = constructPath.split('/').slice(1);
  const owned = inStack[0]?.startsWith('CdkLiveMedia')
    || (construct?.node.scopes ?? []).some((scope) => LIBRARY_CONSTRUCTS.some((type) => scope instanceof type));
  return { id, path: inStack.join('/'), owned: Boolean(owned) };
}

/** cdk-nag 3: the Validations plugin (as users run it); where it cannot run, `validateScope`. Raw findings: `validateScope` with acknowledgments ignored. */
function runCdkNag3(): NagRun[] {
  const { app, stack, outdir } = newExample();
  try {
    const packs = PACKS.map(([name, v3]) => ({ name, pack: new (nag3 as any)[v3](app) as nag3.NagPack }));
    Validations.of(app).addPlugins(...packs.map((p) => p.pack));
    const exitCode = process.exitCode;
    const error = console.error;
    console.error = () => undefined;
    try {
      app.synth();
    } catch (e) {
      // aws-cdk-lib 2.278 throws on a failed validation (2.257 sets process.exitCode); the report says what failed.
      if (!/Validation failed/.test(String(e))) throw e;
    } finally {
      process.exitCode = exitCode;
      console.error = error;
    }
    const reportFile = ['validation-report.json', 'policy-validation-report.json'].map((f) => path.join(outdir, f)).find((f) => fs.existsSync(f));
    const reportJson = reportFile ? JSON.parse(fs.readFileSync(reportFile, 'utf8')) : {};
    if (process.env.NAG_DEBUG) fs.writeFileSync(process.env.NAG_DEBUG, JSON.stringify(reportJson, undefined, 2));
    const reports: any[] = reportJson.pluginReports ?? [];
    return packs.map(({ name, pack }) => {
      const acknowledged = pack.validateScope(stack).violations;
      const proto = nag3.NagPack.prototype as any;
      const isAcknowledged = proto.isAcknowledged;
      proto.isAcknowledged = () => false;
      const raw = (() => {
        try {
          return pack.validateScope(stack).violations;
        } finally {
          proto.isAcknowledged = isAcknowledged;
        }
      })();
      const toFindings = (violations: any[]) => violations
        .flatMap((v) => v.violatingResources.map((r: any) => finding(app, v.ruleName, r.constructPath)));
      // aws-cdk-lib 2.257 names the plugin in summary.pluginName, 2.278 in pluginName and leaves out plugins that passed.
      const report = reports.find((r) => (r.pluginName ?? r.summary?.pluginName) === pack.readPackName);
      const cannotRun = /requires a construct tree/.test(JSON.stringify(report ?? {}));
      const viaPlugin: NagFinding[] = cannotRun ? [] : (report?.violations ?? [])
        .flatMap((v: any) => (v.violatingConstructs ?? v.violatingResources ?? []).map((r: any) => finding(app, v.ruleName, r.constructPath)));
      const viaScope = toFindings(acknowledged);
      const key = (findings: NagFinding[]) => findings.map((f) => `${f.id} @ ${f.path}`).sort().join('\n');
      const note = cannotRun
        ? `the Validations plugin did not run (${report.summary?.metadata?.error ?? 'requires a construct tree'}): checked with validateScope`
        : key(viaPlugin) !== key(viaScope) ? `the Validations plugin reported ${viaPlugin.length} findings, validateScope ${viaScope.length}` : undefined;
      return {
        cdkNag: `3 (${versionOf('cdk-nag')})`,
        pack: name,
        how: cannotRun ? 'validateScope' : 'Validations plugin',
        note,
        raw: toFindings(raw),
        unacknowledged: cannotRun ? viaScope : viaPlugin,
      };
    });
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** cdk-nag 2: the packs as Aspects, findings through a logger (unacknowledged, suppressed, errors). */
function runCdkNag2(): NagRun[] {
  const { app, outdir } = newExample();
  try {
    const runs = PACKS.map(([name, , v2]) => {
      const unacknowledged: [string, string][] = [];
      const suppressed: [string, string][] = [];
      const id = (d: any) => (d.findingId && d.findingId !== d.ruleId ? `${d.ruleId}[${d.findingId}]` : d.ruleId);
      const logger = {
        onCompliance: () => undefined,
        onNotApplicable: () => undefined,
        onNonCompliance: (d: any) => unacknowledged.push([id(d), d.resource.node.path]),
        onSuppressed: (d: any) => suppressed.push([id(d), d.resource.node.path]),
        onError: (d: any) => unacknowledged.push([`${d.ruleId} (error: ${d.errorMessage})`, d.resource.node.path]),
        onSuppressedError: (d: any) => suppressed.push([d.ruleId, d.resource.node.path]),
      };
      Aspects.of(app).add(new nag2[v2]({ reports: false, additionalLoggers: [logger] }));
      return { name, unacknowledged, suppressed };
    });
    const error = console.error;
    console.error = () => undefined;
    try {
      app.synth();
    } finally {
      console.error = error;
    }
    return runs.map(({ name, unacknowledged, suppressed }) => ({
      cdkNag: `2 (${versionOf('cdk-nag-v2')})`,
      pack: name,
      how: 'Aspect',
      raw: [...unacknowledged, ...suppressed].map(([id, p]) => finding(app, id, p)),
      unacknowledged: unacknowledged.map(([id, p]) => finding(app, id, p)),
    }));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const report: NagReport = {
  awsCdkLib: versionOf('aws-cdk-lib'),
  runs: [...runCdkNag3(), ...runCdkNag2()],
};
// One copy of aws-cdk-lib for the library, the example and both cdk-nag majors: with two, the packs' `instanceof` checks would match nothing.
const awsCdkLib = require.resolve('aws-cdk-lib');
for (const nag of ['cdk-nag', 'cdk-nag-v2']) {
  const theirs = require.resolve('aws-cdk-lib', { paths: [path.dirname(require.resolve(nag))] });
  if (theirs !== awsCdkLib) throw new Error(`${nag} loads ${theirs}, the example ${awsCdkLib}: two copies of aws-cdk-lib`);
}
process.stdout.write(`${JSON.stringify(report)}\n`);
