import { Duration, Stack } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { claimChannel } from './channel-claims';
import { COMPOSITION_FAILURE_EVENTS, compositionFailureAlarm, compositionRule } from './composition-events';
import { compositionContract } from './composition-validation';
import { IVS_COMPOSITION_MAX_START_TIMEOUT_SECONDS, IVS_COMPOSITION_RESOURCE_TYPE } from './composition.contract';
import type { IvsCompositionAttributes, IvsCompositionProperties } from './composition.contract';
import type { ChannelDestinationOptions, S3DestinationOptions } from './destinations';
import { CompositionLayout } from './layout';
import type { IvsStage } from './resources';
import type { LiveMediaAlarmProps } from '../core/alarm-props';
import { typeWildcardArn } from '../core/arns';
import { KindPolicy } from '../core/grants';
import { kindResource } from '../core/kind-resource';
import type { ScopedResource } from '../core/provider';
import { PropValidator } from '../core/validation';

// The types of the props, exported with the construct (src/index.ts names this module only).
export * from './resources';
export * from './layout';
export * from './destinations';

/** Properties of an `IvsComposition`. */
export interface IvsCompositionProps {
  /** The stage whose participants are composed. */
  readonly stage: IvsStage;

  /**
   * The layout: a grid or picture-in-picture.
   *
   * @default CompositionLayout.grid()
   */
  readonly layout?: CompositionLayout;

  /**
   * Broadcast the composition to an IVS channel. At least one of `channel`
   * and `s3` is required; both may be given.
   *
   * @default - no channel destination
   */
  readonly channel?: ChannelDestinationOptions;

  /**
   * Record the composition to S3 (HLS). At least one of `channel` and `s3`
   * is required; both may be given.
   *
   * @default - no S3 destination
   */
  readonly s3?: S3DestinationOptions;

  /**
   * Tags of the composition: at most 50, keys of 1 to 128 and values of up
   * to 256 characters, no key starting with `aws:`.
   *
   * @default - no tags
   */
  readonly tags?: Record<string, string>;

  /**
   * How long a deployment waits for the composition to become ACTIVE before
   * it stops it and fails: 1 second to 8 minutes, in whole seconds. The
   * handler's own 10-minute limit bounds it too.
   *
   * @default Duration.minutes(2)
   */
  readonly startTimeout?: Duration;
}

/**
 * An IVS real-time server-side composition: the participants of a stage
 * composed into one video, broadcast to an IVS channel and/or recorded to S3.
 *
 * Create calls StartComposition and waits (GetComposition) until the
 * composition is ACTIVE. A composition cannot be changed: any change of the
 * properties replaces it, stopping the old one before the new one starts.
 * Delete calls StopComposition; a composition that has already ended is
 * success. A composition ends by itself a minute after its stage has no
 * participants left, and after 24 hours at the most.
 */
export class IvsComposition extends Construct {
  /** The composition's ARN (also its physical ID). */
  public readonly compositionArn: string;

  /** The ID the service gave the channel destination; only with `channel`. */
  public readonly channelDestinationId?: string;

  /** The ID the service gave the S3 destination; only with `s3`. */
  public readonly s3DestinationId?: string;

  /**
   * The key prefix of the recording in the bucket; only with `s3`. Empty if
   * the service did not report it by the time the composition was ACTIVE.
   */
  public readonly s3RecordingPrefix?: string;

  /**
   * `RUNNING`, or `ENDED` once an update found the composition's stage
   * deleted: the resource then stands for a composition that ended, and a
   * later update or delete does nothing.
   */
  public readonly state: string;

  private readonly stageArn: string;

  /**
   * @param scope the construct to add it to, in the stack whose shared handler it uses
   * @param id the construct's ID, unique within `scope`
   * @param props its properties, validated at synth
   */
  constructor(scope: Construct, id: string, props: IvsCompositionProps) {
    super(scope, id);
    const properties = this.validate(props);
    this.stageArn = properties.stageArn;

    const policy = KindPolicy.of(this, 'IvsComposition');
    this.grantHandler(policy, properties);

    const resource = kindResource(this, 'Resource', { policy, resourceType: IVS_COMPOSITION_RESOURCE_TYPE, properties });
    const attribute = (name: keyof IvsCompositionAttributes) => resource.getAttString(name);
    this.compositionArn = attribute('CompositionArn');
    this.state = attribute('State');
    if (props.channel) {
      this.channelDestinationId = attribute('ChannelDestinationId');
    }
    if (props.s3) {
      this.s3DestinationId = attribute('S3DestinationId');
      this.s3RecordingPrefix = attribute('S3RecordingPrefix');
    }
  }

  /**
   * A rule for the IVS Composition State Change events on this construct's
   * stage (Session Start/End/Failure, Destination
   * Start/End/Failure/Reconnecting), matched on `detail.stage_arn`: the
   * composition's ARN changes when a deploy replaces it. Compositions that
   * others start on the same stage match too (the events carry no tags).
   * Best effort: events may be missing, late or out of order.
   *
   * @param id the rule's construct ID, unique within this construct
   * @param options the target, description and further pattern of the rule
   */
  public onCompositionStateChange(id: string, options: events.OnEventOptions = {}): events.Rule {
    return compositionRule(this, id, this.stageArn, 'IVS composition state changes', options);
  }

  /**
   * A rule for the Session Failure and Destination Failure events on this
   * construct's stage, as `onCompositionStateChange` (any composition on the
   * stage; best effort). The composition does not come back by itself: see
   * the README, "Operating it".
   *
   * @param id the rule's construct ID, unique within this construct
   * @param options the target, description and further pattern of the rule
   */
  public onCompositionFailure(id: string, options: events.OnEventOptions = {}): events.Rule {
    return compositionRule(this, id, this.stageArn, 'IVS composition failures', options, COMPOSITION_FAILURE_EVENTS);
  }

  /**
   * An alarm for "a composition or a destination failed on this stage": the
   * Session Failure and Destination Failure events EventBridge matched
   * (`MatchedEvents` of a rule made for the alarm) over 5 minutes, at least
   * 1. IVS has no composition metric: the alarm rests on best-effort events.
   *
   * @param id the alarm's construct ID, unique within this construct
   * @param props threshold, period (default 5 minutes) and evaluation
   */
  public alarmCompositionFailure(id: string, props?: LiveMediaAlarmProps): cloudwatch.Alarm {
    return compositionFailureAlarm(this, id, 'IvsComposition', this.stageArn, props);
  }

  /**
   * StartComposition on the stage and every resource the destinations name;
   * Get, Stop, TagResource and UntagResource on the compositions of the
   * stack's account and Region: their IDs are only known at deploy time, and
   * a composition a previous template started (or tagged) must stay
   * stoppable and untaggable under this template's policy.
   */
  private grantHandler(policy: KindPolicy, properties: IvsCompositionProperties): void {
    const stack = Stack.of(this);
    const everyOf = (type: string) =>
      typeWildcardArn(stack, 'ivs', type);
    const scoped = (arn: string, type: string): ScopedResource => ({ arn, typeWildcard: everyOf(type) });

    const used = [scoped(properties.stageArn, 'stage')];
    for (const { channel, s3 } of properties.destinations) {
      if (channel) {
        used.push(scoped(channel.channelArn, 'channel'));
        // The Service Authorization Reference makes an encoder configuration a
        // required resource of StartComposition; a channel destination without
        // one uses the service's default, which has no ARN we could name.
        used.push(scoped(channel.encoderConfigurationArn ?? everyOf('encoder-configuration'), 'encoder-configuration'));
      }
      if (s3) {
        used.push(scoped(s3.storageConfigurationArn, 'storage-configuration'));
        used.push(...s3.encoderConfigurationArns.map((arn) => scoped(arn, 'encoder-configuration')));
      }
    }
    policy.grant(['ivs:StartComposition'], ...used);
    // An update that moves to another stage reads it before stopping the running composition.
    policy.grant(['ivs:GetStage'], scoped(properties.stageArn, 'stage'));
    policy.grantOnType(['ivs:GetComposition', 'ivs:StopComposition', 'ivs:TagResource', 'ivs:UntagResource'], everyOf('composition'));
  }

  private validate(props: IvsCompositionProps): IvsCompositionProperties {
    const v = new PropValidator(this, 'IvsComposition');
    const { stageArn, layout, destinations, tags } = compositionContract(v, this, props);
    const startTimeoutSeconds = v.duration('startTimeout', props.startTimeout ?? Duration.minutes(2), 'seconds');
    v.integer('startTimeout', startTimeoutSeconds, { min: 1, max: IVS_COMPOSITION_MAX_START_TIMEOUT_SECONDS }, 's');
    v.throwIfInvalid();
    if (props.channel?.channel) claimChannel(this, props.channel);
    return { stageArn, layout, destinations, tags, StartTimeoutSeconds: startTimeoutSeconds! };
  }
}
