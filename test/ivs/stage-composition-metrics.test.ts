/**
 * IvsStageComposition's metric*() against what the keeper really writes: the
 * keeper handler runs (IVS mocked) with the configuration the construct puts
 * on its rule, its EMF lines are captured, and every metric it names must be
 * the construct's metric (namespace, name, a dimension set it writes, the
 * values). Then the alarms, synthesized with their defaults.
 */
import {
  ConflictException, GetStageCommand, IVSRealTimeClient, ListCompositionsCommand, ListParticipantsCommand, StartCompositionCommand,
} from '@aws-sdk/client-ivs-realtime';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { checkStage, hashOf } from '../../lambda/ivs/stage-keeper';
import { IvsChannel, IvsStage, IvsStageComposition } from '../../src';
import { STAGE_COMPOSITION_TAGS, decodeStageKeeperMessage } from '../../src/ivs/stage-composition.contract';
import type { StageCompositionConfig } from '../../src/ivs/stage-composition.contract';
import { resolveIntrinsics } from '../helpers/cfn';
import { VirtualClock } from '../helpers/clock';
import { CHANNEL_ARN, STAGE_ARN, TEST_ENV } from '../helpers/fixtures';
import { SESSION, eventBody } from '../lambda/ivs/stage-keeper.fixtures';

const ivs = mockClient(IVSRealTimeClient);

function build() {
  const stack = new Stack(new App(), 'TestStack', { env: TEST_ENV });
  const studio = new IvsStageComposition(stack, 'Studio', {
    stage: IvsStage.fromStageArn(STAGE_ARN), channel: { channel: IvsChannel.fromChannelArn(CHANNEL_ARN) }, maxRetriesPerSession: 1,
  });
  return { stack, studio };
}

/** The configuration the construct's rule sends the keeper (its target input). */
function configOf(stack: Stack): StageCompositionConfig {
  const rules = Template.fromStack(stack).findResources('AWS::Events::Rule');
  const [rule] = Object.values<any>(rules);
  const inputTemplate = resolveIntrinsics(rule.Properties.Targets[0].InputTransformer.InputTemplate) as string;
  // EventBridge puts each value's JSON where its unquoted placeholder is; the trigger is the test's own.
  const filled = inputTemplate.replace('<id>', '"ev-1"').replace('<detail-type>', '"IVS Stage Update"').replace('<detail>', '{}');
  return decodeStageKeeperMessage(filled).config;
}

/** Runs one check of the keeper and returns the EMF lines it logged. */
async function emfOf(config: StageCompositionConfig, setup: () => void): Promise<any[]> {
  ivs.reset();
  ivs.on(GetStageCommand).resolves({ stage: { arn: STAGE_ARN, activeSessionId: SESSION } });
  ivs.on(ListParticipantsCommand).resolves({ participants: [{ participantId: 'p1', state: 'CONNECTED', published: true }] });
  ivs.on(ListCompositionsCommand).resolves({ compositions: [] });
  ivs.on(StartCompositionCommand).resolves({ composition: { arn: 'arn:aws:ivs:us-east-1:123456789012:composition/N3w', stageArn: STAGE_ARN, state: 'STARTING', layout: {}, destinations: [] } });
  setup();
  const lines: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const body = JSON.parse(eventBody('Participant Published'));
  await checkStage(decodeStageKeeperMessage(JSON.stringify({ ...body, config })), new VirtualClock());
  log.mockRestore();
  error.mockRestore();
  return lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)).filter((l) => l._aws);
}

/** What the construct's metric resolves to. */
function described(stack: Stack, metric: cloudwatch.Metric) {
  return { namespace: metric.namespace, name: metric.metricName, dimensions: stack.resolve(metric.dimensions) as Record<string, string> };
}

test('every metric the keeper writes, in each outcome, is one of the construct\'s metric*() with the dimensions and values it writes', async () => {
  const { stack, studio } = build();
  const config = configOf(stack);
  expect(config.ownerId).toBe(studio.ownerId);
  const failed = (id: string, attempt: number) => ({
    arn: `arn:aws:ivs:us-east-1:123456789012:composition/${id}`,
    stageArn: STAGE_ARN,
    state: 'FAILED' as const,
    destinations: [],
    startTime: new Date(0),
    endTime: new Date(0),
    tags: {
      [STAGE_COMPOSITION_TAGS.owner]: studio.ownerId,
      [STAGE_COMPOSITION_TAGS.session]: SESSION,
      [STAGE_COMPOSITION_TAGS.attempt]: String(attempt),
      [STAGE_COMPOSITION_TAGS.config]: hashOf(config),
    },
  });
  const running = {
    ...failed('R1', 1),
    state: 'ACTIVE' as const,
    destinations: [{ id: 'ch', state: 'ACTIVE' as const }, { id: 's3', state: 'FAILED' as const }],
  };
  const lines = [
    ...await emfOf(config, () => undefined), // started
    ...await emfOf(config, () => ivs.on(StartCompositionCommand).rejects(new ConflictException({ message: 'busy', $metadata: {} }))), // start-failed
    ...await emfOf(config, () => ivs.on(ListCompositionsCommand).resolves({ compositions: [failed('F1', 1), failed('F2', 2)] })), // gave-up
    ...await emfOf(config, () => ivs.on(ListCompositionsCommand).resolves({ compositions: [running] })), // running
  ];
  expect(lines[lines.length - 1]).toMatchObject({ PublisherWithoutComposition: 0, FailedDestinations: 1 });
  const byName: Record<string, cloudwatch.Metric> = {
    PublisherWithoutComposition: studio.metricPublisherWithoutComposition(),
    CompositionStarts: studio.metricCompositionStarts(),
    StartFailures: studio.metricStartFailures(),
    GaveUp: studio.metricGaveUp(),
    FailedDestinations: studio.metricFailedDestinations(),
  };
  const written = new Set<string>();
  for (const line of lines) {
    for (const directive of line._aws.CloudWatchMetrics) {
      for (const { Name } of directive.Metrics) {
        written.add(Name);
        const metric = byName[Name];
        expect(metric).toBeDefined();
        const { namespace, dimensions } = described(stack, metric);
        expect(directive.Namespace).toBe(namespace);
        // The construct's dimensions are one of the sets the keeper writes, with the values it writes.
        expect(directive.Dimensions.map((set: string[]) => [...set].sort())).toContainEqual(Object.keys(dimensions).sort());
        for (const [key, value] of Object.entries(dimensions)) expect(line[key]).toBe(value);
        expect(typeof line[Name]).toBe('number');
      }
    }
  }
  expect([...written].sort()).toEqual(Object.keys(byName).sort());
});

test('metricKeeperDeadLetters: ApproximateNumberOfMessagesVisible of the keeper\'s dead-letter queue', () => {
  const { stack, studio } = build();
  const { namespace, name, dimensions } = described(stack, studio.metricKeeperDeadLetters());
  expect({ namespace, name }).toEqual({ namespace: 'AWS/SQS', name: 'ApproximateNumberOfMessagesVisible' });
  const queues = Template.fromStack(stack).findResources('AWS::SQS::Queue');
  const dlq = Object.keys(queues).find((id) => id.includes('DeadLetterQueue'))!;
  expect(dimensions).toEqual({ QueueName: { 'Fn::GetAtt': [dlq, 'QueueName'] } });
});

describe('alarms with their defaults', () => {
  test('alarmPublisherWithoutComposition: Minimum of the construct\'s metric >= 1 over 5 minutes, no data not breaching', () => {
    const { stack, studio } = build();
    studio.alarmPublisherWithoutComposition('NoComposition');
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'CdkLiveMedia/IvsStageComposition',
      MetricName: 'PublisherWithoutComposition',
      Dimensions: [{ Name: 'OwnerId', Value: studio.ownerId }, { Name: 'StageArn', Value: STAGE_ARN }],
      Statistic: 'Minimum',
      Period: 300,
      Threshold: 1,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmDescription: Match.stringLikeRegexp('TestStack/Studio'),
    });
  });

  test('alarmPublisherWithoutComposition: "N minutes" is the period', () => {
    const { stack, studio } = build();
    studio.alarmPublisherWithoutComposition('NoComposition', { period: Duration.minutes(10), alarmName: 'show-without-composition' });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', { Period: 600, AlarmName: 'show-without-composition' });
  });

  test('alarmFailedDestinations: Minimum of FailedDestinations >= 1 over 5 minutes', () => {
    const { stack, studio } = build();
    studio.alarmFailedDestinations('LostDestination');
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'CdkLiveMedia/IvsStageComposition',
      MetricName: 'FailedDestinations',
      Dimensions: [{ Name: 'OwnerId', Value: studio.ownerId }, { Name: 'StageArn', Value: STAGE_ARN }],
      Statistic: 'Minimum',
      Period: 300,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  test('alarmKeeperDeadLetters: Maximum of the dead-letter queue\'s visible messages >= 1 over 5 minutes', () => {
    const { stack, studio } = build();
    studio.alarmKeeperDeadLetters('DeadLetters');
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('DeadLetterQueue'), 'QueueName'] } }],
      Statistic: 'Maximum',
      Period: 300,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });
});
