/**
 * What the stage-following compositions read from IVS: the stage's current
 * session, whether someone in it publishes, and the compositions on the
 * stage that one IvsStageComposition owns. Shared by the keeper (runtime
 * function) and the teardown custom resource.
 */
import {
  GetStageCommand,
  ListCompositionsCommand,
  ListParticipantsCommand,
  StopCompositionCommand,
} from '@aws-sdk/client-ivs-realtime';
import type { CompositionSummary } from '@aws-sdk/client-ivs-realtime';
import { STAGE_COMPOSITION_TAGS } from '../../src/ivs/stage-composition.contract';
import { ivsRealTimeClient } from '../shared/clients/ivs-realtime';
import { isError } from '../shared/errors';

/**
 * No retries of denied calls while grants propagate: a denied check fails the
 * keeper's message, which SQS delivers again (and the teardown, at stack
 * deletion, runs long after its grant was attached).
 */
export const ivs = ivsRealTimeClient({ retryWhileGrantsPropagate: false });

/** States in which a composition holds the stage (and its channel): no second one may start. */
const HOLDING = new Set(['STARTING', 'ACTIVE', 'STOPPING']);

/** The stage's active session ID, or undefined when nobody is on the stage. */
export async function activeSession(stageArn: string): Promise<string | undefined> {
  const { stage } = await ivs.send(new GetStageCommand({ arn: stageArn }));
  return stage?.activeSessionId || undefined;
}

/**
 * Whether a participant of the session is connected and has published. The
 * API allows one filter per request: the connected ones are listed (fewer
 * than the ever-published, which keep the disconnected) and `published` is
 * checked on each. `published` means "ever published in this session", so a
 * connected participant who stopped publishing still counts: the service
 * itself stops a composition a minute after nobody publishes.
 */
export async function hasPublisher(stageArn: string, sessionId: string): Promise<boolean> {
  let nextToken: string | undefined;
  do {
    const page = await ivs.send(new ListParticipantsCommand({ stageArn, sessionId, filterByState: 'CONNECTED', maxResults: 100, nextToken }));
    if ((page.participants ?? []).some((p) => p.published === true && p.state === 'CONNECTED')) return true;
    nextToken = page.nextToken;
  } while (nextToken);
  return false;
}

/** The compositions on the stage whose owner tag is `ownerId` (any state the service still lists). */
export async function ownedCompositions(stageArn: string, ownerId: string): Promise<CompositionSummary[]> {
  const owned: CompositionSummary[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ivs.send(new ListCompositionsCommand({ filterByStageArn: stageArn, maxResults: 100, nextToken }));
    owned.push(...(page.compositions ?? []).filter((c) => c.stageArn === stageArn && c.tags?.[STAGE_COMPOSITION_TAGS.owner] === ownerId));
    nextToken = page.nextToken;
  } while (nextToken);
  return owned;
}

export function holdsStage(composition: CompositionSummary): boolean {
  return HOLDING.has(composition.state ?? '');
}

/** StopComposition; a composition that is already gone or stopping is success. */
export async function stopComposition(arn: string): Promise<void> {
  try {
    await ivs.send(new StopCompositionCommand({ arn }));
  } catch (error) {
    if (!isError(error, 'ResourceNotFoundException', 'ConflictException')) throw error;
  }
}
