/**
 * The "Media Insights State Change" events of one media insights pipeline,
 * shared by KvsMediaInsightsPipeline and VoiceAnalyticsTask. The event's
 * `resources` is `[]`; `detail` has version, mediaInsightsPipelineArn,
 * eventType, the pipeline's runtime metadata pairs and, only when the
 * pipeline has several elements, `mediaInsightsPipelineElementStatuses`
 * (type, status). A single-element pipeline fails with eventType
 * `chime:MediaInsightsPermanentFailure`; in a multi-element one an element
 * may fail while eventType stays `chime:MediaInsightsInProgress`.
 * `chime:MediaInsightsTemporaryFailure` needs no action (the service
 * retries). Delivery is best effort.
 * https://docs.aws.amazon.com/chime-sdk/latest/dg/using-eventbridge-notifications.html
 * https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-chime.html
 */
import { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import type { LiveMediaAlarmProps } from '../core/alarm-props';
import { liveMediaAlarm, matchedEventsMetric } from '../core/alarms';

export const MEDIA_INSIGHTS_STATE_CHANGE = 'Media Insights State Change';
export const PERMANENT_FAILURE = 'chime:MediaInsightsPermanentFailure';

/** The `detail` fields that pick one pipeline: its runtime metadata, or its ARN. */
export type PipelineMatch = Record<string, string[]>;

/**
 * The failure of the pipeline: a permanent failure, or an element (of
 * `elementType` when given) with status Failed. EventBridge matches an array
 * of objects element by element, so type and status come from one element.
 */
export function pipelineFailureDetail(match: PipelineMatch, elementType?: string): Record<string, unknown> {
  const element = { ...(elementType ? { type: [elementType] } : {}), status: ['Failed'] };
  return {
    ...match,
    $or: [{ eventType: [PERMANENT_FAILURE] }, { mediaInsightsPipelineElementStatuses: element }],
  };
}

/** A rule in `scope` for the pipeline's events with `detail`, the user's options merged in. */
export function pipelineRule(
  scope: Construct, id: string, detail: Record<string, unknown>, what: string, options: events.OnEventOptions,
): events.Rule {
  const rule = new events.Rule(scope, id, {
    description: options.description ?? `cdk-live-media: ${what} of the media insights pipeline of ${scope.node.path}`,
    ruleName: options.ruleName,
    crossStackScope: options.crossStackScope,
    eventPattern: {
      ...options.eventPattern,
      source: ['aws.chime'],
      detailType: [MEDIA_INSIGHTS_STATE_CHANGE],
      detail: { ...options.eventPattern?.detail, ...detail },
    },
  });
  if (options.target) rule.addTarget(options.target);
  return rule;
}

/**
 * An alarm on the pipeline's failure events, counted by EventBridge itself
 * (`MatchedEvents` of a rule made for the alarm): Chime SDK media pipelines
 * publish no CloudWatch metric of a pipeline's state. Best effort like the events.
 */
export function pipelineFailureAlarm(
  scope: Construct, id: string, kind: string, detail: Record<string, unknown>, props?: LiveMediaAlarmProps,
): cloudwatch.Alarm {
  const rule = pipelineRule(scope, `${id}Events`, detail, 'failures counted for an alarm', {});
  return liveMediaAlarm(scope, id, kind, 'alarmPipelineFailure', {
    metric: matchedEventsMetric(rule),
    period: Duration.minutes(5),
    description: `cdk-live-media: the media insights pipeline of ${scope.node.path} or one of its elements failed (Media Insights State Change)`,
  }, props);
}
