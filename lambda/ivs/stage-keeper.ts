/**
 * The runtime function behind IvsStageComposition (one per stack): each SQS
 * message (from a stage's EventBridge rule: the stage's IVS events and the
 * stack's reconcile events; one FIFO message group per stage) is a trigger to make sure that exactly
 * one composition with the stage's configuration runs while somebody
 * publishes. Events are triggers, never state: every check reads the stage,
 * its participants and its compositions from the service.
 */
import { StartCompositionCommand } from '@aws-sdk/client-ivs-realtime';
import type { CompositionSummary } from '@aws-sdk/client-ivs-realtime';
import type { SQSEvent } from 'aws-lambda';
import { activeSession, hasPublisher, holdsStage, ivs, ownedCompositions, stopComposition } from './stage-state';
import { STAGE_COMPOSITION_TAGS, STAGE_KEEPER_MAX_MESSAGE_AGE_SECONDS, STAGE_KEEPER_NAMESPACE, decodeStageKeeperMessage } from '../../src/ivs/stage-composition.contract';
import type { StageCompositionConfig, StageKeeperMessage } from '../../src/ivs/stage-composition.contract';
import { systemClock } from '../shared/deadline';
import type { Clock } from '../shared/deadline';
import { describeError, isError } from '../shared/errors';
import { derivedToken } from '../shared/request-token';

/** After a scheduled check, the keeper waits this long: the schedules of many stages never burst the 5-TPS APIs. */
export const RECONCILE_SPACING_MS = 300;

/**
 * A composition that ended normally within this time of its start, on a
 * stage where someone is connected, most likely ended because nobody
 * published (see `idleStop`): it is not restarted until a publisher shows.
 */
export const SHORT_LIVED_MS = 3 * 60_000;

/** How long a Published event waits for a STOPPING composition to stop, within the keeper's 30 s timeout. */
export const STOPPING_WAIT_MS = 15_000;
const STOPPING_POLL_MS = 2_000;

/** Whether the compositions that hold the stage are all stopping. */
function isStopping(owned: CompositionSummary[]): boolean {
  const holding = owned.filter(holdsStage);
  return holding.length > 0 && holding.every((c) => c.state === 'STOPPING');
}

/** The event name of a Stage Update that says someone publishes now. */
const PUBLISHED = 'Participant Published';

/** The longest wait between restarts after failures. */
const MAX_BACKOFF_MS = 5 * 60_000;

export type CheckOutcome =
  | 'no-session' | 'earlier-session' | 'no-publisher' | 'running' | 'restarting'
  | 'started' | 'backing-off' | 'gave-up' | 'start-failed' | 'idle';

/**
 * The SQS event source delivers one message at a time (batch size 1). A
 * message older than STAGE_KEEPER_MAX_MESSAGE_AGE_SECONDS (it waited behind
 * a failed one of its stage) is dropped unread: its stage's rule may be gone
 * and the teardown's watch over, and the schedule checks the stage again.
 */
export async function onStageKeeperMessages(event: SQSEvent, clock: Clock = systemClock): Promise<void> {
  for (const record of event.Records) {
    const ageMs = clock.now() - Number(record.attributes?.SentTimestamp ?? clock.now());
    if (ageMs > STAGE_KEEPER_MAX_MESSAGE_AGE_SECONDS * 1_000) {
      console.log(JSON.stringify({ messageId: record.messageId, outcome: 'stale', ageSeconds: Math.round(ageMs / 1_000) }));
      continue;
    }
    const message = decodeStageKeeperMessage(record.body);
    await checkStage(message, clock);
    if (message.trigger.kind === 'schedule') await clock.sleep(RECONCILE_SPACING_MS);
  }
}

export async function checkStage({ config, trigger }: StageKeeperMessage, clock: Clock = systemClock): Promise<CheckOutcome> {
  const { stageArn } = config;
  const log = (outcome: CheckOutcome, detail: Record<string, unknown> = {}) => {
    console.log(JSON.stringify({ stageArn, trigger, outcome, ...detail }));
    return outcome;
  };

  const sessionId = await activeSession(stageArn);
  if (!sessionId) return log('no-session');
  // A Stage Update event names its session: one of an earlier session is late and says nothing of now.
  if (trigger.sessionId && trigger.sessionId !== sessionId) return log('earlier-session', { sessionId });
  if (!(await hasPublisher(stageArn, sessionId))) {
    metrics(config, { PublisherWithoutComposition: 0 });
    return log('no-publisher', { sessionId });
  }

  let owned = await ownedCompositions(stageArn, config.ownerId);
  // A publisher back while the idle-stopped composition is still STOPPING: no later event would
  // start the next one (the publisher keeps publishing), so this one waits for the stop to finish.
  for (let waited = 0; trigger.eventName === PUBLISHED && waited < STOPPING_WAIT_MS && isStopping(owned); waited += STOPPING_POLL_MS) {
    await clock.sleep(STOPPING_POLL_MS);
    owned = await ownedCompositions(stageArn, config.ownerId);
  }
  const configHash = hashOf(config);
  const holding = owned.filter(holdsStage);
  if (holding.length > 0) {
    // A destination that failed (a recording or a broadcast lost) while the composition goes on.
    const failedDestinations = holding.flatMap((c) => c.destinations ?? []).filter((d) => d.state === 'FAILED').length;
    metrics(config, { PublisherWithoutComposition: 0, FailedDestinations: failedDestinations });
    const stale = holding.filter((c) => c.state === 'ACTIVE' && c.tags?.[STAGE_COMPOSITION_TAGS.config] !== configHash);
    if (config.restartOnChange && stale.length > 0) {
      // Stopped now, started with the new configuration by the trigger that follows (Session End, or the schedule).
      for (const c of stale) await stopComposition(c.arn!);
      return log('restarting', { sessionId, stopped: stale.map((c) => c.arn) });
    }
    return log('running', { sessionId, compositions: holding.map((c) => `${c.arn} ${c.state}`) });
  }

  const ofSession = owned.filter((c) => c.tags?.[STAGE_COMPOSITION_TAGS.session] === sessionId);
  // Only real failures count against the session: a composition that went FAILED (Session Failure) or
  // lost a destination. One the service ended because the stage went quiet is no failure.
  const failures = ofSession.filter(failed);
  const latest = ofSession.reduce<CompositionSummary | undefined>((a, c) => (a && timeOf(a.startTime) >= timeOf(c.startTime) ? a : c), undefined);
  // `published` means "ever published": a host who stays connected without publishing still counts.
  // After an idle stop only a Published event says someone publishes again (and starts at once).
  if (latest && idleStop(latest, configHash) && trigger.eventName !== PUBLISHED) {
    metrics(config, { PublisherWithoutComposition: 0 });
    return log('idle', { sessionId, ended: latest.arn });
  }
  if (failures.length > config.maxRetriesPerSession) {
    metrics(config, { PublisherWithoutComposition: 1, GaveUp: 1 });
    console.error(`Stage ${stageArn}: ${failures.length} compositions failed in session ${sessionId}; ` +
      `no more restarts in this session (maxRetriesPerSession ${config.maxRetriesPerSession})`);
    return log('gave-up', { sessionId, failed: failures.map((c) => c.arn) });
  }
  if (failures.length > 0 && latest && failed(latest)) {
    const lastEnd = Math.max(...failures.map((c) => timeOf(c.endTime ?? c.startTime)));
    const backoffMs = Math.min(MAX_BACKOFF_MS, config.retryBackoffSeconds * 1_000 * 2 ** (failures.length - 1));
    if (clock.now() < lastEnd + backoffMs) {
      metrics(config, { PublisherWithoutComposition: 1 });
      return log('backing-off', { sessionId, retryAfter: new Date(lastEnd + backoffMs).toISOString() });
    }
  }

  const attempt = 1 + Math.max(0, ...ofSession.map((c) => Number(c.tags?.[STAGE_COMPOSITION_TAGS.attempt]) || 0));
  try {
    const arn = await start(config, sessionId, configHash, attempt);
    metrics(config, { PublisherWithoutComposition: 0, CompositionStarts: 1 });
    return log('started', { sessionId, attempt, compositionArn: arn });
  } catch (error) {
    // Quota, a busy channel, a deleted resource: logged and counted; the next trigger tries again.
    if (!isError(error, 'ServiceQuotaExceededException', 'ConflictException', 'ValidationException', 'ResourceNotFoundException', 'AccessDeniedException')) throw error;
    metrics(config, { PublisherWithoutComposition: 1, StartFailures: 1 });
    console.error(`Stage ${stageArn}: StartComposition failed: ${describeError(error)}`);
    return log('start-failed', { sessionId, attempt, error: describeError(error) });
  }
}

/**
 * StartComposition with a token of the stage, session, configuration and
 * attempt: every delivery of the same trigger sends the same token.
 */
async function start(config: StageCompositionConfig, sessionId: string, configHash: string, attempt: number): Promise<string> {
  const tags = {
    ...config.tags,
    [STAGE_COMPOSITION_TAGS.owner]: config.ownerId,
    [STAGE_COMPOSITION_TAGS.session]: sessionId,
    [STAGE_COMPOSITION_TAGS.attempt]: String(attempt),
    [STAGE_COMPOSITION_TAGS.config]: configHash,
  };
  const send = (token: string) => ivs.send(new StartCompositionCommand({
    stageArn: config.stageArn, layout: config.layout, destinations: config.destinations, tags, idempotencyToken: token,
  }));
  const token = derivedToken([config.stageArn, sessionId, configHash, String(attempt)]);
  const { composition } = await send(token);
  // The token's lifetime is undocumented: should it answer with a composition
  // that has already ended (its listing expired, so the attempt number
  // repeated), start anew with a token nobody used.
  if (composition && !holdsStage(composition as CompositionSummary)) {
    console.log(`StartComposition answered ${composition.arn}, ${composition.state}: a token reused after its composition ended; starting anew`);
    return (await send(derivedToken([token, String(Date.now())]))).composition?.arn ?? '';
  }
  return composition?.arn ?? '';
}

/** The configuration's hash, as tagged on the compositions (16 hex characters). */
export function hashOf(config: StageCompositionConfig): string {
  const { layout, destinations, tags } = config;
  return derivedToken([JSON.stringify({ layout, destinations, tags })], 16);
}

/** A real failure: the composition went FAILED, or one of its destinations did. */
function failed(c: CompositionSummary): boolean {
  return c.state === 'FAILED' || (c.destinations ?? []).some((d) => d.state === 'FAILED');
}

/**
 * Whether a composition ended the way the service ends one on a quiet stage
 * (about a minute after its publishers stop, or after everybody left: the
 * two AWS pages differ): STOPPED, not failed, short-lived, and of the current
 * configuration (one stopped for a configuration change is restarted). That
 * it ends with Session End, not Session Failure, is our reading of the IVS
 * EventBridge page.
 */
function idleStop(c: CompositionSummary, configHash: string): boolean {
  return c.state === 'STOPPED' && !failed(c) && lifetimeMs(c) < SHORT_LIVED_MS && c.tags?.[STAGE_COMPOSITION_TAGS.config] === configHash;
}

function lifetimeMs(c: CompositionSummary): number {
  return c.endTime && c.startTime ? timeOf(c.endTime) - timeOf(c.startTime) : Infinity;
}

function timeOf(value: Date | string | undefined): number {
  return value === undefined ? 0 : new Date(value).getTime();
}

/** CloudWatch embedded metric format: one log line, no PutMetricData permission needed. */
function metrics({ stageArn, ownerId }: StageCompositionConfig, values: Record<string, number>): void {
  console.log(JSON.stringify({
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [{
        Namespace: STAGE_KEEPER_NAMESPACE,
        // Per construct (two may share a stage), and per stage as before.
        Dimensions: [['StageArn', 'OwnerId'], ['StageArn']],
        Metrics: Object.keys(values).map((Name) => ({ Name, Unit: 'Count' })),
      }],
    },
    StageArn: stageArn,
    OwnerId: ownerId,
    ...values,
  }));
}
