/**
 * How long after a service reaches the state a Create waits for (IVS
 * composition ACTIVE, Chime task InProgress) our handler answers
 * CloudFormation. Runs the bundled handler against the lifecycle harness's
 * local fake services (test/harness), the way the harness tests do.
 */
import { LifecycleHarness } from '../test/harness/runtime/lambda-runner';
import { CHIME_FIXTURES, ivsCompositionPart, registerIvsResources, voiceAnalyticsTaskPart } from '../test/harness/runtime/parts';

export interface ExtraWait {
  readonly construct: string;
  /** When the fake reaches the state, after the resource was started. */
  readonly transitionAfterMs: number;
  /** When CloudFormation got the answer, after the fake reached the state. */
  readonly extraMs: number;
}

export async function measureExtraWait(transitionsMs: readonly number[]): Promise<ExtraWait[]> {
  const h = await LifecycleHarness.start([ivsCompositionPart, voiceAnalyticsTaskPart]);
  const results: ExtraWait[] = [];
  try {
    for (const transitionAfterMs of transitionsMs) {
      h.fake.reset();
      registerIvsResources(h);
      h.fake.ivs.options = { ...h.fake.ivs.options, starting: { gets: Number.MAX_SAFE_INTEGER, ms: transitionAfterMs } };
      const ivs = await h.invoke(h.event('Create', 'ivs.initial'));
      const [composition] = h.fake.ivs.compositions.values();
      results.push({ construct: 'IvsComposition', transitionAfterMs, extraMs: answeredAt(ivs) - (Date.parse(composition.startTime) + transitionAfterMs) });

      h.fake.reset();
      h.fake.chime.addPipeline({ id: CHIME_FIXTURES.pipelineId, speakerSearch: false });
      h.fake.chime.options = { ...h.fake.chime.options, inProgressAfterMs: transitionAfterMs };
      const chime = await h.invoke(h.event('Create', 'chime.initial'));
      const [task] = h.fake.chime.tasks.values();
      results.push({ construct: 'VoiceAnalyticsTask', transitionAfterMs, extraMs: answeredAt(chime) - (Date.parse(task.created) + transitionAfterMs) });
    }
  } finally {
    await h.stop();
  }
  return results;
}

function answeredAt(invocation: { response?: unknown; respondedAt?: number }): number {
  if (invocation.respondedAt === undefined) throw new Error(`no answer reached the response server: ${JSON.stringify(invocation.response)}`);
  return invocation.respondedAt;
}
