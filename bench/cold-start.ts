/**
 * The shared handler's cold start, as module load time: a new Node.js
 * process that requires the bundle, and one that requires it and handles one
 * event of a resource type (loading that type's module and its service's SDK
 * client, which the bundle defers until the first event), each against
 * `node -e 0` and against the bundle of before the voice client
 * (bench/baseline), alternating so that neither always runs on a quieter
 * machine.
 */
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

/**
 * The handler bundle before this round's Chime SDK voice client (commit
 * 65b93ea; see bench/baseline/README.md): a cold start for one event of the
 * types it had must be no slower today.
 */
export const BASELINE_BUNDLE = path.join(__dirname, 'baseline', 'handler-65b93ea.js');
const BASELINE_TYPES = [KVS_IMAGE_GENERATION_RESOURCE_TYPE, IVS_COMPOSITION_RESOURCE_TYPE, VOICE_ANALYTICS_TASK_RESOURCE_TYPE];

export interface ColdStart {
  /** The Node.js the processes ran (`v20.20.2`): BENCH_NODE's, see measure.ts. */
  readonly node: string;
  readonly runs: number;
  readonly bareMs: number;
  readonly requireMs: number;
  /** require(bundle) plus one event of each type, in ms; `baselineMs` for the types the baseline bundle had. */
  readonly firstEventMs: { readonly resourceType: string; readonly ms: number; readonly baselineMs?: number }[];
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
  const baseline = new Map<string, number[]>(BASELINE_TYPES.map((t) => [t, []]));
  for (let i = 0; i < runs; i++) {
    bare.push(medianProcessMs(['-e', '0'], 1));
    load.push(medianProcessMs(['-e', `require(${JSON.stringify(bundle)})`], 1));
    for (const [type, samples] of perType) {
      samples.push(medianProcessMs(['-e', firstEventScript(bundle, type)], 1));
      baseline.get(type)?.push(medianProcessMs(['-e', firstEventScript(BASELINE_BUNDLE, type)], 1));
    }
  }
  return {
    node: benchNodeVersion(),
    runs,
    bareMs: median(bare),
    requireMs: median(load),
    firstEventMs: [...perType].map(([resourceType, samples]) => {
      const before = baseline.get(resourceType);
      return { resourceType, ms: median(samples), ...(before ? { baselineMs: median(before) } : {}) };
    }),
  };
}

/** The BENCHMARKS.md lines of the cold start, in the Handler section's table. */
export function coldStartRows(cold: ColdStart): string[] {
  const times = (ms: number) => `${(ms / cold.bareMs).toFixed(2)}×`;
  const compared = cold.firstEventMs.filter((e) => e.baselineMs !== undefined);
  const worst = Math.max(...compared.map((e) => e.ms / e.baselineMs!));
  return [
    `| \`node -e 0\` on Node.js ${cold.node} (median of ${cold.runs}, alternating with the rows below; every row runs on it) | ${cold.bareMs.toFixed(0)} ms | |`,
    `| cold module load: \`require(bundle)\` | ${cold.requireMs.toFixed(0)} ms (${times(cold.requireMs)}) | |`,
    ...cold.firstEventMs.map((e) => `| cold start for one \`${e.resourceType}\` event: \`require(bundle)\` + its module and SDK client | ` +
      `${e.ms.toFixed(0)} ms (${times(e.ms)})${e.baselineMs === undefined ? '' : `; before the voice client ${e.baselineMs.toFixed(0)} ms (${times(e.baselineMs)})`} | |`),
    `| worst cold start for one event, today / before the voice client | ${worst.toFixed(2)} | at most 1.00 (no worse) |`,
  ];
}
