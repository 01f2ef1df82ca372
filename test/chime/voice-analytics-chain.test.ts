/**
 * Issue 13: configuration -> pipeline -> task (and a voice profile domain) in
 * one stack: the template, the resource access role's trust and statements,
 * the handler's IAM, the state-change rule, the grants and the consent gate.
 */
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import { CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import {
  KvsMediaInsightsPipeline, KvsStream, MediaInsightsPipeline, MediaInsightsPipelineConfiguration, ParticipantRole, VoiceAnalysis, VoiceAnalyticsSink,
  VoiceAnalyticsTask, VoiceProfileDomain,
} from '../../src';
import { NO_RESOURCE_TYPE_SID } from '../../src/core/provider';
import { TEST_ENV } from '../helpers/fixtures';
import { snapshotOf } from '../helpers/snapshot';

function chainStack() {
  const stack = new Stack(new App(), 'TestStack', { env: TEST_ENV });
  const stream = new CfnStream(stack, 'CallStream', { name: 'call', dataRetentionInHours: 24 });
  const topic = new sns.Topic(stack, 'Results');
  const queue = new sqs.Queue(stack, 'ResultQueue', { enforceSSL: true });
  const records = new kinesis.Stream(stack, 'ResultStream');
  const consumer = new lambda.Function(stack, 'Consumer', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=async()=>{}'),
  });
  const configuration = new MediaInsightsPipelineConfiguration(stack, 'Configuration', {
    configurationName: 'calls',
    voiceToneAnalysis: true,
    speakerSearch: true,
    speakerConsentAcknowledged: true,
    sinks: [
      VoiceAnalyticsSink.snsTopic(topic), VoiceAnalyticsSink.sqsQueue(queue),
      VoiceAnalyticsSink.lambdaFunction(consumer), VoiceAnalyticsSink.kinesisStream(records),
    ],
  });
  const pipeline = new KvsMediaInsightsPipeline(stack, 'Pipeline', {
    configuration,
    sources: [{
      stream: KvsStream.fromCfnStream(stream), numberOfChannels: 2, channels: [{ channelId: 1, participantRole: ParticipantRole.CUSTOMER }],
    }],
    mediaSampleRate: 8000,
  });
  const domain = new VoiceProfileDomain(stack, 'Domain', { speakerConsentAcknowledged: true, domainName: 'callers', description: 'Enrolled callers', tags: { team: 'support' } });
  new VoiceAnalyticsTask(stack, 'Tone', { pipeline, analysis: VoiceAnalysis.voiceToneAnalysis(), waitForInProgress: false });
  new VoiceAnalyticsTask(stack, 'Search', { pipeline, analysis: VoiceAnalysis.speakerSearch({ voiceProfileDomain: domain }), waitForInProgress: false });
  configuration.onPipelineStateChange('StateChanges', { target: new targets.SnsTopic(topic) });
  return { stack, configuration, pipeline, domain, consumer };
}

const PARTITION = { Ref: 'AWS::Partition' };
const join = (...parts: unknown[]) => ({ 'Fn::Join': ['', parts] });

describe('voice analytics chain template', () => {
  test('snapshot', () => {
    expect(snapshotOf(chainStack().stack)).toMatchSnapshot();
  });

  test('the configuration: a voice analytics processor and the four sinks, by ARN', () => {
    Template.fromStack(chainStack().stack).hasResourceProperties('Custom::MediaInsightsPipelineConfiguration', {
      Name: 'calls',
      ResourceAccessRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ConfigurationResourceAccessRole'), 'Arn'] },
      Elements: [
        { Type: 'VoiceAnalyticsProcessor', VoiceAnalyticsProcessorConfiguration: { SpeakerSearchStatus: 'Enabled', VoiceToneAnalysisStatus: 'Enabled' } },
        { Type: 'SnsTopicSink', SnsTopicSinkConfiguration: { InsightsTarget: { Ref: Match.stringLikeRegexp('^Results') } } },
        { Type: 'SqsQueueSink', SqsQueueSinkConfiguration: { InsightsTarget: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ResultQueue'), 'Arn'] } } },
        { Type: 'LambdaFunctionSink', LambdaFunctionSinkConfiguration: { InsightsTarget: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Consumer'), 'Arn'] } } },
        { Type: 'KinesisDataStreamSink', KinesisDataStreamSinkConfiguration: { InsightsTarget: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ResultStream'), 'Arn'] } } },
      ],
    });
  });

  test('the resource access role trusts only the media pipelines service, for this account', () => {
    Template.fromStack(chainStack().stack).hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: { Service: 'mediapipelines.chime.amazonaws.com' },
          Condition: {
            StringEquals: { 'aws:SourceAccount': '123456789012' },
            ArnLike: { 'aws:SourceArn': join('arn:', PARTITION, ':chime:*:123456789012:*') },
          },
        }],
      },
    });
  });

  test('the resource access role may exactly publish to the sinks and read the source stream', () => {
    const policies = Template.fromStack(chainStack().stack).findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^ConfigurationResourceAccessRole') }] },
    });
    const statements = Object.values<any>(policies).flatMap((p) => p.Properties.PolicyDocument.Statement);
    const simplified = statements.map((s) => ({ Action: s.Action, Resource: JSON.stringify(s.Resource) }));
    expect(simplified).toEqual([
      { Action: ['sns:Publish', 'sns:GetTopicAttributes'], Resource: expect.stringMatching(/"Ref":"Results/) },
      { Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes'], Resource: expect.stringMatching(/ResultQueue.*Arn/) },
      { Action: ['lambda:InvokeFunction', 'lambda:GetPolicy'], Resource: expect.stringMatching(/Consumer.*Arn/) },
      { Action: 'kinesis:PutRecord', Resource: expect.stringMatching(/ResultStream.*Arn/) },
      { Action: ['kinesisvideo:GetDataEndpoint', 'kinesisvideo:GetMedia'], Resource: expect.stringMatching(/CallStream.*Arn/) },
    ]);
    expect(statements.every((s) => s.Effect === 'Allow' && s.Resource !== '*')).toBe(true);
  });

  test('the handler: * only for the two create actions without a resource type, in their own statement', () => {
    const template = Template.fromStack(chainStack().stack);
    const handlerRole = Object.entries<any>(template.findResources('AWS::IAM::Role')).find(([id]) => id.startsWith('CdkLiveMediaProvider'))![1];
    const statements: any[] = handlerRole.Properties.Policies[0].PolicyDocument.Statement;
    const star = statements.filter((s) => s.Resource === '*' || (Array.isArray(s.Resource) && s.Resource.includes('*')));
    expect(star).toEqual([{
      Sid: NO_RESOURCE_TYPE_SID, Effect: 'Allow', Action: ['chime:CreateMediaInsightsPipelineConfiguration', 'chime:CreateVoiceProfileDomain'], Resource: '*',
    }]);
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: { 'Fn::GetAtt': [expect.stringMatching(/^ConfigurationResourceAccessRole/), 'Arn'] },
      Condition: { StringEquals: { 'iam:PassedToService': 'mediapipelines.chime.amazonaws.com' } },
    });
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: ['kms:CreateGrant', 'kms:Decrypt', 'kms:DescribeKey'],
      Resource: { 'Fn::GetAtt': [expect.stringMatching(/^DomainKey/), 'Arn'] },
      Condition: { StringEquals: { 'kms:ViaService': 'chime.us-east-1.amazonaws.com' } },
    });
    const configArn = join('arn:', PARTITION, ':chime:us-east-1:123456789012:media-insights-pipeline-configuration/calls');
    expect(statements).toContainEqual({ Effect: 'Allow', Action: 'chime:CreateMediaInsightsPipeline', Resource: [configArn] });
    // The delete paths, in each kind's own policy (a resource a previous template created stays deletable).
    const kindStatements = (kind: string) => template.toJSON().Resources[`CdkLiveMedia${kind}Policy`].Properties.PolicyDocument.Statement;
    expect(kindStatements('MediaInsightsPipelineConfiguration')).toEqual([{
      Effect: 'Allow',
      Action: [
        'chime:DeleteMediaInsightsPipelineConfiguration', 'chime:GetMediaInsightsPipelineConfiguration',
        'chime:ListTagsForResource', 'chime:UpdateMediaInsightsPipelineConfiguration',
      ],
      Resource: [join('arn:', PARTITION, ':chime:us-east-1:123456789012:media-insights-pipeline-configuration/*')],
    }, {
      // Tags change in place on this configuration only.
      Effect: 'Allow', Action: ['chime:TagResource', 'chime:UntagResource'], Resource: [configArn],
    }]);
    expect(kindStatements('KvsMediaInsightsPipeline')).toEqual([{
      Effect: 'Allow',
      Action: ['chime:DeleteMediaPipeline', 'chime:GetMediaPipeline'],
      Resource: [join('arn:', PARTITION, ':chime:us-east-1:123456789012:media-pipeline/*')],
    }]);
    // Get and ListTagsForResource: the rollback of a new key finds the original domain by the new one's tags.
    expect(kindStatements('VoiceProfileDomain')).toEqual([{
      Effect: 'Allow',
      Action: [
        'chime:DeleteVoiceProfileDomain', 'chime:GetVoiceProfileDomain', 'chime:ListTagsForResource',
        'chime:TagResource', 'chime:UntagResource', 'chime:UpdateVoiceProfileDomain',
      ],
      Resource: [join('arn:', PARTITION, ':chime:us-east-1:123456789012:voice-profile-domain/*')],
    }]);
    expect(statements).toContainEqual({ Effect: 'Allow', Action: 'kinesis:DescribeStream', Resource: [{ 'Fn::GetAtt': [expect.stringMatching(/^ResultStream/), 'Arn'] }] });
  });

  test('the pipeline: the runtime configuration, the metadata naming configuration, stack and path, no waiting by default', () => {
    const template = Template.fromStack(chainStack().stack);
    template.hasResourceProperties('Custom::MediaInsightsPipeline', {
      MediaInsightsPipelineConfigurationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Configuration'), 'Arn'] },
      KinesisVideoStreamSourceRuntimeConfiguration: {
        Streams: [{ StreamArn: { 'Fn::GetAtt': ['CallStream', 'Arn'] }, StreamChannelDefinition: { NumberOfChannels: 2, ChannelDefinitions: [{ ChannelId: 1, ParticipantRole: 'CUSTOMER' }] } }],
        MediaEncoding: 'pcm',
        MediaSampleRate: 8000,
      },
      MediaInsightsRuntimeMetadata: { cdkLiveMediaConfiguration: 'calls', cdkLiveMediaStack: 'TestStack', cdkLiveMediaPath: 'TestStack/Pipeline' },
      WaitForInProgress: false,
    });
    template.hasResource('Custom::MediaInsightsPipeline', { DependsOn: Match.arrayWith(['CallStream', Match.stringLikeRegexp('^ConfigurationResourceAccessRoleDefaultPolicy')]) });
  });

  test('a task on a pipeline of the stack does not wait for InProgress by default (no audio flows at deploy time); it waits when asked or on a pipeline given by ID', () => {
    const stack = new Stack(new App(), 'Defaults', { env: TEST_ENV });
    const stream = new CfnStream(stack, 'Feed', { dataRetentionInHours: 24 });
    const configuration = new MediaInsightsPipelineConfiguration(stack, 'Configuration', {
      voiceToneAnalysis: true, sinks: [VoiceAnalyticsSink.sqsQueue(new sqs.Queue(stack, 'Results', { enforceSSL: true }))],
    });
    const pipeline = new KvsMediaInsightsPipeline(stack, 'Pipeline', { configuration, sources: [{ stream: KvsStream.fromCfnStream(stream) }], mediaSampleRate: 8000 });
    new VoiceAnalyticsTask(stack, 'NotAsked', { pipeline, analysis: VoiceAnalysis.voiceToneAnalysis() });
    new VoiceAnalyticsTask(stack, 'LiveFeed', { pipeline, analysis: VoiceAnalysis.voiceToneAnalysis(), waitForInProgress: true, startTimeout: Duration.minutes(2) });
    new VoiceAnalyticsTask(stack, 'ById', {
      mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineId('0f2b4c6d-8e9f-4a1b-9c3d-5e7f9a1b3c5d'),
      source: KvsStream.fromCfnStream(stream),
      analysis: VoiceAnalysis.voiceToneAnalysis(),
    });
    const tasks = Template.fromStack(stack).findResources('Custom::VoiceAnalyticsTask');
    const waits = Object.fromEntries(Object.entries(tasks).map(([id, r]) => [id.replace(/[0-9A-F]{8}$/, ''), [r.Properties.WaitForInProgress, r.Properties.StartTimeoutSeconds]]));
    expect(waits).toEqual({ NotAsked: [false, 180], LiveFeed: [true, 120], ById: [true, 180] });
    expect(() => new VoiceAnalyticsTask(stack, 'TimeoutAlone', { pipeline, analysis: VoiceAnalysis.voiceToneAnalysis(), startTimeout: Duration.minutes(2) }))
      .toThrow(/startTimeout.*only applies when waitForInProgress is true/);
  });

  test('the tasks run on the pipeline, its stream and first channel by default', () => {
    Template.fromStack(chainStack().stack).hasResourceProperties('Custom::VoiceAnalyticsTask', {
      Kind: 'SpeakerSearch',
      Identifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Pipeline[0-9A-F]{8}$'), 'PipelineId'] },
      VoiceProfileDomainArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Domain[0-9A-F]{8}$'), 'DomainArn'] },
      KinesisVideoStreamSourceTaskConfiguration: { StreamArn: { 'Fn::GetAtt': ['CallStream', 'Arn'] }, ChannelId: 1 },
    });
  });

  test('the domain and its key are retained by default; name, description, key and tags sent', () => {
    const template = Template.fromStack(chainStack().stack);
    template.hasResource('Custom::VoiceProfileDomain', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ Name: 'callers', Description: 'Enrolled callers', KmsKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DomainKey'), 'Arn'] }, Tags: [{ Key: 'team', Value: 'support' }] }),
    });
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ EnableKeyRotation: true }) });
  });

  test('removalPolicy DESTROY deletes domain and key with the stack', () => {
    const stack = new Stack(new App(), 'TestStack', { env: TEST_ENV });
    new VoiceProfileDomain(stack, 'Domain', { speakerConsentAcknowledged: true, removalPolicy: RemovalPolicy.DESTROY });
    const template = Template.fromStack(stack);
    template.hasResource('Custom::VoiceProfileDomain', { DeletionPolicy: 'Delete' });
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Delete' });
  });

  test('onPipelineStateChange matches the Media Insights State Change events carrying the configuration in detail', () => {
    Template.fromStack(chainStack().stack).hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'source': ['aws.chime'], 'detail-type': ['Media Insights State Change'], 'detail': { cdkLiveMediaConfiguration: ['calls'] } },
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^Results') } })],
    });
  });

  test('grantCreatePipelines and grantRunTasks give a function exactly the per-call actions', () => {
    const { stack, configuration, consumer } = chainStack();
    const role = new iam.Role(stack, 'PerCall', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    configuration.grantCreatePipelines(role);
    configuration.grantRunTasks(role);
    void consumer;
    const pipelines = join('arn:', PARTITION, ':chime:us-east-1:123456789012:media-pipeline/*');
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^PerCall') }],
      PolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: 'chime:CreateMediaInsightsPipeline', Resource: join('arn:', PARTITION, ':chime:us-east-1:123456789012:media-insights-pipeline-configuration/calls') },
          { Effect: 'Allow', Action: ['chime:GetMediaPipeline', 'chime:DeleteMediaPipeline'], Resource: pipelines },
          {
            Effect: 'Allow',
            Action: [
              'chime:StartVoiceToneAnalysisTask', 'chime:GetVoiceToneAnalysisTask', 'chime:StopVoiceToneAnalysisTask',
              'chime:StartSpeakerSearchTask', 'chime:GetSpeakerSearchTask', 'chime:StopSpeakerSearchTask',
            ],
            Resource: pipelines,
          },
        ],
      },
    });
  });
});

describe('consent', () => {
  const consentError = /speakerConsentAcknowledged: speaker search processes voiceprints \(biometric data\).*AWS Service Terms.*Read more: https:\/\/docs\.aws\.amazon\.com\/chime-sdk/;

  test('a configuration with speaker search and no acknowledgement fails at synth, saying why and where to read more', () => {
    const stack = new Stack(new App(), 'TestStack', { env: TEST_ENV });
    const topic = new sns.Topic(stack, 'Topic');
    expect(() => new MediaInsightsPipelineConfiguration(stack, 'Configuration', { speakerSearch: true, sinks: [VoiceAnalyticsSink.snsTopic(topic)] }))
      .toThrow(consentError);
  });

  test('a voice profile domain without the acknowledgement fails at synth', () => {
    const stack = new Stack(new App(), 'TestStack', { env: TEST_ENV });
    expect(() => new VoiceProfileDomain(stack, 'Domain', { speakerConsentAcknowledged: false })).toThrow(consentError);
  });

  test('voice tone analysis alone needs no acknowledgement', () => {
    const stack = new Stack(new App(), 'TestStack', { env: TEST_ENV });
    const topic = new sns.Topic(stack, 'Topic');
    expect(() => new MediaInsightsPipelineConfiguration(stack, 'Configuration', { voiceToneAnalysis: true, sinks: [VoiceAnalyticsSink.snsTopic(topic)] })).not.toThrow();
  });

  test('a task whose pipeline configuration does not enable its analysis fails at synth', () => {
    const stack = new Stack(new App(), 'TestStack', { env: TEST_ENV });
    const stream = new CfnStream(stack, 'S', {});
    const configuration = new MediaInsightsPipelineConfiguration(stack, 'C', { voiceToneAnalysis: true, sinks: [VoiceAnalyticsSink.snsTopic(new sns.Topic(stack, 'T'))] });
    const pipeline = new KvsMediaInsightsPipeline(stack, 'P', { configuration, sources: [{ stream: KvsStream.fromCfnStream(stream) }], mediaSampleRate: 8000 });
    expect(() => new VoiceAnalyticsTask(stack, 'Task', { pipeline, analysis: VoiceAnalysis.speakerSearch({ voiceProfileDomainArn: 'arn:aws:chime:us-east-1:123456789012:voice-profile-domain/x' }) }))
      .toThrow(/analysis: the pipeline's configuration TestStack\/C does not enable speakerSearch/);
  });
});
