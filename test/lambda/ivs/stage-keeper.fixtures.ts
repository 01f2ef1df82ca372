/** Shared setup of the stage keeper's tests (stage-keeper*.test.ts, stage-composition-teardown.test.ts). */
import type { CompositionSummary } from '@aws-sdk/client-ivs-realtime';
import type { SQSEvent } from 'aws-lambda';
import { STAGE_COMPOSITION_TAGS, STAGE_RECONCILE_DETAIL_TYPE } from '../../../src/ivs/stage-composition.contract';
import type { StageCompositionConfig, StageKeeperMessage } from '../../../src/ivs/stage-composition.contract';
import { CHANNEL_ARN as CHANNEL, STAGE_ARN as STAGE } from '../../helpers/fixtures';

export { CHANNEL, STAGE };

export const OWNER = 'c8aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
export const SESSION = 'st-Sess10nNumb3r';
export const EARLIER_SESSION = 'st-Ear1ierSess10';

export const CONFIG: StageCompositionConfig = {
  stageArn: STAGE,
  ownerId: OWNER,
  layout: { grid: { featuredParticipantAttribute: 'host' } },
  destinations: [{ channel: { channelArn: CHANNEL } }],
  tags: { team: 'media' },
  maxRetriesPerSession: 2,
  retryBackoffSeconds: 10,
  restartOnChange: false,
};

/** The queue message body the rule's input transformer writes for an IVS event. */
export function eventBody(eventName: string, options: { id?: string; sessionId?: string; config?: StageCompositionConfig } = {}): string {
  const stageUpdate = eventName.startsWith('Participant');
  const detail = stageUpdate
    ? { session_id: options.sessionId ?? SESSION, event_name: eventName, user_id: 'host', participant_id: 'p1' }
    : { event_name: eventName, stage_arn: STAGE };
  return JSON.stringify({
    config: options.config ?? CONFIG,
    trigger: { id: options.id ?? 'event-1', detailType: stageUpdate ? 'IVS Stage Update' : 'IVS Composition State Change', detail },
  });
}

/** The queue message body the rule's input transformer writes for the stack's reconcile event. */
export function scheduleBody(id = 'execution-1', config: StageCompositionConfig = CONFIG): string {
  const detail = { stack: 'arn:aws:cloudformation:us-east-1:123456789012:stack/Studio/1', intervalMinutes: '1' };
  return JSON.stringify({ config, trigger: { id, detailType: STAGE_RECONCILE_DETAIL_TYPE, detail } });
}

export function sqsEvent(...bodies: string[]): SQSEvent {
  return {
    Records: bodies.map((body, i) => ({
      messageId: `m-${i}`,
      receiptHandle: 'r',
      body,
      attributes: {} as any,
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:keeper.fifo',
      awsRegion: 'us-east-1',
    })),
  };
}

export function message(body: string): StageKeeperMessage {
  return JSON.parse(body);
}

/** A composition as ListCompositions lists it. */
export function summary(arn: string, state: CompositionSummary['state'], tags: Record<string, string> | undefined, endTime?: Date, startTime = new Date(0)): CompositionSummary {
  return { arn: `arn:aws:ivs:us-east-1:123456789012:composition/${arn}`, stageArn: STAGE, state, tags, destinations: [], startTime, endTime };
}

/** The tags of a composition this keeper started in `session`, attempt `attempt`, with the configuration hash `config`. */
export function ownTags(attempt: number, config: string, session = SESSION): Record<string, string> {
  return {
    team: 'media',
    [STAGE_COMPOSITION_TAGS.owner]: OWNER,
    [STAGE_COMPOSITION_TAGS.session]: session,
    [STAGE_COMPOSITION_TAGS.attempt]: String(attempt),
    [STAGE_COMPOSITION_TAGS.config]: config,
  };
}
