import { App, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import {
  KvsStream,
  MediaInsightsPipeline,
  VoiceAnalysis,
  VoiceAnalysisKind,
  VoiceAnalyticsTask,
  VoiceToneLanguage,
} from '../../src';
import type { VoiceAnalyticsTaskProps } from '../../src';
import { decodeVoiceAnalyticsTaskProperties, startTaskInput } from '../../src/chime/voice-analytics-task.contract';
import { resolveIntrinsics, stringifyScalars } from '../helpers/cfn';
import { DOMAIN_ARN, PIPELINE_ARN, PIPELINE_ID, TEST_ENV as ENV } from '../helpers/fixtures';
import { handlerStatements, kindPolicyId } from '../helpers/iam-policy';
import { validateShape } from '../helpers/model';
import { withImageGeneration } from '../helpers/shared-handler';
import { snapshotOf } from '../helpers/snapshot';

const STREAM_ARN = 'arn:aws:kinesisvideo:us-east-1:123456789012:stream/agent-call/1700000000000';
const PIPELINE_TYPE_WILDCARD = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':chime:us-east-1:123456789012:media-pipeline/*']] };

function newStack(env: { account?: string; region?: string } | undefined = ENV) {
  return new Stack(new App(), 'TestStack', { env });
}

/** One task of each kind: voice tone on a CfnStream by pipeline ID, speaker search on a stream ARN by pipeline ARN. */
function representativeStack() {
  const stack = newStack();
  const stream = new CfnStream(stack, 'CallStream', { name: 'call', dataRetentionInHours: 24 });
  new VoiceAnalyticsTask(stack, 'Tone', {
    mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineId(PIPELINE_ID),
    analysis: VoiceAnalysis.voiceToneAnalysis({ languageCode: VoiceToneLanguage.EN_US }),
    source: KvsStream.fromCfnStream(stream),
    channelId: 1,
    fragmentNumber: '91343852333181432392682062607743920146264398491',
    startTimeout: Duration.minutes(2),
  });
  new VoiceAnalyticsTask(stack, 'Search', {
    mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineArn(PIPELINE_ARN),
    analysis: VoiceAnalysis.speakerSearch({ voiceProfileDomainArn: DOMAIN_ARN }),
    source: KvsStream.fromStreamArn(STREAM_ARN),
    waitForInProgress: false,
  });
  return stack;
}

function onlyTask(props: Partial<VoiceAnalyticsTaskProps> & Pick<VoiceAnalyticsTaskProps, 'analysis'>) {
  const stack = newStack();
  new VoiceAnalyticsTask(stack, 'Task', {
    mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineId(PIPELINE_ID),
    source: KvsStream.fromStreamArn(STREAM_ARN),
    ...props,
  });
  return Template.fromStack(stack);
}

/** The statements of the handler's policies (the VoiceAnalyticsTask kind's policy). */
function statementsOf(template: Template): any[] {
  expect(Object.values<any>(template.findResources('AWS::IAM::Role'))).toHaveLength(1);
  return handlerStatements(template);
}

/** Get and Stop of both kinds on every pipeline of the account and Region: what a previous template started stays stoppable; GetMediaPipeline to read the pipeline an Update moves to. */
const STOP_ANY_TASK = {
  Effect: 'Allow',
  Action: ['chime:GetMediaPipeline', 'chime:GetSpeakerSearchTask', 'chime:GetVoiceToneAnalysisTask', 'chime:StopSpeakerSearchTask', 'chime:StopVoiceToneAnalysisTask'],
  Resource: [PIPELINE_TYPE_WILDCARD],
};

describe('VoiceAnalyticsTask template', () => {
  test('snapshot of a representative stack', () => {
    expect(snapshotOf(representativeStack())).toMatchSnapshot();
  });

  test('voice tone analysis: the Start input, numbers as numbers, and the wait settings', () => {
    Template.fromStack(representativeStack()).hasResourceProperties('Custom::VoiceAnalyticsTask', {
      ServiceToken: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CdkLiveMediaProviderHandler'), 'Arn'] },
      ServiceTimeout: '900',
      Kind: 'VoiceToneAnalysis',
      Identifier: PIPELINE_ID,
      LanguageCode: 'en-US',
      VoiceProfileDomainArn: Match.absent(),
      KinesisVideoStreamSourceTaskConfiguration: {
        StreamArn: { 'Fn::GetAtt': ['CallStream', 'Arn'] },
        ChannelId: 1,
        FragmentNumber: '91343852333181432392682062607743920146264398491',
      },
      WaitForInProgress: true,
      StartTimeoutSeconds: 120,
      ClientRequestToken: Match.absent(),
    });
  });

  test('speaker search: the domain, channel 0 by default, no fragment, no waiting', () => {
    Template.fromStack(representativeStack()).hasResourceProperties('Custom::VoiceAnalyticsTask', {
      Kind: 'SpeakerSearch',
      Identifier: PIPELINE_ARN,
      LanguageCode: Match.absent(),
      VoiceProfileDomainArn: DOMAIN_ARN,
      KinesisVideoStreamSourceTaskConfiguration: { StreamArn: STREAM_ARN, ChannelId: 0, FragmentNumber: Match.absent() },
      WaitForInProgress: false,
      StartTimeoutSeconds: 180,
    });
  });

  test('the default analysis language is en-US', () => {
    onlyTask({ analysis: VoiceAnalysis.voiceToneAnalysis() })
      .hasResourceProperties('Custom::VoiceAnalyticsTask', { Kind: 'VoiceToneAnalysis', LanguageCode: 'en-US', WaitForInProgress: true });
  });

  test('the custom resource depends on the CfnStream it reads', () => {
    Template.fromStack(representativeStack()).hasResource('Custom::VoiceAnalyticsTask', {
      Properties: Match.objectLike({ Kind: 'VoiceToneAnalysis' }),
      DependsOn: Match.arrayWith(['CallStream']),
    });
  });

  test('attributes are the handler Data keys', () => {
    const stack = newStack();
    const task = new VoiceAnalyticsTask(stack, 'Task', {
      mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineId(PIPELINE_ID),
      analysis: VoiceAnalysis.voiceToneAnalysis(),
      source: KvsStream.fromStreamArn(STREAM_ARN),
    });
    expect([task.taskId, task.pipelineIdentifier].map((a) => stack.resolve(a)['Fn::GetAtt'][1])).toEqual(['TaskId', 'PipelineIdentifier']);
  });

  test('the analysis kinds expose what each needs', () => {
    const search = VoiceAnalysis.speakerSearch({ voiceProfileDomainArn: DOMAIN_ARN });
    expect([search.kind, search.voiceProfileDomainArn, search.languageCode]).toEqual([VoiceAnalysisKind.SPEAKER_SEARCH, DOMAIN_ARN, undefined]);
    const tone = VoiceAnalysis.voiceToneAnalysis();
    expect([tone.kind, tone.languageCode, tone.voiceProfileDomainArn]).toEqual([VoiceAnalysisKind.VOICE_TONE_ANALYSIS, 'en-US', undefined]);
  });

  test('what the template sends survives CloudFormation\'s stringification and is a valid Start request', () => {
    const template = Template.fromStack(representativeStack()).toJSON();
    const tasks = Object.values<any>(template.Resources).filter((r) => r.Type === 'Custom::VoiceAnalyticsTask');
    expect(tasks).toHaveLength(2);
    for (const resource of tasks) {
      const { ServiceToken, ServiceTimeout, ...properties } = resource.Properties;
      const resolved = resolveIntrinsics(properties, { 'CallStream.Arn': 'arn:aws:kinesisvideo:us-east-1:123456789012:stream/call/1700000000000' });
      const decoded = decodeVoiceAnalyticsTaskProperties(stringifyScalars(resolved));
      expect(decoded).toEqual(JSON.parse(JSON.stringify(resolved)));
      const request = { ...JSON.parse(JSON.stringify(startTaskInput(decoded))), ClientRequestToken: 'a'.repeat(64) };
      const shapeId = `com.amazonaws.chimesdkmediapipelines#Start${decoded.Kind}TaskRequest`;
      expect(validateShape(shapeId, request, 'input')).toEqual([]);
      expect(typeof request.KinesisVideoStreamSourceTaskConfiguration.ChannelId).toBe('number');
    }
  });
});

describe('VoiceAnalyticsTask IAM', () => {
  test('voice tone analysis: Start on the pipeline built from the stack\'s account and Region; Get/Stop of both kinds on its pipelines', () => {
    const template = onlyTask({ analysis: VoiceAnalysis.voiceToneAnalysis() });
    expect(statementsOf(template)).toEqual([{
      Effect: 'Allow',
      Action: ['chime:StartVoiceToneAnalysisTask'],
      Resource: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:chime:us-east-1:123456789012:media-pipeline/${PIPELINE_ID}`]] }],
    }, STOP_ANY_TASK]);
    expect(handlerStatements(template, 'VoiceAnalyticsTask')).toHaveLength(2);
    for (const r of Object.values(template.findResources('Custom::VoiceAnalyticsTask'))) expect(r.DependsOn).toContain(kindPolicyId('VoiceAnalyticsTask'));
  });

  test('speaker search: Start on the pipeline ARN as given, nothing on the domain or the stream', () => {
    const template = onlyTask({
      mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineArn(PIPELINE_ARN),
      analysis: VoiceAnalysis.speakerSearch({ voiceProfileDomainArn: DOMAIN_ARN }),
    });
    expect(statementsOf(template)).toEqual([{ Effect: 'Allow', Action: ['chime:StartSpeakerSearchTask'], Resource: [PIPELINE_ARN] }, STOP_ANY_TASK]);
    expect(JSON.stringify(statementsOf(template))).not.toMatch(/kinesisvideo:|voice-profile-domain|"\*"/);
  });

  test('both kinds in one stack: one Start statement per kind, each on its own pipelines; one Get/Stop statement', () => {
    const statements = statementsOf(Template.fromStack(representativeStack()));
    expect(statements.map((s) => s.Action)).toEqual([['chime:StartVoiceToneAnalysisTask'], STOP_ANY_TASK.Action, ['chime:StartSpeakerSearchTask']]);
    expect(statements[2].Resource).toEqual([PIPELINE_ARN]);
    expect(JSON.stringify([statements[0], statements[2]])).not.toContain(JSON.stringify(PIPELINE_TYPE_WILDCARD));
  });

  test('a pipeline ID given as a token is scoped to media-pipeline/<token>', () => {
    const stack = newStack();
    const id = new CfnParameter(stack, 'PipelineId');
    new VoiceAnalyticsTask(stack, 'Task', {
      mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineId(id.valueAsString),
      analysis: VoiceAnalysis.voiceToneAnalysis(),
      source: KvsStream.fromStreamArn(STREAM_ARN),
    });
    expect(statementsOf(Template.fromStack(stack))[0].Resource).toEqual([
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':chime:us-east-1:123456789012:media-pipeline/', { Ref: 'PipelineId' }]] },
    ]);
  });
});

describe('VoiceAnalyticsTask with the other constructs', () => {
  test('one Lambda function serves KvsImageGeneration and both kinds of task', () => {
    const template = withImageGeneration(representativeStack(), { 'Custom::VoiceAnalyticsTask': 2 });
    const serviceTokens = Object.values<any>(template.toJSON().Resources)
      .filter((r) => r.Type.startsWith('Custom::'))
      .map((r) => JSON.stringify(r.Properties.ServiceToken));
    expect(new Set(serviceTokens).size).toBe(1);
  });
});

describe('VoiceAnalyticsTask validation', () => {
  const tone = VoiceAnalysis.voiceToneAnalysis();
  const byId = MediaInsightsPipeline.fromPipelineId(PIPELINE_ID);
  const stream = KvsStream.fromStreamArn(STREAM_ARN);
  const base: VoiceAnalyticsTaskProps = { mediaInsightsPipeline: byId, analysis: tone, source: stream };
  test('lists every problem at once', () => {
    expect(() => new VoiceAnalyticsTask(newStack(), 'Task', { ...base, channelId: 3, fragmentNumber: 'x', source: KvsStream.fromStreamName('s') }))
      .toThrow(/source: [^]*channelId: [^]*fragmentNumber: /);
  });

  test('an env-agnostic stack skips the Region and account checks and scopes IAM to the deploy-time ones', () => {
    const stack = newStack({});
    new VoiceAnalyticsTask(stack, 'Task', { ...base, mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineArn(PIPELINE_ARN.replace('us-east-1', 'eu-west-1')) });
    new VoiceAnalyticsTask(stack, 'ById', base);
    expect(statementsOf(Template.fromStack(stack))[0].Resource).toContainEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':chime:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:media-pipeline/${PIPELINE_ID}`]],
    });
  });

  test('limits come from the service model', () => {
    const stack = newStack();
    expect(() => new VoiceAnalyticsTask(stack, 'Max', { ...base, channelId: 1, fragmentNumber: '9'.repeat(128), startTimeout: Duration.minutes(8) })).not.toThrow();
    expect(() => new VoiceAnalyticsTask(stack, 'Min', { ...base, channelId: 0, fragmentNumber: '0', startTimeout: Duration.seconds(10) })).not.toThrow();
  });
});
