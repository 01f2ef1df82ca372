/**
 * The contract of stage-following compositions: IvsStageComposition (src/)
 * writes it, lambda/ivs/stage-keeper.ts and
 * lambda/ivs/stage-composition-teardown.ts read it.
 */
import { decodeDestination, decodeLayout, decodeTags, listOf } from './composition.contract';
import type { CompositionDestinationContract, CompositionLayoutContract } from './composition.contract';
import { asObject, decodeInteger, optionalBoolean, optionalString, requiredString } from '../core/wire';
import type { PropertyUpdate, Wire } from '../core/wire';

/** The custom resource that stops, on removal, the compositions an IvsStageComposition started. */
export const IVS_STAGE_COMPOSITION_TEARDOWN_RESOURCE_TYPE = 'Custom::IvsStageCompositionTeardown';

/** The tags the keeper puts on every composition it starts; user tags may not use the prefix. */
export const STAGE_COMPOSITION_TAG_PREFIX = 'cdk-live-media:';
export const STAGE_COMPOSITION_TAGS = {
  /** Which IvsStageComposition started it: only its owner ever stops it. */
  owner: 'cdk-live-media:owner',
  /** The stage session it was started for. */
  session: 'cdk-live-media:session',
  /** 1 for the first start in a session, +1 for each restart. */
  attempt: 'cdk-live-media:attempt',
  /** A hash of the configuration it was started with (restartOnChange). */
  config: 'cdk-live-media:config',
} as const;

/**
 * The CloudWatch namespace of the keeper's metrics (embedded metric format),
 * each written with the dimensions `StageArn` and `OwnerId` (the construct's
 * owner ID: two constructs may share a stage) and again with `StageArn` alone.
 */
export const STAGE_KEEPER_NAMESPACE = 'CdkLiveMedia/IvsStageComposition';

/**
 * The event the stack's reconciliation schedule puts on the account's
 * default event bus every interval. Each stage's rule matches it (with its
 * stack and interval in `detail`) and sends it, with the stage's
 * configuration, to the stage's message group: one schedule per stack, and
 * a scheduled check is serialized with the stage's events.
 */
export const STAGE_RECONCILE_SOURCE = 'cdk-live-media.ivs-stage-composition';
export const STAGE_RECONCILE_DETAIL_TYPE = 'Stage Composition Reconcile';

/** The `detail` of a reconcile event. */
export interface StageReconcileDetail {
  /** The stack's ID (its ARN): a stack's rules match its own schedule's events only. */
  readonly stack: string;
  /** The schedule's interval in minutes: stages that ask for another interval match another schedule. */
  readonly intervalMinutes: string;
}

/**
 * One stage's configuration, carried by every message of its rule (the
 * target input, at most 8,192 characters). A JSON document
 * written by the construct: numbers and booleans keep their types.
 */
export interface StageCompositionConfig {
  readonly stageArn: string;
  readonly ownerId: string;
  readonly layout: CompositionLayoutContract;
  readonly destinations: CompositionDestinationContract[];
  readonly tags?: Record<string, string>;
  /** Restarts after a failure within one stage session; then it gives up until the next session. */
  readonly maxRetriesPerSession: number;
  /** The wait before the first restart after a failure, doubled for each further one. */
  readonly retryBackoffSeconds: number;
  /** Stop a running composition that was started with another configuration (the next trigger starts the new one). */
  readonly restartOnChange: boolean;
}

/** What started a check: an IVS event or the reconciliation schedule's event. */
export interface StageKeeperTrigger {
  readonly kind: 'event' | 'schedule';
  /** The EventBridge event's ID. */
  readonly id: string;
  readonly detailType?: string;
  readonly eventName?: string;
  /** Only Stage Update events carry the session. */
  readonly sessionId?: string;
}

/**
 * A trigger as the rule's input transformer writes it: the event's whole
 * `detail` (always present, unlike its members: a Composition State Change
 * has no session_id), read by the keeper. The kind follows from the detail
 * type (a reconcile event is a scheduled check); `kind` is only in messages
 * of earlier versions, which had a schedule per stage.
 */
export interface StageKeeperTriggerTemplate {
  readonly kind?: 'event' | 'schedule';
  readonly id: string;
  readonly detailType?: string;
  readonly detail?: unknown;
}

/** A message on the keeper's queue, decoded. */
export interface StageKeeperMessage {
  readonly config: StageCompositionConfig;
  readonly trigger: StageKeeperTrigger;
}

export interface StageCompositionTeardownProperties {
  readonly stageArn: string;
  readonly ownerId: string;
  /** How long the Delete keeps stopping owned compositions that a message still in flight may start, in seconds. */
  readonly GraceSeconds: number;
}

/** What an Update of each property does (see PropertyUpdate); the handler and docs/custom-resources.md read it. */
export const IVS_STAGE_COMPOSITION_TEARDOWN_UPDATES: Record<keyof StageCompositionTeardownProperties, PropertyUpdate> = {
  stageArn: 'replacement',
  ownerId: 'replacement',
  GraceSeconds: 'handler only',
};

export function decodeStageCompositionTeardownProperties(raw: unknown): StageCompositionTeardownProperties {
  const wire = asObject(raw, 'ResourceProperties') as Wire<StageCompositionTeardownProperties>;
  return {
    stageArn: requiredString(wire.stageArn, 'stageArn'),
    ownerId: requiredString(wire.ownerId, 'ownerId'),
    GraceSeconds: decodeInteger(wire.GraceSeconds, 'GraceSeconds'),
  };
}

/**
 * How old a queue message may be when the keeper receives it: an older one is
 * dropped unread (logged), so that a message can start a composition at most
 * this long, plus the keeper's timeout, after it was sent, whatever the
 * queue's retention. The teardown watches that long.
 */
export const STAGE_KEEPER_MAX_MESSAGE_AGE_SECONDS = 60;

/**
 * Decodes a queue message body; throws on anything else. A message whose
 * check throws is received once (the queue's maxReceiveCount is 1): at its
 * next receive, after the visibility timeout, SQS moves it to the dead-letter
 * queue, which an operator watches; the next scheduled check covers the stage.
 */
export function decodeStageKeeperMessage(body: string): StageKeeperMessage {
  const message = asObject(JSON.parse(body), 'message') as Wire<StageKeeperMessage>;
  const config = asObject(message.config, 'config') as Wire<StageCompositionConfig>;
  const trigger = asObject((message as Record<string, unknown>).trigger, 'trigger') as Wire<StageKeeperTriggerTemplate>;
  const detail = trigger.detail === undefined || trigger.detail === null ? {} : asObject(trigger.detail, 'trigger.detail');
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const detailType = optionalString(trigger.detailType, 'trigger.detailType');
  const kind = optionalString(trigger.kind, 'trigger.kind') ?? (detailType === STAGE_RECONCILE_DETAIL_TYPE ? 'schedule' : 'event');
  if (kind !== 'event' && kind !== 'schedule') throw new Error(`Property trigger.kind must be event or schedule, got ${JSON.stringify(kind)}`);
  return {
    config: {
      stageArn: requiredString(config.stageArn, 'config.stageArn'),
      ownerId: requiredString(config.ownerId, 'config.ownerId'),
      layout: decodeLayout(config.layout === undefined ? { grid: {} } : asObject(config.layout, 'config.layout')),
      destinations: listOf(config.destinations, 'config.destinations').map((d, i) => decodeDestination(asObject(d, `config.destinations[${i}]`), `config.destinations[${i}]`)),
      tags: config.tags === undefined ? undefined : decodeTags(asObject(config.tags, 'config.tags')),
      maxRetriesPerSession: decodeInteger(config.maxRetriesPerSession, 'config.maxRetriesPerSession'),
      retryBackoffSeconds: decodeInteger(config.retryBackoffSeconds, 'config.retryBackoffSeconds'),
      restartOnChange: optionalBoolean(config.restartOnChange, 'config.restartOnChange') ?? false,
    },
    trigger: {
      kind,
      id: requiredString(trigger.id, 'trigger.id'),
      detailType,
      eventName: text(detail.event_name),
      sessionId: text(detail.session_id),
    },
  };
}
