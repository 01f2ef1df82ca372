import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { SnsTopic } from 'aws-cdk-lib/aws-events-targets';
import { CfnChannel, CfnEncoderConfiguration, CfnStage, CfnStorageConfiguration } from 'aws-cdk-lib/aws-ivs';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Topic } from 'aws-cdk-lib/aws-sns';
import {
  CompositionLayout, IvsStageComposition,
} from '../../src';
import {
  IVS_STAGE_COMPOSITION_TEARDOWN_RESOURCE_TYPE, STAGE_KEEPER_MAX_MESSAGE_AGE_SECONDS, STAGE_RECONCILE_DETAIL_TYPE, STAGE_RECONCILE_SOURCE,
  decodeStageKeeperMessage,
} from '../../src/ivs/stage-composition.contract';
import { resolveIntrinsics } from '../helpers/cfn';
import { CHANNEL_ARN, ENCODER_ARN, STAGE_ARN, STORAGE_ARN, TEST_ENV as ENV } from '../helpers/fixtures';
import { fromCfnIvs } from '../helpers/ivs';
import { snapshotOf } from '../helpers/snapshot';

const getAtt = (logicalId: string | object) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });
const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/TestStack/6b8a2f10-0000-0000-0000-000000000000';
const everyOf = (type: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:ivs:us-east-1:123456789012:${type}/*`]] });

function newStack() {
  return new Stack(new App(), 'TestStack', { env: ENV });
}

function ivsResources(stack: Stack, suffix = '') {
  const stage = new CfnStage(stack, `Stage${suffix}`, { name: `studio${suffix}` });
  const encoder = new CfnEncoderConfiguration(stack, `Encoder${suffix}`, { name: 'hd' });
  const bucket = new Bucket(stack, `Recordings${suffix}`);
  const storage = new CfnStorageConfiguration(stack, `Storage${suffix}`, { s3: { bucketName: bucket.bucketName } });
  const channel = new CfnChannel(stack, `Channel${suffix}`, { name: `live${suffix}` });
  return fromCfnIvs({ stage, encoder, storage, channel });
}

function representativeStack() {
  const stack = newStack();
  const ivs = ivsResources(stack);
  const studio = new IvsStageComposition(stack, 'Studio', {
    stage: ivs.stage,
    layout: CompositionLayout.grid({ featuredParticipantAttribute: 'host' }),
    channel: { channel: ivs.channel, encoderConfiguration: ivs.encoder },
    s3: { storageConfiguration: ivs.storage, encoderConfiguration: ivs.encoder },
    tags: { project: 'studio' },
  });
  return { stack, studio };
}

describe('IvsStageComposition', () => {
  test('snapshot', () => {
    expect(snapshotOf(representativeStack().stack)).toMatchSnapshot();
  });

  test('one rule, scoped to this stage: Stage Update by resources, Composition State Change by detail.stage_arn, this stack\'s reconcile events', () => {
    const template = Template.fromStack(representativeStack().stack);
    template.resourceCountIs('AWS::Events::Rule', 1);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        $or: [
          {
            'source': ['aws.ivs'],
            'detail-type': ['IVS Stage Update'],
            'resources': [getAtt('Stage')],
            'detail': { event_name: ['Participant Published', 'Participant Unpublished'] },
          },
          {
            'source': ['aws.ivs'],
            'detail-type': ['IVS Composition State Change'],
            'detail': { stage_arn: [getAtt('Stage')], event_name: ['Session End', 'Session Failure'] },
          },
          {
            'source': [STAGE_RECONCILE_SOURCE],
            'detail-type': [STAGE_RECONCILE_DETAIL_TYPE],
            'detail': { stack: [{ Ref: 'AWS::StackId' }], intervalMinutes: ['1'] },
          },
        ],
      },
      Targets: [Match.objectLike({
        Arn: getAtt(Match.stringLikeRegexp('^CdkLiveMediaStageKeeperQueue')),
        SqsParameters: { MessageGroupId: Match.stringLikeRegexp('^c8[0-9a-f]{40}$') },
        InputTransformer: Match.objectLike({
          InputPathsMap: { 'id': '$.id', 'detail-type': '$.detail-type', 'detail': '$.detail' },
        }),
      })],
    });
  });

  test('the rule target input decodes to the configuration, for the stage\'s events and the schedule\'s', () => {
    const { stack, studio } = representativeStack();
    const template = Template.fromStack(stack).toJSON();
    const refs = { 'Stage.Arn': STAGE_ARN, 'Channel.Arn': CHANNEL_ARN, 'Encoder.Arn': ENCODER_ARN, 'Storage.Arn': STORAGE_ARN, 'AWS::StackId': STACK_ID };
    const resources = Object.values<any>(template.Resources);
    const rule = resources.find((r) => r.Type === 'AWS::Events::Rule');
    const inputTemplate = resolveIntrinsics(rule.Properties.Targets[0].InputTransformer.InputTemplate, refs) as string;
    // EventBridge puts each value's JSON where its unquoted placeholder is.
    const fill = (id: string, detailType: string, detail: object) =>
      inputTemplate.replace('<id>', JSON.stringify(id)).replace('<detail-type>', JSON.stringify(detailType)).replace('<detail>', JSON.stringify(detail));
    const detail = { session_id: 'st-1234567890abc', event_name: 'Participant Published', user_id: 'host', participant_id: 'p1' };
    const fromRule = decodeStageKeeperMessage(fill('ev-1', 'IVS Stage Update', detail));
    expect(fromRule.trigger).toEqual({ kind: 'event', id: 'ev-1', detailType: 'IVS Stage Update', eventName: 'Participant Published', sessionId: 'st-1234567890abc' });
    expect(fromRule.config).toEqual({
      stageArn: STAGE_ARN,
      ownerId: studio.ownerId,
      layout: { grid: { featuredParticipantAttribute: 'host' } },
      destinations: [
        { channel: { channelArn: CHANNEL_ARN, encoderConfigurationArn: ENCODER_ARN } },
        { s3: { storageConfigurationArn: STORAGE_ARN, encoderConfigurationArns: [ENCODER_ARN], recordingConfiguration: { format: 'HLS' } } },
      ],
      tags: { project: 'studio' },
      maxRetriesPerSession: 3,
      retryBackoffSeconds: 10,
      restartOnChange: false,
    });
    // The schedule's event, as the rule passes it on: a scheduled check of the same configuration.
    const schedule = resources.find((r) => r.Type === 'AWS::Scheduler::Schedule');
    const scheduledDetail = JSON.parse(resolveIntrinsics(schedule.Properties.Target.Input, refs) as string);
    expect(scheduledDetail).toEqual({ stack: STACK_ID, intervalMinutes: '1' });
    const scheduled = decodeStageKeeperMessage(fill('ev-2', STAGE_RECONCILE_DETAIL_TYPE, scheduledDetail));
    expect(scheduled).toEqual({ config: fromRule.config, trigger: { kind: 'schedule', id: 'ev-2', detailType: STAGE_RECONCILE_DETAIL_TYPE } });
  });

  test('one reconciliation schedule per stack: every minute by default, an event on the default bus that the stages\' rules match', () => {
    const stack = newStack();
    for (const suffix of ['', '2', '3']) {
      const ivs = ivsResources(stack, suffix);
      new IvsStageComposition(stack, `Studio${suffix}`, { stage: ivs.stage, channel: { channel: ivs.channel } });
    }
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Scheduler::Schedule', 1);
    template.resourceCountIs('AWS::Events::Rule', 3);
    // Deleted before every stage's teardown, so that no reconcile event follows a teardown.
    const teardowns = Object.keys(template.findResources(IVS_STAGE_COMPOSITION_TEARDOWN_RESOURCE_TYPE));
    expect(teardowns).toHaveLength(3);
    expect(Object.values<any>(template.findResources('AWS::Scheduler::Schedule'))[0].DependsOn).toEqual(expect.arrayContaining(teardowns));
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:us-east-1:123456789012:event-bus/default']] },
        EventBridgeParameters: { Source: STAGE_RECONCILE_SOURCE, DetailType: STAGE_RECONCILE_DETAIL_TYPE },
        RetryPolicy: { MaximumEventAgeInSeconds: 60, MaximumRetryAttempts: 0 },
      }),
    });
    // The scheduler's role may put events on the default bus, and only that.
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Action: 'events:PutEvents',
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:us-east-1:123456789012:event-bus/default']] },
        }],
      },
      Roles: [{ Ref: Match.stringLikeRegexp('^CdkLiveMediaStageKeeperSchedulerRole') }],
    });
  });

  test('reconcileInterval: stages that ask for the same interval share its schedule; reconcile: false matches no schedule', () => {
    const stack = newStack();
    const ivs = ivsResources(stack);
    new IvsStageComposition(stack, 'Every5', { stage: ivs.stage, channel: { channel: ivs.channel }, reconcileInterval: Duration.minutes(5) });
    const ivs2 = ivsResources(stack, '2');
    new IvsStageComposition(stack, 'Never', { stage: ivs2.stage, channel: { channel: ivs2.channel }, reconcile: false });
    const ivs3 = ivsResources(stack, '3');
    new IvsStageComposition(stack, 'AlsoEvery5', { stage: ivs3.stage, channel: { channel: ivs3.channel }, reconcileInterval: Duration.hours(1).minus(Duration.minutes(55)) });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Scheduler::Schedule', 1);
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(5 minutes)' });
    const patterns = Object.values(template.findResources('AWS::Events::Rule')).map((r: any) => r.Properties.EventPattern.$or);
    expect(patterns.map((branches: any[]) => branches.length).sort()).toEqual([2, 3, 3]);
    for (const branches of patterns.filter((b: any[]) => b.length === 3)) {
      expect(branches[2].detail.intervalMinutes).toEqual(['5']);
    }
  });

  test('a message whose check keeps failing reaches the dead-letter queue before it expires; the teardown watches as long as a message may act', () => {
    const { stack, studio } = representativeStack();
    const template = Template.fromStack(stack);
    const [queue] = Object.values<any>(template.findResources('AWS::SQS::Queue', { Properties: { RedrivePolicy: Match.anyValue() } }));
    const { MessageRetentionPeriod: retention, VisibilityTimeout: visibility, RedrivePolicy: { maxReceiveCount } } = queue.Properties;
    // Moved at the receive after maxReceiveCount failed ones, each a visibility timeout apart; a message may
    // first wait up to the keeper's age limit behind another of its stage.
    expect(retention).toBeGreaterThan(STAGE_KEEPER_MAX_MESSAGE_AGE_SECONDS + maxReceiveCount * visibility);
    // The event source requires a visibility timeout no shorter than the function's timeout.
    const [fn] = Object.values<any>(template.findResources('AWS::Lambda::Function', { Properties: { Handler: 'index.stageKeeper' } }));
    expect(visibility).toBeGreaterThanOrEqual(fn.Properties.Timeout);
    template.hasResourceProperties('Custom::IvsStageCompositionTeardown', { GraceSeconds: STAGE_KEEPER_MAX_MESSAGE_AGE_SECONDS + fn.Properties.Timeout });
    // Public, for an alarm.
    const [dlqId] = Object.keys(template.findResources('AWS::SQS::Queue', { Properties: { MessageRetentionPeriod: 1209600 } }));
    expect(stack.resolve((studio.deadLetterQueue as any).queueArn)).toEqual(getAtt(dlqId));
  });

  test('the queue: FIFO, content-based deduplication, a dead-letter queue, SSL only; only the stack\'s rules may send', () => {
    const template = Template.fromStack(representativeStack().stack);
    template.hasResourceProperties('AWS::SQS::Queue', {
      FifoQueue: true,
      ContentBasedDeduplication: true,
      MessageRetentionPeriod: 300,
      VisibilityTimeout: 60,
      RedrivePolicy: { deadLetterTargetArn: getAtt(Match.stringLikeRegexp('DeadLetterQueue')), maxReceiveCount: 1 },
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Sid: 'StageRules',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Condition: { ArnEquals: { 'aws:SourceArn': [getAtt(Match.stringLikeRegexp('^StudioEvents'))] } },
        })]),
      },
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { BatchSize: 1, ScalingConfig: { MaximumConcurrency: 2 } });
    template.hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.stageKeeper', Timeout: 30 });
  });

  test('the keeper role: the stage, the destinations\' resources, the account\'s compositions; no "*"', () => {
    const template = Template.fromStack(representativeStack().stack);
    const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^CdkLiveMediaStageKeeperFunctionRole') }] } });
    const statements = Object.values<any>(policies).flatMap((p) => p.Properties.PolicyDocument.Statement);
    const byAction = (action: string) => statements.filter((s) => [s.Action].flat().includes(action)).map((s) => s.Resource);
    expect(byAction('ivs:GetStage')).toEqual([[getAtt('Stage')]]);
    expect(byAction('ivs:ListParticipants')).toEqual([[getAtt('Stage')]]);
    expect(byAction('ivs:ListCompositions')).toEqual([[getAtt('Stage')]]);
    expect(byAction('ivs:StartComposition')).toEqual([[getAtt('Stage'), getAtt('Channel'), getAtt('Encoder'), getAtt('Storage')]]);
    expect(byAction('ivs:TagResource')).toEqual([[everyOf('composition')]]);
    // StopComposition only with restartOnChange (the teardown stops with the shared handler's role).
    expect(byAction('ivs:StopComposition')).toEqual([]);
    expect(byAction('logs:PutLogEvents')).toEqual([{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:us-east-1:123456789012:log-group:', { Ref: expect.stringMatching(/^CdkLiveMediaStageKeeperLogs/) }, ':log-stream:*']] }]);
    // No role of the stack has a managed policy: the keeper's and the handler's logs are scoped to their own log groups.
    const managed = Template.fromStack(representativeStack().stack).findResources('AWS::IAM::Role', { Properties: { ManagedPolicyArns: Match.anyValue() } });
    expect(Object.keys(managed)).toEqual([]);
    expect(JSON.stringify(statements)).not.toMatch(/"Resource":"\*"/);
  });

  test('restartOnChange grants the keeper StopComposition on the account\'s compositions', () => {
    const stack = newStack();
    const ivs = ivsResources(stack);
    new IvsStageComposition(stack, 'Studio', { stage: ivs.stage, channel: { channel: ivs.channel }, restartOnChange: true });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([{ Effect: 'Allow', Action: 'ivs:StopComposition', Resource: [everyOf('composition')] }]) },
    });
  });

  test('teardown: a custom resource on the shared handler that the rule and the schedule depend on', () => {
    const template = Template.fromStack(representativeStack().stack).toJSON();
    const [teardownId, teardown] = Object.entries<any>(template.Resources).find(([, r]) => r.Type === IVS_STAGE_COMPOSITION_TEARDOWN_RESOURCE_TYPE)!;
    expect(teardown.Properties).toEqual({
      ServiceToken: getAtt('CdkLiveMediaProviderHandler5A4B8FAB'),
      ServiceTimeout: '900',
      stageArn: getAtt('Stage'),
      ownerId: expect.stringMatching(/^c8[0-9a-f]{40}$/),
      GraceSeconds: 90,
    });
    for (const type of ['AWS::Events::Rule', 'AWS::Scheduler::Schedule']) {
      const [, r] = Object.entries<any>(template.Resources).find(([, x]) => x.Type === type)!;
      expect(r.DependsOn).toContain(teardownId);
    }
  });

  test('onCompositionFailure routes Session Failure and Destination Failure of this stage to the target', () => {
    const { stack, studio } = representativeStack();
    studio.onCompositionFailure('Failures', { target: new SnsTopic(new Topic(stack, 'Alerts')) });
    Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.ivs'],
        'detail-type': ['IVS Composition State Change'],
        'detail': { stage_arn: [getAtt('Stage')], event_name: ['Session Failure', 'Destination Failure'] },
      },
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^Alerts') } })],
    });
  });

  test('metricPublisherWithoutComposition: the keeper\'s EMF metric for this stage', () => {
    const { stack, studio } = representativeStack();
    const metric = studio.metricPublisherWithoutComposition();
    expect(metric.namespace).toBe('CdkLiveMedia/IvsStageComposition');
    expect(metric.metricName).toBe('PublisherWithoutComposition');
    expect(stack.resolve(metric.dimensions)).toEqual({ StageArn: getAtt('Stage'), OwnerId: studio.ownerId });
    expect(metric.statistic).toBe('Maximum');
  });
});
