/**
 * The EventBridge patterns of IvsStageComposition, scoped as tightly as the
 * IVS events allow: a Stage Update names its stage in `resources`, a
 * Composition State Change only in `detail.stage_arn`. The reconcile events
 * of the stack's schedule name the stack and the interval.
 */
import { Token } from 'aws-cdk-lib';
import { COMPOSITION_STATE_CHANGE } from './composition-events';
import { STAGE_RECONCILE_DETAIL_TYPE, STAGE_RECONCILE_SOURCE } from './stage-composition.contract';
import type { StageReconcileDetail } from './stage-composition.contract';

/** Stage Update events that may mean a publisher came or went (Unpublished too: events arrive out of order). */
export const STAGE_EVENTS = ['Participant Published', 'Participant Unpublished'];
/** Composition events after which the stage may need a new composition. */
export const COMPOSITION_END_EVENTS = ['Session End', 'Session Failure'];

/**
 * The stage's IVS events and, when `reconcile` is given, the reconcile
 * events of the stack's schedule of that interval.
 */
export function stageCompositionPattern(stageArn: string, reconcile?: StageReconcileDetail): Record<string, unknown> {
  const branches: Record<string, unknown>[] = [
    { 'source': ['aws.ivs'], 'detail-type': ['IVS Stage Update'], 'resources': [stageArn], 'detail': { event_name: STAGE_EVENTS } },
    { 'source': ['aws.ivs'], 'detail-type': [COMPOSITION_STATE_CHANGE], 'detail': { stage_arn: [stageArn], event_name: COMPOSITION_END_EVENTS } },
  ];
  if (reconcile) {
    branches.push({
      'source': [STAGE_RECONCILE_SOURCE],
      'detail-type': [STAGE_RECONCILE_DETAIL_TYPE],
      'detail': { stack: [reconcile.stack], intervalMinutes: [reconcile.intervalMinutes] },
    });
  }
  return { $or: branches };
}

/** What an unresolved value (an ARN) is assumed to be long once resolved: the model's longest ARN. */
const ASSUMED_TOKEN_CHARS = 128;

/** The configuration's JSON length once deployed, counting each token as the longest ARN. */
export function estimatedInputChars(config: object): number {
  let tokens = 0;
  const json = JSON.stringify(config, (_key, value) => {
    if (typeof value === 'string' && Token.isUnresolved(value)) {
      tokens++;
      return '';
    }
    return value;
  });
  return json.length + tokens * ASSUMED_TOKEN_CHARS;
}
