/**
 * The shared handler's cold start, as module load time: a new Node.js
 * process that requires the bundle, and one that requires it and handles one
 * event of a resource type (loading that type's module and its service's SDK
 * client, which the bundle defers until the first event), each against
 * `node -e 0` and against two earlier bundles (bench/baseline): the one of
 * before the voice client and the one of before the shared SDK core,
 * alternating so that neither always runs on a quieter machine.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { benchNodeVersion, median, medianProcessMs } from './measure';
import { PIPELINE_CONFIGURATION_RESOURCE_TYPE } from '../src/chime/pipeline-configuration.contract';
import { VOICE_ANALYTICS_TASK_RESOURCE_TYPE } from '../src/chime/voice-analytics-task.contract';
import { VOICE_PROFILE_DOMAIN_RESOURCE_TYPE } from '../src/chime/voice-profile-domain.contract';
import { IVS_COMPOSITION_RESOURCE_TYPE } from '../src/ivs/composition.contract';
import { KVS_IMAGE_GENERATION_RESOURCE_TYPE } from '../src/kvs/image-generation.contract';

/** One resource type per SDK client the handler carries. */
const RESOURCE_TYPES = [
  KVS_IMAGE_GENERATION_RESOURCE_TYPE,
  IVS_COMPOSITION_RESOURCE_TYPE,
  VOICE_ANALYTICS_TASK_RESOURCE_TYPE,
  PIPELINE_CONFIGURATION_RESOURCE_TYPE,
  VOICE_PROFILE_DOMAIN_RESOURCE_TYPE,
];

/** An earlier handler bundle (bench/baseline/README.md says how each was built) and the resource types it had. */
interface Baseline {
  readonly name: string;
  readonly bundle: string;
  readonly types: string[];
}

/**
 * The asset of commit 4837dcb, the last one with the SDK core bundled into
 * each service file, stored compressed: unpacked to a temporary folder.
 */
function unpackSharedCoreBaseline(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-baseline-'));
  execFileSync('tar', ['-xzf', path.join(__dirname, 'baseline', 'handler-4837dcb.tar.gz'), '-C', dir]);
  return path.join(dir, 'handler', 'index.js');
}

/**
 * A cold start for one event must be no slower than with the bundle of before
 * the shared SDK core (the target); the bundle of before the voice client
 * (commit 65b93ea, one file) is the older reference.
 */
function baselines(): Baseline[] {
  return [
    { name: 'before the shared SDK core', bundle: unpackSharedCoreBaseline(), types: RESOURCE_TYPES },
    {
      name: 'before the voice client',
      bundle: path.join(__dirname, 'baseline', 'handler-65b93ea.js'),
      types: [KVS_IMAGE_GENERATION_RESOURCE_TYPE, IVS_COMPOSITION_RESOURCE_TYPE, VOICE_ANALYTICS_TASK_RESOURCE_TYPE],
    },
  ];
}

export interface ColdStart {
  /** The Node.js the processes ran (`v20.20.2`): BENCH_NODE's, see measure.ts. */
  readonly node: string;
  readonly runs: number;
  readonly bareMs: number;
  readonly requireMs: number;
  /** require(bundle) plus one event of each type, in ms, and with each baseline bundle that had the type (by baseline name). */
  readonly firstEventMs: { readonly resourceType: string; readonly ms: number; readonly baselineMs: Record<string, number> }[];
}

/**
 * A Delete with no properties: the handler loads the type's module, then the
 * decoding fails before any API call, so no network or credentials are involved.
 */
function firstEventScript(bundle: string, resourceType: string): string {
  const event = { RequestType: 'Delete', ResourceType: resourceType, LogicalResourceId: 'Bench', PhysicalResourceId: 'bench', ResourceProperties: {} };
  return `require(${JSON.stringify(bundle)}).handler(${JSON.stringify(event)}, { getRemainingTimeInMillis: () => 60000 }).catch(() => {});`;
}

export function measureColdStart(bundle: string, runs: number): ColdStart {
  const bare: number[] = [];
  const load: number[] = [];
  const perType = new Map<string, number[]>(RESOURCE_TYPES.map((t) => [t, []]));
  const before = baselines();
  const perBaseline = new Map(before.map((b) => [b.name, new Map<string, number[]>(b.types.map((t) => [t, []]))]));
  try {
    for (let i = 0; i < runs; i++) {
      bare.push(medianProcessMs(['-e', '0'], 1));
      load.push(medianProcessMs(['-e', `require(${JSON.stringify(bundle)})`], 1));
      for (const [type, samples] of perType) {
        samples.push(medianProcessMs(['-e', firstEventScript(bundle, type)], 1));
        for (const b of before) perBaseline.get(b.name)!.get(type)?.push(medianProcessMs(['-e', firstEventScript(b.bundle, type)], 1));
      }
    }
  } finally {
    fs.rmSync(path.dirname(path.dirname(before[0].bundle)), { recursive: true, force: true });
  }
  return {
    node: benchNodeVersion(),
    runs,
    bareMs: median(bare),
    requireMs: median(load),
    firstEventMs: [...perType].map(([resourceType, samples]) => ({
      resourceType,
      ms: median(samples),
      baselineMs: Object.fromEntries(before.filter((b) => b.types.includes(resourceType))
        .map((b) => [b.name, median(perBaseline.get(b.name)!.get(resourceType)!)])),
    })),
  };
}

/** The BENCHMARKS.md lines of the cold start, in the Handler section's table. */
export function coldStartRows(cold: ColdStart): string[] {
  const times = (ms: number) => `${(ms / cold.bareMs).toFixed(2)}×`;
  const names = [...new Set(cold.firstEventMs.flatMap((e) => Object.keys(e.baselineMs)))];
  const worst = (name: string) => Math.max(...cold.firstEventMs
    .filter((e) => e.baselineMs[name] !== undefined).map((e) => e.ms / e.baselineMs[name]));
  return [
    `| \`node -e 0\` on Node.js ${cold.node} (median of ${cold.runs}, alternating with the rows below; every row runs on it) | ${cold.bareMs.toFixed(0)} ms | |`,
    `| cold module load: \`require(bundle)\` | ${cold.requireMs.toFixed(0)} ms (${times(cold.requireMs)}) | |`,
    ...cold.firstEventMs.map((e) => `| cold start for one \`${e.resourceType}\` event: \`require(bundle)\` + its module and SDK client | ` +
      `${e.ms.toFixed(0)} ms (${times(e.ms)})${Object.entries(e.baselineMs).map(([name, ms]) => `; ${name} ${ms.toFixed(0)} ms (${times(ms)})`).join('')} | |`),
    ...names.map((name, i) => `| worst cold start for one event, today / ${name} | ${worst(name).toFixed(2)} | ${i === 0 ? 'at most 1.00 (no worse)' : ''} |`),
  ];
}
