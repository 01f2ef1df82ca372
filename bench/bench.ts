/**
 * cdk-live-media against hand-written AwsCustomResource calls, measured in
 * one run, alternately: `npx projen bench` rewrites BENCHMARKS.md and
 * bench/results.svg. It prints figures; it asserts nothing.
 *
 * `BENCH_ONLY=synth,handler,extra-wait,under-quota,stage-keeper,weight` (any
 * of them) measures only the footprint and synth time against N (and
 * redraws bench/results.svg), the handler's bundle and cold start, the extra
 * wait after a transition, the deploy under API quotas (under-quota.ts)
 * and/or the stage keeper (stage-keeper.ts), or rewrites the record of
 * bench/weight.ts, and replaces those sections of BENCHMARKS.md, keeping the
 * others' figures.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lineCharts } from './chart';
import { coldStartRows, measureColdStart } from './cold-start';
import type { ColdStart } from './cold-start';
import { measureExtraWait } from './extra-wait';
import type { ExtraWait } from './extra-wait';
import { measureStack, median } from './measure';
import type { StackFigures } from './measure';
import { WORKLOADS } from './stacks';
import type { Approach } from './stacks';
import { measureStageKeeper, stageKeeperSection } from './stage-keeper';
import type { StageKeeperFigures } from './stage-keeper';
import { measureUnderQuota, underQuotaSection } from './under-quota';
import type { UnderQuota } from './under-quota';
import { weightSection } from './weight';
import type { HandlerFile } from '../scripts/bundle-handler';
import { bundleHandler, loadedWith, SHARED_CHUNKS_DIR } from '../scripts/bundle-handler';

const SIZES = [1, 10, 50, 150];
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const LOAD_RUNS = 21;
/** When the fake services reach ACTIVE / InProgress, after the start: spread over the handler's polling schedule. */
const TRANSITIONS_MS = [700, 1_600, 2_600, 3_100, 4_600, 6_100];
const ROOT = path.join(__dirname, '..');
const BUNDLE = path.join(ROOT, 'assets', 'handler', 'index.js');
const APPROACHES: Approach[] = ['cdk-live-media', 'AwsCustomResource'];
const CDK_VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'aws-cdk-lib', 'package.json'), 'utf-8')).version;

type Row = Record<Approach, StackFigures>;

function medianFigures(samples: StackFigures[]): StackFigures {
  return { ...samples[0], synthMs: median(samples.map((s) => s.synthMs)) };
}

function measureSizes(): Map<number, Row> {
  // Warm up both paths once so that neither pays for loading modules in its first sample.
  for (const approach of APPROACHES) measureStack(approach, 1);
  const rows = new Map<number, Row>();
  for (const n of SIZES) {
    const samples: Record<Approach, StackFigures[]> = { 'cdk-live-media': [], 'AwsCustomResource': [] };
    for (let run = 0; run < RUNS; run++) {
      // Alternate the order too, so that neither always runs on a warmer process.
      const order = run % 2 ? [...APPROACHES].reverse() : APPROACHES;
      for (const approach of order) samples[approach].push(measureStack(approach, n));
    }
    rows.set(n, { 'cdk-live-media': medianFigures(samples['cdk-live-media']), 'AwsCustomResource': medianFigures(samples.AwsCustomResource) });
    const [ours, theirs] = APPROACHES.map((a) => rows.get(n)![a]);
    console.log(`N=${n}: synth ${ours.synthMs.toFixed(0)} ms vs ${theirs.synthMs.toFixed(0)} ms, template ${ours.templateBytes} B vs ${theirs.templateBytes} B`);
  }
  return rows;
}

const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : (a / b).toFixed(2));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function perInstance(rows: Map<number, Row>, approach: Approach, n: number): number {
  const first = rows.get(SIZES[0])![approach].templateBytes;
  return n === SIZES[0] ? NaN : (rows.get(n)![approach].templateBytes - first) / ((n - SIZES[0]) * WORKLOADS.length);
}

/** The BENCHMARKS.md section on the extra wait after a transition: its heading first. */
function extraWaitSection(waits: ExtraWait[]): string[] {
  const lines: string[] = [];
  lines.push('## Extra wait after the service\'s transition', '');
  lines.push('The bundled handler run as Lambda runs it, against the lifecycle harness\'s local fake services',
    '(test/harness), which reach ACTIVE (IVS) or InProgress (Chime) a set time after the start. The extra wait',
    'is from that moment until CloudFormation\'s response URL receives the answer. Target: at most 2 s.', '');
  lines.push('| construct | transition after start (ms) | extra wait (ms) |', '| --- | ---: | ---: |');
  for (const w of waits) lines.push(`| ${w.construct} | ${w.transitionAfterMs} | ${Math.round(w.extraMs)} |`);
  const extras = waits.map((w) => w.extraMs);
  lines.push('', `Median ${Math.round(median(extras))} ms, worst ${Math.round(Math.max(...extras))} ms: the handlers poll after 0.5 s, 1 s and then every 1 to 1.5 s (jittered), so the wait after a transition is at most one poll interval plus one round trip.`, '');
  return lines;
}

/** The BENCHMARKS.md section on the shared handler's bundle and cold start: its heading first. */
function handlerSection(files: HandlerFile[], cold: ColdStart): string[] {
  const bytes = new Map(files.map((f) => [f.file, Buffer.byteLength(f.contents)]));
  const sum = (names: string[]) => names.reduce((a, f) => a + bytes.get(f)!, 0);
  const total = sum([...bytes.keys()]);
  const shared = files.filter((f) => f.file.startsWith(`${SHARED_CHUNKS_DIR}/`)).map((f) => f.file);
  const services = files.map((f) => f.file).filter((f) => f.endsWith('/index.js') && !f.startsWith(`${SHARED_CHUNKS_DIR}/`)).sort();
  const loaded = new Map(services.map((s) => [s, sum(loadedWith(files, s))]));
  const largest = Math.max(...loaded.values());
  const lines: string[] = [];
  lines.push('## Handler', '');
  lines.push('| figure | value | target |', '| --- | ---: | --- |');
  lines.push(`| assets/handler/index.js (minified) | ${kb(bytes.get('index.js')!)} | |`);
  for (const s of services) lines.push(`| assets/handler/${s} (minified); with the shared files it requires | ${kb(bytes.get(s)!)}; ${kb(loaded.get(s)!)} | |`);
  lines.push(`| assets/handler/${SHARED_CHUNKS_DIR}/ (${shared.length} files: the SDK core and lambda/shared/ once, the credential providers the SDK loads on demand) | ${kb(sum(shared))} | |`);
  lines.push(`| assets/handler/__entrypoint__.js (minified) | ${kb(bytes.get('__entrypoint__.js')!)} | |`);
  lines.push(`| the whole asset | ${kb(total)} | at most 700 KB |`);
  lines.push(`| what one event loads: index.js and the largest service file with the shared files it requires | ${kb(bytes.get('index.js')! + largest)} | at most 340 KB |`);
  lines.push(...coldStartRows(cold), '');
  lines.push('index.js is the dispatch table alone: each service\'s handlers are bundled with their SDK client',
    '(scripts/bundle-handler.ts) and required when the service\'s first event arrives, so a cold start',
    'parses and evaluates the SDK core and one client, not all four. What the service files share (the SDK',
    'core, lambda/shared/) is written once in shared/ (esbuild code splitting, each file turned into CommonJS)',
    'instead of once per service file. The credential providers the SDK imports on demand stay files of their',
    'own: an event loads the one the function\'s credentials need (from the environment on Lambda). Measured',
    'with Node.js 20 here; Lambda runs Node.js 24.', '');
  return lines;
}

/** The BENCHMARKS.md section on footprint and synth time: its heading first. */
function footprintSection(rows: Map<number, Row>): string[] {
  const lines: string[] = [];
  lines.push('## Footprint and synth time', '');
  lines.push('| N | approach | synth ms | template bytes | bytes per added instance | Lambda functions | IAM policies | largest role inline policy chars | resources (limit 500) |');
  lines.push('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const n of SIZES) {
    for (const approach of APPROACHES) {
      const f = rows.get(n)![approach];
      const per = perInstance(rows, approach, n);
      lines.push(`| ${n} | ${approach} | ${f.synthMs.toFixed(0)} | ${f.templateBytes} | ${Number.isNaN(per) ? '–' : per.toFixed(0)} | ${f.lambdaFunctions} | ${f.iamPolicies} | ${f.largestRoleInlinePolicyChars}${f.largestRoleInlinePolicyChars > 10_240 ? ' (over 10,240)' : ''} | ${f.resources}${f.resources > 500 ? ' (over)' : ''} |`);
    }
  }
  lines.push('');
  return lines;
}

/** The BENCHMARKS.md section on the ratios of the two approaches: its heading first. */
function ratiosSection(rows: Map<number, Row>): string[] {
  const lines: string[] = [];
  lines.push('## Ratios (cdk-live-media / AwsCustomResource)', '');
  lines.push('| N | synth time | template bytes | bytes per added instance | Lambda functions | IAM policies | largest role inline policy |');
  lines.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const n of SIZES) {
    const [o, t] = APPROACHES.map((a) => rows.get(n)![a]);
    const perO = perInstance(rows, 'cdk-live-media', n);
    const perT = perInstance(rows, 'AwsCustomResource', n);
    lines.push(`| ${n} | ${ratio(o.synthMs, t.synthMs)} | ${ratio(o.templateBytes, t.templateBytes)} | ${Number.isNaN(perO) ? '–' : ratio(perO, perT)} | ${o.lambdaFunctions} / ${t.lambdaFunctions} | ${o.iamPolicies} / ${t.iamPolicies} | ${ratio(o.largestRoleInlinePolicyChars, t.largestRoleInlinePolicyChars)} |`);
  }
  lines.push('', '![template bytes and synth time against N](bench/results.svg)', '');

  return lines;
}

function report(rows: Map<number, Row>, files: HandlerFile[], cold: ColdStart,
  waits: ExtraWait[], quota: UnderQuota, keeper: StageKeeperFigures): string {
  const lines: string[] = [];
  lines.push('# Benchmarks', '');
  lines.push('cdk-live-media against the same resources written by hand with `AwsCustomResource`',
    '(the same API calls on create, update and delete; `AwsCustomResourcePolicy.fromSdkCalls` scoped to',
    'the resources; `installLatestAwsSdk: false`). Generated by `npx projen bench`; do not edit.', '');
  lines.push(`- Date: ${new Date().toISOString().slice(0, 10)}`);
  lines.push(`- Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}`);
  lines.push(`- Node.js ${process.version}; aws-cdk-lib ${CDK_VERSION}`);
  lines.push(`- Workloads per N: N instances of each of ${WORKLOADS.map((w) => `\`${w.name}\``).join(', ')} (${WORKLOADS.length} × N custom resources)`);
  lines.push(`- Synth time: construction + \`app.synth()\` in one process, median of ${RUNS} alternating runs after a warm-up`);
  lines.push('- Reproduce: `npx projen bench` (`BENCH_RUNS=9 npx projen bench` for more runs)', '');

  lines.push(...footprintSection(rows), ...ratiosSection(rows));
  lines.push(...handlerSection(files, cold));
  lines.push(...extraWaitSection(waits));
  lines.push(...underQuotaSection(quota));
  lines.push(...stageKeeperSection(keeper));
  lines.push('', ...weightSection());
  return lines.join('\n');
}

/** bench/results.svg: template size and synth time against N. */
function writeChart(rows: Map<number, Row>): void {
  const series = (pick: (f: StackFigures) => number) => APPROACHES.map((approach, i) => ({
    label: approach,
    color: i === 0 ? '#1f77b4' : '#d62728',
    points: SIZES.map((n) => ({ x: n, y: pick(rows.get(n)![approach]) })),
  }));
  fs.writeFileSync(path.join(__dirname, 'results.svg'), lineCharts([
    { title: 'Template size', yLabel: 'bytes', series: series((f) => f.templateBytes) },
    { title: 'Synth time (median)', yLabel: 'ms', series: series((f) => f.synthMs) },
  ], 'instances of each construct (N)'));
}

/** Replaces the section that starts with `section`'s heading (up to the next heading), or appends it. */
function replaceSection(markdown: string, section: string[]): string {
  const start = markdown.indexOf(section[0]);
  if (start < 0) return `${markdown.trimEnd()}\n\n${section.join('\n')}`;
  const next = markdown.indexOf('\n## ', start + section[0].length);
  return `${markdown.slice(0, start)}${section.join('\n').trimEnd()}\n${next < 0 ? '' : `\n${markdown.slice(next + 1)}`}`;
}

async function main() {
  if (!fs.existsSync(BUNDLE)) throw new Error(`No handler bundle at ${BUNDLE}: run npx projen bundle`);
  const only = process.env.BENCH_ONLY?.split(',');
  if (only) {
    const file = path.join(ROOT, 'BENCHMARKS.md');
    let markdown = fs.readFileSync(file, 'utf-8');
    if (only.includes('weight')) markdown = replaceSection(markdown, weightSection());
    if (only.includes('synth')) {
      const rows = measureSizes();
      markdown = replaceSection(replaceSection(markdown, footprintSection(rows)), ratiosSection(rows));
      writeChart(rows);
    }
    if (only.includes('handler')) markdown = replaceSection(markdown, handlerSection(await bundleHandler(ROOT), measureColdStart(BUNDLE, LOAD_RUNS)));
    if (only.includes('stage-keeper')) markdown = replaceSection(markdown, stageKeeperSection(await measureStageKeeper()));
    if (only.includes('extra-wait')) markdown = replaceSection(markdown, extraWaitSection(await measureExtraWait(TRANSITIONS_MS)));
    if (only.includes('under-quota')) markdown = replaceSection(markdown, underQuotaSection(await measureUnderQuota()));
    fs.writeFileSync(file, markdown);
    console.log(markdown);
    return;
  }
  const rows = measureSizes();
  const cold = measureColdStart(BUNDLE, LOAD_RUNS);
  const waits = await measureExtraWait(TRANSITIONS_MS);
  const quota = await measureUnderQuota();
  const keeper = await measureStageKeeper();
  writeChart(rows);
  const markdown = report(rows, await bundleHandler(ROOT), cold, waits, quota, keeper);
  fs.writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), markdown);
  console.log(markdown);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
