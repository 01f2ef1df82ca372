/**
 * The pipeline rules and alarms of KvsMediaInsightsPipeline and
 * VoiceAnalyticsTask: each rule's pattern, as synthesized, run by
 * EventBridge's matching (test/helpers/event-pattern.ts) against the "Media
 * Insights State Change" events as the Chime SDK guide shows them (single
 * element: eventType only; several elements: mediaInsightsPipelineElementStatuses;
 * `resources: []`; the runtime metadata pairs in `detail`):
 * https://docs.aws.amazon.com/chime-sdk/latest/dg/using-eventbridge-notifications.html
 */
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import {
  KvsMediaInsightsPipeline, KvsStream, MediaInsightsPipeline, MediaInsightsPipelineConfiguration, VoiceAnalysis, VoiceAnalyticsSink,
  VoiceAnalyticsTask,
} from '../../src';
import { matchedEventsAlarm } from '../helpers/alarm';
import { matchesPattern } from '../helpers/event-pattern';
import { PIPELINE_ARN, PIPELINE_ID, STREAM_ARN, TEST_ENV } from '../helpers/fixtures';

const OTHER_PIPELINE_ARN = 'arn:aws:chime:us-east-1:123456789012:media-pipeline/11111111-2222-4333-8444-555555555555';

function build() {
  const stack = new Stack(new App(), 'TestStack', { env: TEST_ENV });
  const stream = new CfnStream(stack, 'CallStream', { name: 'call', dataRetentionInHours: 24 });
  const configuration = new MediaInsightsPipelineConfiguration(stack, 'Configuration', {
    configurationName: 'calls', voiceToneAnalysis: true, sinks: [VoiceAnalyticsSink.sqsQueue(new sqs.Queue(stack, 'Results', { enforceSSL: true }))],
  });
  const pipeline = new KvsMediaInsightsPipeline(stack, 'Pipeline', { configuration, sources: [{ stream: KvsStream.fromCfnStream(stream) }], mediaSampleRate: 8000 });
  const other = new KvsMediaInsightsPipeline(stack, 'OtherPipeline', { configuration, sources: [{ stream: KvsStream.fromCfnStream(stream) }], mediaSampleRate: 8000 });
  const task = new VoiceAnalyticsTask(stack, 'Tone', { pipeline, analysis: VoiceAnalysis.voiceToneAnalysis(), waitForInProgress: false });
  const byArn = new VoiceAnalyticsTask(stack, 'ToneByArn', {
    mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineArn(PIPELINE_ARN),
    source: KvsStream.fromStreamArn(STREAM_ARN),
    analysis: VoiceAnalysis.voiceToneAnalysis(),
    waitForInProgress: false,
  });
  const byId = new VoiceAnalyticsTask(stack, 'ToneById', {
    mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineId(PIPELINE_ID),
    source: KvsStream.fromStreamArn(STREAM_ARN),
    analysis: VoiceAnalysis.voiceToneAnalysis(),
    waitForInProgress: false,
  });
  return { stack, pipeline, other, task, byArn, byId };
}

type Element = { type: string; status: string };
/** A "Media Insights State Change" event of the guide, for the pipeline with this runtime metadata. */
function insightsEvent(
  metadata: Record<string, string>, eventType: string, elements?: Element[], pipelineArn = PIPELINE_ARN,
): Record<string, unknown> {
  return {
    'version': '0',
    'id': '5ee6265a-0a40-104e-d8fd-a3b4bdd78483',
    'detail-type': 'Media Insights State Change',
    'source': 'aws.chime',
    'account': '123456789012',
    'region': 'us-east-1',
    'time': '2024-01-01T00:00:00Z',
    'resources': [],
    'detail': {
      version: '0',
      mediaInsightsPipelineArn: pipelineArn,
      eventType,
      ...(elements ? { mediaInsightsPipelineElementStatuses: elements.map((e) => ({ ...e, updatedOn: 1686184070655 })) } : {}),
      ...metadata,
      ...(eventType.endsWith('PermanentFailure') ? { failureReason: 'Access denied when assuming resource access role' } : {}),
    },
  };
}
const SINGLE = ['chime:MediaInsightsInProgress', 'chime:MediaInsightsPaused', 'chime:MediaInsightsStopped', 'chime:MediaInsightsTemporaryFailure', 'chime:MediaInsightsPermanentFailure'];
const processor = (status: string): Element => ({ type: 'VoiceAnalyticsProcessor', status });
const recording = (status: string): Element => ({ type: 'S3RecordingSink', status });

/** The synthesized pattern of the rule whose logical ID starts with `prefix`. */
function patternOf(stack: Stack, prefix: string): Record<string, unknown> {
  const rules = Template.fromStack(stack).findResources('AWS::Events::Rule');
  const [, rule] = Object.entries<any>(rules).find(([id]) => id.startsWith(prefix))!;
  return rule.Properties.EventPattern;
}

describe('KvsMediaInsightsPipeline', () => {
  test('onPipelineStateChange: every event of this pipeline (by its runtime metadata), none of another pipeline or another detail type', () => {
    const { stack, pipeline, other } = build();
    pipeline.onPipelineStateChange('States', { target: new SqsQueue(new sqs.Queue(stack, 'Ops', { enforceSSL: true })) });
    const pattern = patternOf(stack, 'PipelineStates');
    const mine = stack.resolve(pipeline.runtimeMetadata);
    const theirs = stack.resolve(other.runtimeMetadata);
    for (const eventType of SINGLE) {
      expect(matchesPattern(pattern, insightsEvent(mine, eventType))).toBe(true);
      expect(matchesPattern(pattern, insightsEvent(theirs, eventType))).toBe(false);
    }
    expect(matchesPattern(pattern, { ...insightsEvent(mine, SINGLE[0]), 'detail-type': 'Chime Media Pipeline State Change' })).toBe(false);
    expect(matchesPattern(pattern, { ...insightsEvent(mine, SINGLE[0]), source: 'aws.ivs' })).toBe(false);
    Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ 'detail-type': ['Media Insights State Change'] }),
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Ops'), 'Arn'] } })],
    });
  });

  test('onPipelineFailure: a permanent failure, or an element Failed while the pipeline is still in progress; not a temporary failure, not another pipeline', () => {
    const { stack, pipeline, other } = build();
    pipeline.onPipelineFailure('Failures');
    const pattern = patternOf(stack, 'PipelineFailures');
    const mine = stack.resolve(pipeline.runtimeMetadata);
    expect(SINGLE.filter((t) => matchesPattern(pattern, insightsEvent(mine, t)))).toEqual(['chime:MediaInsightsPermanentFailure']);
    // The guide's multi-element examples.
    expect(matchesPattern(pattern, insightsEvent(mine, 'chime:MediaInsightsInProgress', [recording('Failed'), processor('InProgress')]))).toBe(true);
    expect(matchesPattern(pattern, insightsEvent(mine, 'chime:MediaInsightsPermanentFailure', [processor('Failed'), recording('Stopped')]))).toBe(true);
    expect(matchesPattern(pattern, insightsEvent(mine, 'chime:MediaInsightsInProgress', [processor('InProgress'), recording('NotStarted')]))).toBe(false);
    expect(matchesPattern(pattern, insightsEvent(mine, 'chime:MediaInsightsInProgress', [processor('Stopped'), recording('InProgress')]))).toBe(false);
    expect(matchesPattern(pattern, insightsEvent(stack.resolve(other.runtimeMetadata), 'chime:MediaInsightsPermanentFailure'))).toBe(false);
  });

  test('alarmPipelineFailure: MatchedEvents of its own failure rule, Sum >= 1 over 5 minutes', () => {
    const { stack, pipeline } = build();
    pipeline.alarmPipelineFailure('FailureAlarm');
    const template = Template.fromStack(stack);
    const rules = template.findResources('AWS::Events::Rule');
    const ruleId = Object.keys(rules).find((id) => id.startsWith('PipelineFailureAlarmEvents'))!;
    expect(matchesPattern(rules[ruleId].Properties.EventPattern, insightsEvent(stack.resolve(pipeline.runtimeMetadata), 'chime:MediaInsightsPermanentFailure'))).toBe(true);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', matchedEventsAlarm(ruleId));
  });
});

describe('VoiceAnalyticsTask', () => {
  test('on a pipeline construct: its pipeline\'s events, by the pipeline\'s runtime metadata', () => {
    const { stack, pipeline, other, task } = build();
    task.onPipelineStateChange('States');
    const pattern = patternOf(stack, 'ToneStates');
    expect(matchesPattern(pattern, insightsEvent(stack.resolve(pipeline.runtimeMetadata), 'chime:MediaInsightsInProgress'))).toBe(true);
    expect(matchesPattern(pattern, insightsEvent(stack.resolve(other.runtimeMetadata), 'chime:MediaInsightsInProgress'))).toBe(false);
  });

  test('onPipelineFailure: the pipeline\'s permanent failure or its VoiceAnalyticsProcessor Failed, not another element\'s failure', () => {
    const { stack, pipeline, task } = build();
    task.onPipelineFailure('Failures');
    const pattern = patternOf(stack, 'ToneFailures');
    const mine = stack.resolve(pipeline.runtimeMetadata);
    expect(matchesPattern(pattern, insightsEvent(mine, 'chime:MediaInsightsPermanentFailure'))).toBe(true);
    expect(matchesPattern(pattern, insightsEvent(mine, 'chime:MediaInsightsInProgress', [processor('Failed'), recording('InProgress')]))).toBe(true);
    // Type and status must come from one element (EventBridge's array matching).
    expect(matchesPattern(pattern, insightsEvent(mine, 'chime:MediaInsightsInProgress', [processor('InProgress'), recording('Failed')]))).toBe(false);
    expect(matchesPattern(pattern, insightsEvent(mine, 'chime:MediaInsightsTemporaryFailure'))).toBe(false);
  });

  test.each([['ToneByArn', 'an ARN'], ['ToneById', 'an ID']])('on a pipeline named by %s (%s): matched on detail.mediaInsightsPipelineArn', (name) => {
    const { stack, byArn, byId } = build();
    const task = name === 'ToneByArn' ? byArn : byId;
    task.onPipelineStateChange('States');
    task.alarmPipelineFailure('FailureAlarm');
    const pattern = patternOf(stack, `${name}States`);
    const resolved = JSON.parse(JSON.stringify(pattern).replace(/\{"Ref":"AWS::Partition"\}/g, '"aws"'));
    const arn = (resolved.detail.mediaInsightsPipelineArn[0]['Fn::Join'] as [string, string[]] | undefined)?.[1].join('') ?? resolved.detail.mediaInsightsPipelineArn[0];
    const literal = { ...resolved, detail: { ...resolved.detail, mediaInsightsPipelineArn: [arn] } };
    expect(matchesPattern(literal, insightsEvent({}, 'chime:MediaInsightsInProgress'))).toBe(true);
    expect(matchesPattern(literal, insightsEvent({}, 'chime:MediaInsightsInProgress', undefined, OTHER_PIPELINE_ARN))).toBe(false);
    Template.fromStack(stack).resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { MetricName: 'MatchedEvents' }, 1);
  });
});
