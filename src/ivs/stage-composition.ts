import { CustomResource, Duration, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { COMPOSITION_FAILURE_EVENTS, compositionFailureAlarm, compositionRule } from './composition-events';
import { stageCompositionPattern } from './stage-composition-events';
import type { IvsStageCompositionProps } from './stage-composition-props';
import { stageCompositionConfig } from './stage-composition-validation';
import type { StageCompositionConfig, StageCompositionTeardownProperties, StageKeeperTriggerTemplate } from './stage-composition.contract';
import { IVS_STAGE_COMPOSITION_TEARDOWN_RESOURCE_TYPE, STAGE_KEEPER_MAX_MESSAGE_AGE_SECONDS, STAGE_KEEPER_NAMESPACE } from './stage-composition.contract';
import { IvsStageKeeper, KEEPER_TIMEOUT } from './stage-keeper';
import type { LiveMediaAlarmProps } from '../core/alarm-props';
import { liveMediaAlarm } from '../core/alarms';
import { KindPolicy } from '../core/grants';
import { kindResource } from '../core/kind-resource';

/**
 * An IVS real-time composition that follows its stage: whenever someone
 * publishes to the stage, one composition with this layout and these
 * destinations runs; when it ends (the stage empties, 24 hours pass, a
 * destination fails) the next publisher starts a new one.
 *
 * An EventBridge rule for the stage's IVS events and for the reconcile
 * events of the stack's one reconciliation schedule sends messages to a
 * FIFO queue (one message group per stage),
 * which a runtime function shared by the stack's stage compositions reads:
 * it checks the stage (GetStage, ListParticipants, ListCompositions) and
 * starts a composition when a publisher is live and none of its own runs.
 * Removing the construct stops the compositions it started, and no others.
 */
export class IvsStageComposition extends Construct {
  /** The value of the `cdk-live-media:owner` tag on every composition this construct starts. */
  public readonly ownerId: string;

  /** The rule that sends the stage's IVS events to the keeper. */
  public readonly rule: events.IRule;

  /**
   * The dead-letter queue of the keeper's queue (one per stack, shared by its
   * stage compositions): the messages whose check failed (IVS errors past the
   * SDK's retries, a timeout, a malformed message). Alarm on its
   * `ApproximateNumberOfMessagesVisible`.
   */
  public readonly deadLetterQueue: sqs.IQueue;

  private readonly stageArn: string;

  /**
   * @param scope the construct to add it to
   * @param id the construct's ID, unique within `scope`
   * @param props its properties, validated at synth
   */
  constructor(scope: Construct, id: string, props: IvsStageCompositionProps) {
    super(scope, id);
    this.ownerId = this.node.addr;
    const config = stageCompositionConfig(this, this.ownerId, props);
    this.stageArn = config.stageArn;

    const keeper = IvsStageKeeper.of(this);
    this.deadLetterQueue = keeper.deadLetterQueue;
    this.grantKeeper(keeper, config);
    const teardown = this.teardown();

    const groupId = this.ownerId;
    const eventTrigger: StageKeeperTriggerTemplate = {
      id: events.EventField.eventId,
      detailType: events.EventField.detailType,
      detail: events.EventField.fromPath('$.detail'),
    };
    const rule = new events.Rule(this, 'Events', {
      description: `cdk-live-media: IVS and reconcile events of stage ${Token.isUnresolved(config.stageArn) ? this.node.path : config.stageArn} for its stage composition`,
      eventPattern: { source: ['aws.ivs'] },
    });
    const reconcile = props.reconcile ?? true
      ? keeper.reconcileEvery(props.reconcileInterval ?? Duration.minutes(1), teardown)
      : undefined;
    // Three kinds of event, the stage in different fields: one rule with $or, which the L2 pattern type cannot express.
    (rule.node.defaultChild as events.CfnRule).eventPattern = stageCompositionPattern(config.stageArn, reconcile);
    rule.addTarget({
      bind: () => {
        keeper.acceptFrom(rule);
        return {
          arn: keeper.queue.queueArn,
          sqsParameters: { messageGroupId: groupId },
          input: events.RuleTargetInput.fromObject({ config, trigger: eventTrigger }),
        };
      },
    });
    rule.node.addDependency(teardown);
    this.rule = rule;
  }

  /**
   * A rule for the IVS Composition State Change events of the compositions on
   * this construct's stage (Session Start/End/Failure, Destination
   * Start/End/Failure/Reconnecting), matched on `detail.stage_arn`: a
   * composition's ARN is new with every start. Another construct's
   * compositions on the same stage match too (the events carry no tags).
   * Best effort: events may be missing, late or out of order.
   *
   * @param id the rule's construct ID, unique within this construct
   * @param options the target, description and further pattern of the rule
   */
  public onCompositionStateChange(id: string, options: events.OnEventOptions = {}): events.Rule {
    return compositionRule(this, id, this.stageArn, 'IVS composition state changes', options);
  }

  /**
   * A rule for the Session Failure and Destination Failure events of the
   * compositions on this construct's stage, as `onCompositionStateChange`
   * (any composition on the stage; best effort). For notification: alarm
   * with `alarmPublisherWithoutComposition`, which rests on the stage's state.
   *
   * @param id the rule's construct ID, unique within this construct
   * @param options the target, description and further pattern of the rule
   */
  public onCompositionFailure(id: string, options: events.OnEventOptions = {}): events.Rule {
    return compositionRule(this, id, this.stageArn, 'IVS composition failures', options, COMPOSITION_FAILURE_EVENTS);
  }

  /**
   * 1 while a publisher is live on the stage and no composition of this
   * construct runs (after failures, while backing off, after giving up or
   * when StartComposition fails), 0 otherwise; one value per check of the
   * keeper (every reconcile interval and on each stage event), none while
   * nobody is on the stage. Dimensions `StageArn` and `OwnerId` (this
   * construct's `ownerId`); the keeper also writes it under `StageArn` alone.
   *
   * @param props the metric's options
   * @default - Maximum over 5 minutes
   */
  public metricPublisherWithoutComposition(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.keeperMetric('PublisherWithoutComposition', 'Maximum', props);
  }

  /**
   * Compositions the keeper started for this construct (StartComposition answered).
   *
   * @param props the metric's options
   * @default - Sum over 5 minutes
   */
  public metricCompositionStarts(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.keeperMetric('CompositionStarts', 'Sum', props);
  }

  /**
   * StartComposition calls that failed (quota, a busy channel, a deleted
   * resource, access denied): the keeper logs the error and tries again on
   * the next check.
   *
   * @param props the metric's options
   * @default - Sum over 5 minutes
   */
  public metricStartFailures(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.keeperMetric('StartFailures', 'Sum', props);
  }

  /**
   * Checks that found more failed compositions in the stage session than
   * `maxRetriesPerSession`: the keeper starts none until the next session.
   *
   * @param props the metric's options
   * @default - Sum over 5 minutes
   */
  public metricGaveUp(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.keeperMetric('GaveUp', 'Sum', props);
  }

  /**
   * The failed destinations (state FAILED) of the compositions of this
   * construct that run while someone publishes: a recording or a broadcast
   * lost while the composition goes on. One value per check that finds a
   * composition running.
   *
   * @param props the metric's options
   * @default - Maximum over 5 minutes
   */
  public metricFailedDestinations(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.keeperMetric('FailedDestinations', 'Maximum', props);
  }

  /**
   * The messages on the dead-letter queue of the stack's keeper (shared by
   * the stack's IvsStageCompositions): checks that failed on every delivery.
   *
   * @param props the metric's options
   * @default - Maximum of ApproximateNumberOfMessagesVisible over 5 minutes
   */
  public metricKeeperDeadLetters(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(5), ...props });
  }

  /**
   * An alarm for "someone is publishing and no composition of this construct
   * has run for a whole period": the Minimum of
   * `metricPublisherWithoutComposition` over the period is 1 (every check in
   * it found a publisher and no composition). It fires between one and two
   * periods after the composition ended; keep the period longer than the
   * reconcile interval. No data (nobody on the stage) is not breaching.
   *
   * @param id the alarm's construct ID, unique within this construct
   * @param props threshold, period (default 5 minutes) and evaluation
   */
  public alarmPublisherWithoutComposition(id: string, props?: LiveMediaAlarmProps): cloudwatch.Alarm {
    return liveMediaAlarm(this, id, 'IvsStageComposition', 'alarmPublisherWithoutComposition', {
      metric: this.metricPublisherWithoutComposition({ statistic: 'Minimum' }),
      period: Duration.minutes(5),
      description: `cdk-live-media: someone publishes on the stage of ${this.node.path} and none of its compositions ran for a whole period`,
    }, props);
  }

  /**
   * An alarm for "a running composition of this construct has lost a
   * destination for a whole period": the Minimum of
   * `metricFailedDestinations` over the period is at least 1. Rests on the
   * compositions' state as the keeper reads it on each check.
   *
   * @param id the alarm's construct ID, unique within this construct
   * @param props threshold, period (default 5 minutes) and evaluation
   */
  public alarmFailedDestinations(id: string, props?: LiveMediaAlarmProps): cloudwatch.Alarm {
    return liveMediaAlarm(this, id, 'IvsStageComposition', 'alarmFailedDestinations', {
      metric: this.metricFailedDestinations({ statistic: 'Minimum' }),
      period: Duration.minutes(5),
      description: `cdk-live-media: a composition of ${this.node.path} runs with a failed destination`,
    }, props);
  }

  /**
   * An alarm for "a composition or a destination failed on this stage":
   * the Session Failure and Destination Failure events EventBridge matched
   * (`MatchedEvents` of a rule made for the alarm) over 5 minutes, at least 1.
   * Rests on best-effort events, on any composition of the stage.
   *
   * @param id the alarm's construct ID, unique within this construct
   * @param props threshold, period (default 5 minutes) and evaluation
   */
  public alarmCompositionFailure(id: string, props?: LiveMediaAlarmProps): cloudwatch.Alarm {
    return compositionFailureAlarm(this, id, 'IvsStageComposition', this.stageArn, props);
  }

  /**
   * An alarm for "the keeper's dead-letter queue is not empty": a check
   * failed on every delivery (the keeper's logs say why). The queue is the
   * stack's, shared by its IvsStageCompositions: one alarm per stack is enough.
   *
   * @param id the alarm's construct ID, unique within this construct
   * @param props threshold, period (default 5 minutes) and evaluation
   */
  public alarmKeeperDeadLetters(id: string, props?: LiveMediaAlarmProps): cloudwatch.Alarm {
    return liveMediaAlarm(this, id, 'IvsStageComposition', 'alarmKeeperDeadLetters', {
      metric: this.metricKeeperDeadLetters(),
      period: Duration.minutes(5),
      description: `cdk-live-media: the stage keeper's dead-letter queue of ${this.node.path}'s stack holds messages`,
    }, props);
  }

  /** A metric the keeper writes (EMF, lambda/ivs/stage-keeper.ts) for this construct. */
  private keeperMetric(metricName: string, statistic: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: STAGE_KEEPER_NAMESPACE,
      metricName,
      dimensionsMap: { StageArn: this.stageArn, OwnerId: this.ownerId },
      statistic,
      period: Duration.minutes(5),
      ...props,
    });
  }

  /** The teardown custom resource: its Delete stops the compositions this construct owns on the stage. */
  private teardown(): CustomResource {
    // The teardown's calls are its Delete's: in the kind's own policy, on the stages and compositions of the
    // account and Region, so that removing the last IvsStageComposition (or moving one to another stage)
    // keeps them until its Delete has run (README, "Grants that outlive the resources").
    const policy = KindPolicy.of(this, 'IvsStageComposition');
    const keeper = IvsStageKeeper.of(this);
    policy.grantOnType(['ivs:ListCompositions'], keeper.everyIvs('stage'));
    policy.grantOnType(['ivs:StopComposition'], keeper.everyIvs('composition'));
    const properties: StageCompositionTeardownProperties = {
      stageArn: this.stageArn,
      ownerId: this.ownerId,
      GraceSeconds: STAGE_KEEPER_MAX_MESSAGE_AGE_SECONDS + KEEPER_TIMEOUT.toSeconds(),
    };
    return kindResource(this, 'Teardown', { policy, resourceType: IVS_STAGE_COMPOSITION_TEARDOWN_RESOURCE_TYPE, properties });
  }

  /**
   * The keeper reads the stage (GetStage, ListParticipants, ListCompositions
   * filtered by it), starts compositions on it and what the destinations
   * name, tags them and, with restartOnChange, stops them (their IDs are only
   * known at run time: the account's and Region's `composition/*`).
   */
  private grantKeeper(keeper: IvsStageKeeper, config: StageCompositionConfig): void {
    const stage: [string, string] = [config.stageArn, 'stage'];
    keeper.grant(['ivs:GetStage', 'ivs:ListCompositions', 'ivs:ListParticipants'], stage);
    const used: [string, string][] = [stage];
    for (const { channel, s3 } of config.destinations) {
      if (channel) {
        used.push([channel.channelArn, 'channel']);
        // A channel destination without an encoder configuration uses the service's default, which has no ARN.
        used.push(channel.encoderConfigurationArn ? [channel.encoderConfigurationArn, 'encoder-configuration'] : [keeper.everyIvs('encoder-configuration'), 'encoder-configuration']);
      }
      if (s3) {
        used.push([s3.storageConfigurationArn, 'storage-configuration']);
        used.push(...s3.encoderConfigurationArns.map((arn): [string, string] => [arn, 'encoder-configuration']));
      }
    }
    keeper.grant(['ivs:StartComposition'], ...used);
    const compositions: [string, string] = [keeper.everyIvs('composition'), 'composition'];
    keeper.grant(['ivs:TagResource'], compositions);
    if (config.restartOnChange) keeper.grant(['ivs:StopComposition'], compositions);
  }
}
