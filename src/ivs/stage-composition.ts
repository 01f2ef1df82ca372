import { CustomResource, Duration, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { destinationsContract, layoutContract, stageArnContract, tagsContract } from './composition-validation';
import type { ChannelDestinationOptions, S3DestinationOptions } from './destinations';
import { CompositionLayout } from './layout';
import type { IvsStage } from './resources';
import { stageCompositionPattern, estimatedInputChars, failurePattern } from './stage-composition-events';
import type { StageCompositionConfig, StageCompositionTeardownProperties, StageKeeperTriggerTemplate } from './stage-composition.contract';
import { IVS_STAGE_COMPOSITION_TEARDOWN_RESOURCE_TYPE, STAGE_COMPOSITION_TAG_PREFIX, STAGE_COMPOSITION_TAGS } from './stage-composition.contract';
import { IvsStageKeeper, KEEPER_TIMEOUT, QUEUE_RETENTION } from './stage-keeper';
import { KindPolicy } from '../core/grants';
import { kindResource } from '../core/kind-resource';
import { PropValidator } from '../core/validation';

/** Properties of an `IvsStageComposition`. */
export interface IvsStageCompositionProps {
  /** The stage whose participants are composed whenever someone publishes to it. */
  readonly stage: IvsStage;

  /**
   * The layout: a grid or picture-in-picture.
   *
   * @default CompositionLayout.grid()
   */
  readonly layout?: CompositionLayout;

  /**
   * Broadcast each composition to an IVS channel. At least one of `channel`
   * and `s3` is required; both may be given.
   *
   * @default - no channel destination
   */
  readonly channel?: ChannelDestinationOptions;

  /**
   * Record each composition to S3 (HLS). At least one of `channel` and `s3`
   * is required; both may be given.
   *
   * @default - no S3 destination
   */
  readonly s3?: S3DestinationOptions;

  /**
   * Tags of each composition: at most 46 (the keeper adds 4 of its own, with
   * the prefix `cdk-live-media:`, which these may not use), keys of 1 to 128
   * and values of up to 256 characters, no key starting with `aws:`.
   *
   * @default - only the keeper's own tags
   */
  readonly tags?: Record<string, string>;

  /**
   * How often the stage is checked from the service's own state (for events
   * that never came): 1 minute to 24 hours, in whole minutes. Each check of
   * a stage without a session is one GetStage call. The stack has one
   * reconciliation schedule per interval its stages ask for, shared by them
   * (normally one).
   *
   * @default Duration.minutes(1)
   */
  readonly reconcileInterval?: Duration;

  /**
   * Whether the stage is checked on a schedule at all. Without it only the
   * IVS events start compositions, and a missed event goes unanswered until
   * the next one.
   *
   * @default true
   */
  readonly reconcile?: boolean;

  /**
   * Whether a composition started with an earlier configuration is stopped
   * (and started again with the new one) after a deploy changes it.
   * Otherwise the change applies from the next composition.
   *
   * @default false
   */
  readonly restartOnChange?: boolean;

  /**
   * How many times a failed composition is started again within one stage
   * session: 0 to 10. Then the keeper gives up until the next session, logs
   * it and counts it in the `GaveUp` metric.
   *
   * @default 3
   */
  readonly maxRetriesPerSession?: number;

  /**
   * The wait before the first restart after a failure, doubled for each
   * further one (5 minutes at most): 1 second to 5 minutes, whole seconds.
   *
   * @default Duration.seconds(10)
   */
  readonly retryBackoff?: Duration;
}

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

  private readonly stageArn: string;

  /**
   * @param scope the construct to add it to
   * @param id the construct's ID, unique within `scope`
   * @param props its properties, validated at synth
   */
  constructor(scope: Construct, id: string, props: IvsStageCompositionProps) {
    super(scope, id);
    this.ownerId = this.node.addr;
    const config = this.validate(props);
    this.stageArn = config.stageArn;

    const keeper = IvsStageKeeper.of(this);
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
   * Sends the stage's composition failures (IVS Composition State Change:
   * Session Failure, Destination Failure) to `target`, e.g. an SNS topic.
   *
   * @param id the rule's construct ID, unique within this construct
   * @param target where the failure events go
   */
  public onCompositionFailure(id: string, target: events.IRuleTarget): events.Rule {
    const rule = new events.Rule(this, id, { description: `cdk-live-media: composition failures on ${this.node.path}`, eventPattern: { source: ['aws.ivs'] } });
    (rule.node.defaultChild as events.CfnRule).eventPattern = failurePattern(this.stageArn);
    rule.addTarget(target);
    return rule;
  }

  /**
   * 1 while a publisher is live on the stage and no composition of this
   * construct runs (after failures, while backing off, after giving up or
   * when StartComposition fails), 0 otherwise; one value per check.
   * Alarm on its Maximum over a few minutes.
   *
   * @param props the metric's options
   * @default - Maximum over 5 minutes
   */
  public metricPublisherWithoutComposition(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'CdkLiveMedia/IvsStageComposition',
      metricName: 'PublisherWithoutComposition',
      dimensionsMap: { StageArn: this.stageArn },
      statistic: 'Maximum',
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
      GraceSeconds: QUEUE_RETENTION.plus(KEEPER_TIMEOUT).toSeconds(),
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

  private validate(props: IvsStageCompositionProps): StageCompositionConfig {
    const v = new PropValidator(this, 'IvsStageComposition');
    const stageArn = stageArnContract(v, props.stage?.stageArn);
    const layout = layoutContract(v, props.layout ?? CompositionLayout.grid());
    const destinations = destinationsContract(v, props.channel, props.s3);
    const tags = tagsContract(v, props.tags);
    if (tags && !Token.isUnresolved(tags)) {
      const own = Object.keys(STAGE_COMPOSITION_TAGS).length;
      const keys = Object.keys(tags);
      if (keys.length > 50 - own) v.fail('tags', `at most ${50 - own} tags (the keeper adds ${own} of its own), got ${keys.length}`);
      for (const key of keys.filter((k) => !Token.isUnresolved(k) && k.startsWith(STAGE_COMPOSITION_TAG_PREFIX))) {
        v.fail('tags', `the key ${JSON.stringify(key)} uses the prefix ${STAGE_COMPOSITION_TAG_PREFIX}, which the keeper's own tags use`);
      }
    }
    if (props.reconcile === false && props.reconcileInterval !== undefined) {
      v.fail('reconcileInterval', 'is given but reconcile is false: give one or the other');
    }
    const interval = props.reconcileInterval;
    if (interval?.isUnresolved() && interval.unitLabel() !== 'minutes') {
      // A schedule's rate is in minutes, hours or days; CloudFormation cannot convert a token.
      v.fail('reconcileInterval', `a token interval must be given with Duration.minutes(), got one in ${interval.unitLabel()}`);
    }
    const intervalSeconds = interval && !interval.isUnresolved() ? interval.toSeconds({ integral: false }) : undefined;
    if (intervalSeconds !== undefined) {
      if (intervalSeconds % 60 !== 0) v.fail('reconcileInterval', `must be whole minutes, got ${intervalSeconds} s`);
      else if (intervalSeconds < 60 || intervalSeconds > 86_400) v.fail('reconcileInterval', `must be from 1 minute to 24 hours, got ${intervalSeconds / 60} min`);
    }
    const maxRetriesPerSession = props.maxRetriesPerSession ?? 3;
    v.integer('maxRetriesPerSession', maxRetriesPerSession, { min: 0, max: 10 });
    const retryBackoffSeconds = v.duration('retryBackoff', props.retryBackoff ?? Duration.seconds(10), 'seconds');
    v.integer('retryBackoff', retryBackoffSeconds, { min: 1, max: 300 });
    const config: StageCompositionConfig = {
      stageArn,
      ownerId: this.ownerId,
      layout,
      destinations,
      tags,
      maxRetriesPerSession,
      retryBackoffSeconds: retryBackoffSeconds!,
      restartOnChange: props.restartOnChange ?? false,
    };
    const chars = estimatedInputChars(config);
    if (chars > 8_192 - 400) v.fail('layout', `the configuration takes about ${chars} characters; a rule target's input holds 8,192 with the trigger's fields`);
    v.throwIfInvalid();
    return config;
  }
}
