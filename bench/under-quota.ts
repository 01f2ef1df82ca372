/**
 * A deploy under the account's API quotas: 10 IvsComposition and 20
 * VoiceAnalyticsTask resources created at once, each handler in its own
 * process, against the lifecycle harness's fake with a token bucket of 5
 * requests a second per operation for the account (IVS's quota; assumed for
 * the Chime task APIs), every object starting for 30 s; compared with one of
 * each created alone under the same quotas (test/harness/runtime/concurrent-creates.ts).
 */
import * as os from 'os';
import { median } from './measure';
import { CHIME_QUOTA_PER_SECOND, IVS_QUOTA_PER_SECOND, createAtOnce } from '../test/harness/runtime/concurrent-creates';
import type { ConcurrentOutcome } from '../test/harness/runtime/concurrent-creates';
import { LifecycleHarness } from '../test/harness/runtime/lambda-runner';
import { ivsCompositionPart, voiceAnalyticsTaskPart } from '../test/harness/runtime/parts';

export const UNDER_QUOTA = { compositions: 10, tasks: 20, startingMs: 30_000 } as const;

export interface UnderQuota {
  /** One composition and one task (which share no quota) created at once. */
  readonly alone: ConcurrentOutcome;
  readonly together: ConcurrentOutcome;
  /** The machine's 1-minute load average when the measurement began. */
  readonly loadAverage: number;
}

export async function measureUnderQuota(): Promise<UnderQuota> {
  const h = await LifecycleHarness.start([ivsCompositionPart, voiceAnalyticsTaskPart]);
  const loadAverage = os.loadavg()[0];
  try {
    h.fake.reset();
    const alone = await createAtOnce(h, { compositions: 1, tasks: 1, startingMs: UNDER_QUOTA.startingMs });
    h.fake.reset();
    const together = await createAtOnce(h, UNDER_QUOTA);
    return { alone, together, loadAverage };
  } finally {
    await h.stop();
  }
}

/** The BENCHMARKS.md section: its heading first. */
export function underQuotaSection({ alone, together, loadAverage }: UnderQuota): string[] {
  const of = (outcome: ConcurrentOutcome, construct: string) => outcome.created.filter((c) => c.construct === construct);
  const s = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1_000).toFixed(1)} s` : 'never');
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  const lines = [
    '## Many resources created at once under the API quotas', '',
    `${UNDER_QUOTA.compositions} \`IvsComposition\` and ${UNDER_QUOTA.tasks} \`VoiceAnalyticsTask\` resources created at once, as CloudFormation`,
    'creates independent resources in parallel: each bundled handler in its own process (its own SDK client), against',
    `the harness's fake with a per-account token bucket on every operation (IVS ${IVS_QUOTA_PER_SECOND} requests a second per operation,`,
    `its real quota; ${CHIME_QUOTA_PER_SECOND} a second assumed for the Chime task APIs). Every composition stays STARTING and every task`,
    `Initializing for ${UNDER_QUOTA.startingMs / 1_000} s. "Alone": one of each (they share no quota) under the same quotas. Times are from the`,
    'start of the invocations to CloudFormation receiving the answer; they include the cold starts of the processes,',
    `which share the machine's ${os.cpus().length} cores (1-minute load average ${loadAverage.toFixed(1)} when this began): the "objects started"`,
    'column shows when the handlers got that far. What the quotas cost is the answer after the transition.', '',
    '| construct | created | answered SUCCESS | objects started | last SUCCESS | alone | answer after the transition: median | worst | alone |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const construct of ['IvsComposition', 'VoiceAnalyticsTask']) {
    const many = of(together, construct);
    const one = of(alone, construct)[0];
    const ok = many.filter((c) => c.invocation.response?.Status === 'SUCCESS');
    const after = ok.map((c) => c.answeredAfterTransitionMs);
    const started = ok.map((c) => c.objectStartedAfterMs);
    lines.push(`| ${construct} | ${many.length} | ${ok.length} | ${s(Math.min(...started))} to ${s(Math.max(...started))} | ` +
      `${s(Math.max(...many.map((c) => c.answeredAfterMs)))} | ${s(one.answeredAfterMs)} | ` +
      `${s(median(after))} | ${s(Math.max(...after))} | ${s(one.answeredAfterTransitionMs)} |`);
  }
  const throttled = sum(together.throttled);
  lines.push('', `All ${together.created.length} together: the last SUCCESS ${s(together.lastAnswerAfterMs)} after the start, against ` +
    `${s(alone.lastAnswerAfterMs)} for one of each alone. The quota throttled ${throttled} of ${sum(together.requests)} requests ` +
    `(SDK retries included: ${Object.entries(together.throttled).map(([op, n]) => `${op} ${n}`).join(', ')}); ` +
    'a throttled poll makes the wait back off (3 s, 6 s, up to 10 s) and go on, instead of failing the resource.', '');
  return lines;
}
