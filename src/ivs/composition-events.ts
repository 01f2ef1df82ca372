/**
 * The IVS composition events of one stage, shared by IvsComposition and
 * IvsStageComposition. IVS sends "IVS Composition State Change" (Session
 * Start/End/Failure, Destination Start/End/Failure/Reconnecting) on a
 * best-effort basis: missing, hours late or out of order. The event names
 * the composition in `resources` and the stage only in `detail.stage_arn`; a
 * composition's ARN is new with every start, so the rules match the stage.
 * https://docs.aws.amazon.com/ivs/latest/RealTimeUserGuide/eventbridge.html
 * The CloudWatch metrics of IVS real-time are a stage's participants' (the
 * monitoring page charts them per participant); none tells a composition's
 * state: https://docs.aws.amazon.com/ivs/latest/RealTimeUserGuide/stage-health.html
 */
import { Duration, Token } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import type { LiveMediaAlarmProps } from '../core/alarm-props';
import { liveMediaAlarm, matchedEventsMetric } from '../core/alarms';

export const COMPOSITION_STATE_CHANGE = 'IVS Composition State Change';

/** Failure events are counted over this period by default. */
const DEFAULT_FAILURE_PERIOD = Duration.minutes(5);

/**
 * The composition events that mean something failed: the whole composition
 * (stage deleted, outputs failed, internal error) or one destination (e.g. no
 * stream key, another broadcast on the channel, S3 bucket not found or denied).
 */
export const COMPOSITION_FAILURE_EVENTS = ['Session Failure', 'Destination Failure'];

/** The pattern of the stage's composition events, of `eventNames` only when given. */
export function compositionEventPattern(stageArn: string, eventNames?: string[]): events.EventPattern {
  return {
    source: ['aws.ivs'],
    detailType: [COMPOSITION_STATE_CHANGE],
    detail: { stage_arn: [stageArn], ...(eventNames ? { event_name: eventNames } : {}) },
  };
}

/** A rule in `scope` for the stage's composition events, the user's options merged in. */
export function compositionRule(
  scope: Construct, id: string, stageArn: string, what: string, options: events.OnEventOptions, eventNames?: string[],
): events.Rule {
  const pattern = compositionEventPattern(stageArn, eventNames);
  const rule = new events.Rule(scope, id, {
    description: options.description ?? `cdk-live-media: ${what} on the stage of ${scope.node.path}`,
    ruleName: options.ruleName,
    crossStackScope: options.crossStackScope,
    eventPattern: {
      ...options.eventPattern,
      ...pattern,
      detail: { ...options.eventPattern?.detail, ...pattern.detail },
    },
  });
  if (options.target) rule.addTarget(options.target);
  return rule;
}

/**
 * An alarm on the failure events of the stage's compositions, counted by
 * EventBridge itself (`MatchedEvents` of a rule made for the alarm): the only
 * metric of a composition failure IVS has. Best effort like the events.
 */
export function compositionFailureAlarm(scope: Construct, id: string, kind: string, stageArn: string, props?: LiveMediaAlarmProps): cloudwatch.Alarm {
  const rule = compositionRule(scope, `${id}Events`, stageArn, 'composition failures counted for an alarm', {}, COMPOSITION_FAILURE_EVENTS);
  const stage = Token.isUnresolved(stageArn) ? `the stage of ${scope.node.path}` : stageArn;
  return liveMediaAlarm(scope, id, kind, 'alarmCompositionFailure', {
    metric: matchedEventsMetric(rule),
    period: DEFAULT_FAILURE_PERIOD,
    description: `cdk-live-media: a composition or one of its destinations failed on ${stage} (${scope.node.path}): Session Failure or Destination Failure`,
  }, props);
}
