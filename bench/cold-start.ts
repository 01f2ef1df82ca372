/**
 * The shared handler's cold start, as module load time: a new Node.js
 * process that requires the bundle, and one that requires it and handles one
 * event of a resource type (loading that type's module and its service's SDK
 * client, which the bundle defers until the first event), each against
 * `node -e 0`, alternating so that neither always runs on a quieter machine.
 */
import { median, medianProcessMs } from './measure';
import { VOICE_ANALYTICS_TASK_RESOURCE_TYPE } from '../src/chime/contract';
import { PIPELINE_CONFIGURATION_RESOURCE_TYPE } from '../src/chime/contract-configuration';
import { VOICE_PROFILE_DOMAIN_RESOURCE_TYPE } from '../src/chime/contract-domain';
import { IVS_COMPOSITION_RESOURCE_TYPE } from '../src/ivs/contract';
import { KVS_IMAGE_GENERATION_RESOURCE_TYPE } from '../src/kvs/contract';

/** One resource type per SDK client the handler carries. */
const RESOURCE_TYPES = [
  KVS_IMAGE_GENERATION_RESOURCE_TYPE,
  IVS_COMPOSITION_RESOURCE_TYPE,
  VOICE_ANALYTICS_TASK_RESOURCE_TYPE,
  PIPELINE_CONFIGURATION_RESOURCE_TYPE,
  VOICE_PROFILE_DOMAIN_RESOURCE_TYPE,
];

/**
 * Before this round's Chime SDK voice client, `require(bundle)` loaded in
 * 1.58× `node -e 0` (BENCHMARKS.md at commit 65b93ea, 383.6 KB): the cold
 * start that any one event must not exceed.
 */
export const COLD_START_BASELINE_RATIO = 1.58;

export interface ColdStart {
  readonly runs: number;
  readonly bareMs: number;
  readonly requireMs: number;
  /** require(bundle) plus one event of each type, in ms. */
  readonly firstEventMs: { readonly resourceType: string; readonly ms: number }[];
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
  for (let i = 0; i < runs; i++) {
    bare.push(medianProcessMs(['-e', '0'], 1));
    load.push(medianProcessMs(['-e', `require(${JSON.stringify(bundle)})`], 1));
    for (const [type, samples] of perType) samples.push(medianProcessMs(['-e', firstEventScript(bundle, type)], 1));
  }
  return {
    runs,
    bareMs: median(bare),
    requireMs: median(load),
    firstEventMs: [...perType].map(([resourceType, samples]) => ({ resourceType, ms: median(samples) })),
  };
}

/** The BENCHMARKS.md lines of the cold start, in the Handler section's table. */
export function coldStartRows(cold: ColdStart): string[] {
  const times = (ms: number) => `${(ms / cold.bareMs).toFixed(2)}×`;
  const worst = Math.max(...cold.firstEventMs.map((e) => e.ms));
  return [
    `| \`node -e 0\` (median of ${cold.runs}, alternating with the rows below) | ${cold.bareMs.toFixed(0)} ms | |`,
    `| cold module load: \`require(bundle)\` | ${cold.requireMs.toFixed(0)} ms (${times(cold.requireMs)}) | |`,
    ...cold.firstEventMs.map((e) =>
      `| cold start for one \`${e.resourceType}\` event: \`require(bundle)\` + its module and SDK client | ${e.ms.toFixed(0)} ms (${times(e.ms)}) | |`),
    `| worst cold start for one event, against \`node -e 0\` | ${times(worst)} | at most ${COLD_START_BASELINE_RATIO}× (the load before the voice client) |`,
  ];
}
