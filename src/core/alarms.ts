/**
 * The alarms of the live objects: one shape of options for all of them, and
 * the metric an EventBridge rule itself publishes, for the failures that the
 * services tell only by event.
 */
import { Duration, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as events from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import type { LiveMediaAlarmProps } from './alarm-props';
import { PropValidator } from './validation';

/** What a method fixes of its alarm; the user's props override period and threshold. */
export interface AlarmDefaults {
  readonly metric: cloudwatch.Metric;
  readonly period: Duration;
  readonly description: string;
  /** Periods without data: the metric is written only while there is something to say. */
  readonly treatMissingData?: cloudwatch.TreatMissingData;
}

/** A `cloudwatch.Alarm` (metric >= threshold) in `scope`, the props checked for `kind`'s `method`. */
export function liveMediaAlarm(
  scope: Construct, id: string, kind: string, method: string, defaults: AlarmDefaults, props: LiveMediaAlarmProps = {},
): cloudwatch.Alarm {
  const v = new PropValidator(scope, kind);
  const period = props.period ?? defaults.period;
  const seconds = v.duration(`${method}.period`, period, 'seconds');
  if (seconds !== undefined && !Token.isUnresolved(seconds) && (seconds < 60 || seconds % 60 !== 0)) {
    v.fail(`${method}.period`, `must be whole minutes, at least 1, got ${seconds} s`);
  }
  const evaluationPeriods = props.evaluationPeriods ?? 1;
  v.integer(`${method}.evaluationPeriods`, evaluationPeriods, { min: 1 });
  v.integer(`${method}.datapointsToAlarm`, props.datapointsToAlarm, { min: 1, max: evaluationPeriods });
  v.throwIfInvalid();
  return new cloudwatch.Alarm(scope, id, {
    metric: defaults.metric.with({ period }),
    threshold: props.threshold ?? 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods,
    datapointsToAlarm: props.datapointsToAlarm,
    treatMissingData: defaults.treatMissingData ?? cloudwatch.TreatMissingData.NOT_BREACHING,
    alarmName: props.alarmName,
    alarmDescription: props.alarmDescription ?? defaults.description,
  });
}

/**
 * The events `rule` matched: `MatchedEvents` of namespace `AWS/Events` with
 * the dimension `RuleName` (a rule of the default event bus), Sum over 5
 * minutes. https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-monitoring.html
 */
export function matchedEventsMetric(rule: events.IRule, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: 'AWS/Events',
    metricName: 'MatchedEvents',
    dimensionsMap: { RuleName: rule.ruleName },
    statistic: 'Sum',
    period: Duration.minutes(5),
    ...props,
  });
}
