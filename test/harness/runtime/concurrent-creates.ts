/**
 * A deploy under the account's API quotas: many IvsComposition and
 * VoiceAnalyticsTask resources created at once, as CloudFormation creates a
 * stack's independent resources in parallel, each in its own Lambda container
 * (its own process, its own SDK client), against the fake with a per-account
 * token bucket on every IVS and Chime task operation. The objects stay
 * starting (STARTING, Initializing) for a while, so every handler waits, and
 * all the waits poll against the same quota.
 *
 * Used by the harness test (under-quota.harness.test.ts) and the bench.
 */
import { randomUUID } from 'crypto';
import type { Invocation, LifecycleHarness } from './lambda-runner';
import { registerIvsResources } from './parts';

/** IVS real-time: 5 requests a second per operation per account, not adjustable. */
export const IVS_QUOTA_PER_SECOND = 5;
/** The Chime SDK media pipelines task APIs have no documented rate: 5 a second is assumed. */
export const CHIME_QUOTA_PER_SECOND = 5;

const IVS_OPERATIONS = ['StartComposition', 'GetComposition', 'StopComposition'];
const CHIME_OPERATIONS = ['Start', 'Get', 'Stop'].flatMap((verb) => [`${verb}VoiceToneAnalysisTask`, `${verb}SpeakerSearchTask`]);

export interface ConcurrentCreates {
  readonly compositions: number;
  readonly tasks: number;
  /** How long each composition stays STARTING and each task Initializing, from its start. */
  readonly startingMs: number;
  /** The resources' start timeout. @default 300 */
  readonly startTimeoutSeconds?: number;
}

export interface CreatedResource {
  readonly construct: 'IvsComposition' | 'VoiceAnalyticsTask';
  readonly invocation: Invocation;
  /** From the start of all the invocations to this one's answer, ms (Infinity without one). */
  readonly answeredAfterMs: number;
  /** From the start of all the invocations to the Start of its object, ms (NaN without one). */
  readonly objectStartedAfterMs: number;
  /** From its object's transition (ACTIVE / InProgress) to the answer, ms (NaN without a SUCCESS). */
  readonly answeredAfterTransitionMs: number;
}

export interface ConcurrentOutcome {
  readonly created: CreatedResource[];
  /** Requests the quota throttled, by operation (SDK retries included: each attempt is a request). */
  readonly throttled: Record<string, number>;
  /** Requests, by operation. */
  readonly requests: Record<string, number>;
  /** From the start of all the invocations to the last answer, ms. */
  readonly lastAnswerAfterMs: number;
  /** The latest answer after its own object's transition, ms (Infinity when a resource did not answer SUCCESS). */
  readonly worstAfterTransitionMs: number;
}

/** Puts the fake's quotas on every IVS and Chime task operation, and keeps objects starting for `startingMs`. */
export function limitAccount(h: LifecycleHarness, options: Pick<ConcurrentCreates, 'compositions' | 'startingMs'>): void {
  for (const op of IVS_OPERATIONS) h.fake.quotas.set(op, { perSecond: IVS_QUOTA_PER_SECOND });
  for (const op of CHIME_OPERATIONS) h.fake.quotas.set(op, { perSecond: CHIME_QUOTA_PER_SECOND });
  h.fake.ivs.options = {
    ...h.fake.ivs.options,
    starting: { gets: Number.MAX_SAFE_INTEGER, ms: options.startingMs },
    maxActive: Math.max(h.fake.ivs.options.maxActive, options.compositions),
  };
  h.fake.chime.options = { ...h.fake.chime.options, inProgressAfterMs: options.startingMs };
}

/**
 * Creates `compositions` compositions (each on its own stage) and `tasks`
 * voice tone analysis tasks (each on its own pipeline) at once, on a fake
 * limited by `limitAccount`.
 */
export async function createAtOnce(h: LifecycleHarness, options: ConcurrentCreates): Promise<ConcurrentOutcome> {
  registerIvsResources(h);
  limitAccount(h, options);
  const timeout = String(options.startTimeoutSeconds ?? 300);
  const events = [
    ...Array.from({ length: options.compositions }, (_, i) => ({
      construct: 'IvsComposition' as const,
      event: h.event('Create', 'ivs.initial', {
        logicalId: `Composition${i}`,
        properties: { ...h.resource('ivs.initial').properties, stageArn: h.fake.ivs.addResource('stage'), StartTimeoutSeconds: timeout },
      }),
    })),
    ...Array.from({ length: options.tasks }, (_, i) => ({
      construct: 'VoiceAnalyticsTask' as const,
      event: h.event('Create', 'chime.initial', {
        logicalId: `Sentiment${i}`,
        properties: { ...h.resource('chime.initial').properties, Identifier: h.fake.chime.addPipeline({ id: randomUUID() }).id, StartTimeoutSeconds: timeout },
      }),
    })),
  ];
  const started = Date.now();
  const created = await Promise.all(events.map(async ({ construct, event }) => {
    const invocation = await h.invoke(event);
    const objectStartedAt = objectStartOf(h, invocation);
    const answeredAt = invocation.respondedAt ?? Infinity;
    return {
      construct,
      invocation,
      answeredAfterMs: answeredAt - started,
      objectStartedAfterMs: objectStartedAt - started,
      answeredAfterTransitionMs: answeredAt - (objectStartedAt + options.startingMs),
    };
  }));
  return {
    created,
    throttled: countBy(h.fake.calls.filter((c) => c.overQuota)),
    requests: countBy(h.fake.calls),
    lastAnswerAfterMs: Math.max(...created.map((c) => c.answeredAfterMs)),
    worstAfterTransitionMs: Math.max(...created.map((c) => (Number.isNaN(c.answeredAfterTransitionMs) ? Infinity : c.answeredAfterTransitionMs))),
  };
}

function countBy(calls: { operation: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of calls) counts[c.operation] = (counts[c.operation] ?? 0) + 1;
  return counts;
}

/** When the object a successful invocation created was started (NaN when it answered no SUCCESS). */
function objectStartOf(h: LifecycleHarness, invocation: Invocation): number {
  const physicalId = invocation.response?.Status === 'SUCCESS' ? invocation.response.PhysicalResourceId : undefined;
  if (!physicalId) return NaN;
  const composition = h.fake.ivs.compositions.get(physicalId);
  if (composition) return Date.parse(composition.startTime);
  const task = h.fake.chime.tasks.get(physicalId.split('|')[1]);
  return task ? Date.parse(task.created) : NaN;
}
