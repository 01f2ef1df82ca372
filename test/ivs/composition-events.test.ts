/**
 * The composition rules and alarms of IvsComposition and IvsStageComposition:
 * each rule's pattern, as synthesized, run by EventBridge's matching
 * (test/helpers/event-pattern.ts) against the events as the IVS real-time
 * EventBridge guide shows them (composition in `resources`, stage only in
 * `detail.stage_arn`, destination events with the destination `id`):
 * https://docs.aws.amazon.com/ivs/latest/RealTimeUserGuide/eventbridge.html
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { SnsTopic } from 'aws-cdk-lib/aws-events-targets';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { IvsChannel, IvsComposition, IvsStage, IvsStageComposition } from '../../src';
import { matchedEventsAlarm } from '../helpers/alarm';
import { matchesPattern } from '../helpers/event-pattern';
import { CHANNEL_ARN, STAGE_ARN, TEST_ENV } from '../helpers/fixtures';

const OTHER_STAGE = 'arn:aws:ivs:us-east-1:123456789012:stage/ZyXwVuTsRqPo';

/** An "IVS Composition State Change" event shaped as the guide's examples. */
function compositionEvent(eventName: string, stageArn = STAGE_ARN): Record<string, unknown> {
  const destination = eventName.startsWith('Destination');
  return {
    'version': '0',
    'id': '12345678-1a23-4567-a1bc-1a2b34567890',
    'detail-type': 'IVS Composition State Change',
    'source': 'aws.ivs',
    'account': '123456789012',
    'time': '2023-10-31T21:28:39Z',
    'region': 'us-east-1',
    'resources': ['arn:aws:ivs:us-east-1:123456789012:composition/aB1cD2eF3gH4'],
    'detail': {
      event_name: eventName,
      stage_arn: stageArn,
      ...(destination ? { id: 'DeStInAtIoN1' } : {}),
      ...(eventName.endsWith('Failure') ? { reason: 'another broadcast was happening' } : {}),
    },
  };
}
const ALL_EVENTS = ['Session Start', 'Session End', 'Session Failure', 'Destination Start', 'Destination End', 'Destination Failure', 'Destination Reconnecting'];
const stageUpdate = {
  'source': 'aws.ivs',
  'detail-type': 'IVS Stage Update',
  'resources': [STAGE_ARN],
  'detail': { session_id: 'st-1', event_name: 'Participant Published', participant_id: 'p', user_id: 'u' },
};

type Kind = 'IvsComposition' | 'IvsStageComposition';
function build(kind: Kind) {
  const stack = new Stack(new App(), 'TestStack', { env: TEST_ENV });
  const props = { stage: IvsStage.fromStageArn(STAGE_ARN), channel: { channel: IvsChannel.fromChannelArn(CHANNEL_ARN) } };
  const construct = kind === 'IvsComposition' ? new IvsComposition(stack, 'Show', props) : new IvsStageComposition(stack, 'Show', props);
  return { stack, construct };
}

/** The synthesized pattern of the rule with this construct ID. */
function patternOf(stack: Stack, path: string): Record<string, unknown> {
  const resources = Template.fromStack(stack).findResources('AWS::Events::Rule');
  const [, rule] = Object.entries<any>(resources).find(([id]) => id.startsWith(path))!;
  return rule.Properties.EventPattern;
}

describe.each<Kind>(['IvsComposition', 'IvsStageComposition'])('%s', (kind) => {
  test('onCompositionStateChange matches every composition event of the stage, no other stage\'s, no Stage Update, no other source', () => {
    const { stack, construct } = build(kind);
    construct.onCompositionStateChange('States', { target: new SnsTopic(new Topic(stack, 'Alerts')) });
    const pattern = patternOf(stack, 'ShowStates');
    for (const name of ALL_EVENTS) {
      expect(matchesPattern(pattern, compositionEvent(name))).toBe(true);
      expect(matchesPattern(pattern, compositionEvent(name, OTHER_STAGE))).toBe(false);
    }
    expect(matchesPattern(pattern, stageUpdate)).toBe(false);
    expect(matchesPattern(pattern, { ...compositionEvent('Session Failure'), source: 'aws.chime' })).toBe(false);
    Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ 'detail-type': ['IVS Composition State Change'] }),
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^Alerts') } })],
    });
  });

  test('onCompositionFailure matches Session Failure and Destination Failure of the stage only', () => {
    const { stack, construct } = build(kind);
    construct.onCompositionFailure('Failures');
    const pattern = patternOf(stack, 'ShowFailures');
    const matched = ALL_EVENTS.filter((name) => matchesPattern(pattern, compositionEvent(name)));
    expect(matched).toEqual(['Session Failure', 'Destination Failure']);
    expect(matchesPattern(pattern, compositionEvent('Session Failure', OTHER_STAGE))).toBe(false);
  });

  test('the user\'s pattern is merged into the rule, the stage kept', () => {
    const { stack, construct } = build(kind);
    construct.onCompositionStateChange('Reconnects', { eventPattern: { detail: { event_name: ['Destination Reconnecting'] } }, description: 'reconnects' });
    const pattern = patternOf(stack, 'ShowReconnects');
    expect(matchesPattern(pattern, compositionEvent('Destination Reconnecting'))).toBe(true);
    expect(matchesPattern(pattern, compositionEvent('Destination Failure'))).toBe(false);
    expect(matchesPattern(pattern, compositionEvent('Destination Reconnecting', OTHER_STAGE))).toBe(false);
  });

  test('alarmCompositionFailure: MatchedEvents of its own failure rule, Sum >= 1 over 5 minutes, missing data not breaching', () => {
    const { stack, construct } = build(kind);
    construct.alarmCompositionFailure('FailureAlarm');
    const template = Template.fromStack(stack);
    const rules = template.findResources('AWS::Events::Rule');
    const ruleId = Object.keys(rules).find((id) => id.startsWith('ShowFailureAlarmEvents'))!;
    expect(rules[ruleId].Properties.Targets).toBeUndefined();
    expect(ALL_EVENTS.filter((name) => matchesPattern(rules[ruleId].Properties.EventPattern, compositionEvent(name)))).toEqual(['Session Failure', 'Destination Failure']);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', matchedEventsAlarm(ruleId, { AlarmDescription: Match.stringLikeRegexp(`failed on ${STAGE_ARN}`) }));
  });

  test('alarm period and threshold are overridable; a period of seconds is rejected naming the construct and prop', () => {
    const { stack, construct } = build(kind);
    construct.alarmCompositionFailure('FailureAlarm', { period: Duration.minutes(15), threshold: 3, evaluationPeriods: 2, datapointsToAlarm: 1 });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', { Period: 900, Threshold: 3, EvaluationPeriods: 2, DatapointsToAlarm: 1 });
    expect(() => construct.alarmCompositionFailure('Bad', { period: Duration.seconds(90) }))
      .toThrow(new RegExp(`${kind} at 'TestStack/Show'.*alarmCompositionFailure.period: must be whole minutes`, 's'));
    expect(() => construct.alarmCompositionFailure('Bad2', { evaluationPeriods: 2, datapointsToAlarm: 3 }))
      .toThrow(/alarmCompositionFailure.datapointsToAlarm: must be from 1 to 2, got 3/);
    expect(() => construct.alarmCompositionFailure('Bad3', { evaluationPeriods: 0 }))
      .toThrow(/alarmCompositionFailure.evaluationPeriods: must be of at least 1, got 0/);
  });
});
