/**
 * Custom::IvsStageCompositionTeardown: the custom resource of an
 * IvsStageComposition that outlives its rule and schedule (they depend on
 * it). Its Delete stops the compositions the construct owns on its stage,
 * and only those, then keeps watching for `GraceSeconds`, because a message
 * already on the queue when the rule went away may still start one: the
 * keeper drops messages older than STAGE_KEEPER_MAX_MESSAGE_AGE_SECONDS, and
 * one younger runs at most the keeper's timeout, the sum being the grace.
 */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { holdsStage, ownedCompositions, stopComposition } from './stage-state';
import { decodeStageCompositionTeardownProperties } from '../../src/ivs/stage-composition.contract';
import type { StageCompositionTeardownProperties } from '../../src/ivs/stage-composition.contract';
import type { Deadline } from '../shared/deadline';
import type { HandlerResponse } from '../shared/types';

/** How often the grace period re-lists the stage's compositions. */
export const TEARDOWN_POLL_MS = 10_000;

export async function onIvsStageCompositionTeardownEvent(event: CloudFormationCustomResourceEvent, deadline: Deadline): Promise<HandlerResponse> {
  const props = decodeStageCompositionTeardownProperties(event.ResourceProperties);
  // The owner and the stage are the identity: another one is a replacement, whose Delete stops the old owner's.
  const physicalId = `${props.ownerId}:${props.stageArn}`;
  switch (event.RequestType) {
    case 'Create':
    case 'Update':
      return { PhysicalResourceId: physicalId };
    case 'Delete': {
      const old = event.PhysicalResourceId === physicalId ? props : fromPhysicalId(event.PhysicalResourceId, props);
      if (!old) {
        console.log(`Physical ID ${event.PhysicalResourceId} names no stage composition: nothing to stop`);
        return {};
      }
      await stopOwned(old, deadline);
      return {};
    }
  }
}

async function stopOwned(props: StageCompositionTeardownProperties, deadline: Deadline): Promise<void> {
  const until = deadline.clock.now() + props.GraceSeconds * 1_000;
  const stopped = new Set<string>();
  for (;;) {
    for (const c of (await ownedCompositions(props.stageArn, props.ownerId)).filter(holdsStage)) {
      if (c.state === 'STOPPING' || stopped.has(c.arn!)) continue;
      await stopComposition(c.arn!);
      stopped.add(c.arn!);
      console.log(`Stopped composition ${c.arn} (owner ${props.ownerId}) on stage ${props.stageArn}`);
    }
    const left = until - deadline.clock.now();
    if (left <= 0 || deadline.remainingMs() < TEARDOWN_POLL_MS) break;
    await deadline.sleep(Math.min(TEARDOWN_POLL_MS, left), `compositions started late on stage ${props.stageArn}`);
  }
}

/** The owner and stage of an earlier physical ID (a replaced resource's Delete carries the new properties). */
function fromPhysicalId(physicalId: string, props: StageCompositionTeardownProperties): StageCompositionTeardownProperties | undefined {
  const at = physicalId.indexOf(':');
  if (at <= 0 || !physicalId.slice(at + 1).startsWith('arn:')) return undefined;
  return { ...props, ownerId: physicalId.slice(0, at), stageArn: physicalId.slice(at + 1) };
}
