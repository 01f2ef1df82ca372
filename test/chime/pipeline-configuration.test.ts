/**
 * MediaInsightsPipelineConfiguration's tags (sent to the handler, changed in
 * place with TagResource/UntagResource granted on its ARN only) and its
 * importers (fromConfigurationArn, fromConfigurationName): validated at
 * synth, usable as the configuration of a KvsMediaInsightsPipeline, their
 * grants on the imported ARN.
 */
import { App, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import {
  KvsMediaInsightsPipeline, KvsStream, MediaInsightsPipelineConfiguration, VoiceAnalysis, VoiceAnalyticsSink, VoiceAnalyticsTask,
} from '../../src';
import type { IMediaInsightsPipelineConfiguration, MediaInsightsPipelineConfigurationProps } from '../../src';
import { NO_RESOURCE_TYPE_SID } from '../../src/core/provider';
import { TEST_ENV } from '../helpers/fixtures';

const PARTITION = { Ref: 'AWS::Partition' };
const join = (...parts: unknown[]) => ({ 'Fn::Join': ['', parts] });
const CONFIG_ARN = 'arn:aws:chime:us-east-1:123456789012:media-insights-pipeline-configuration/calls';
const STREAM_ARN = 'arn:aws:kinesisvideo:us-east-1:123456789012:stream/call/1700000000000';
const TYPE_WILDCARD = join('arn:', PARTITION, ':chime:us-east-1:123456789012:media-insights-pipeline-configuration/*');

const newStack = () => new Stack(new App(), 'TestStack', { env: TEST_ENV });
function configuration(stack: Stack, props: Partial<MediaInsightsPipelineConfigurationProps> = {}) {
  const topic = sns.Topic.fromTopicArn(stack, 'Results', 'arn:aws:sns:us-east-1:123456789012:results');
  return new MediaInsightsPipelineConfiguration(stack, 'Configuration', {
    configurationName: 'calls', voiceToneAnalysis: true, sinks: [VoiceAnalyticsSink.snsTopic(topic)], ...props,
  });
}
const kindStatements = (stack: Stack, kind: string): any[] =>
  Template.fromStack(stack).toJSON().Resources[`CdkLiveMedia${kind}Policy`].Properties.PolicyDocument.Statement;
const handlerStatements = (stack: Stack): any[] => {
  const roles = Template.fromStack(stack).findResources('AWS::IAM::Role');
  const [, role] = Object.entries<any>(roles).find(([id]) => id.startsWith('CdkLiveMediaProvider'))!;
  return role.Properties.Policies[0].PolicyDocument.Statement;
};
const functionIn = (stack: Stack) => new lambda.Function(stack, 'PerCall', {
  runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=async()=>{}'),
});
const policyOf = (stack: Stack, fn: lambda.Function) => Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(fn.role!.node.findChild('DefaultPolicy').node.defaultChild as any)];

describe('tags', () => {
  test('are sent to the handler as a map (it sends them to Create and diffs them on Update)', () => {
    const stack = newStack();
    configuration(stack, { tags: { team: 'support', cost: 'calls' } });
    Template.fromStack(stack).hasResourceProperties('Custom::MediaInsightsPipelineConfiguration', {
      Name: 'calls', Tags: { team: 'support', cost: 'calls' },
    });
  });

  test('none given (or an empty map): no Tags property at all', () => {
    for (const tags of [undefined, {}]) {
      const stack = newStack();
      configuration(stack, { tags });
      Template.fromStack(stack).hasResourceProperties('Custom::MediaInsightsPipelineConfiguration', { Name: 'calls', Tags: Match.absent() });
    }
  });

  test('TagResource and UntagResource are granted on the configuration\'s exact ARN, in its kind policy, never on *', () => {
    const stack = newStack();
    configuration(stack, { tags: { team: 'support' } });
    expect(kindStatements(stack, 'MediaInsightsPipelineConfiguration')).toEqual([
      {
        Effect: 'Allow',
        Action: [
          'chime:DeleteMediaInsightsPipelineConfiguration', 'chime:GetMediaInsightsPipelineConfiguration',
          'chime:ListTagsForResource', 'chime:UpdateMediaInsightsPipelineConfiguration',
        ],
        Resource: [TYPE_WILDCARD],
      },
      { Effect: 'Allow', Action: ['chime:TagResource', 'chime:UntagResource'], Resource: [join('arn:', PARTITION, ':chime:us-east-1:123456789012:media-insights-pipeline-configuration/calls')] },
    ]);
    // CreateMediaInsightsPipelineConfiguration with Tags needs no chime:TagResource (no dependent actions).
    const star = handlerStatements(stack).find((s) => s.Sid === NO_RESOURCE_TYPE_SID);
    expect(star.Action).toEqual(['chime:CreateMediaInsightsPipelineConfiguration']);
    expect(handlerStatements(stack).flatMap((s) => [s.Action].flat())).not.toContain('chime:TagResource');
  });

  test('Get and ListTagsForResource on the configurations Update and Delete are granted on: a name taken on create is adopted only if its owner tag says so', () => {
    const stack = newStack();
    configuration(stack);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: 'CdkLiveMediaMediaInsightsPipelineConfiguration',
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: Match.arrayWith(['chime:GetMediaInsightsPipelineConfiguration', 'chime:ListTagsForResource', 'chime:UpdateMediaInsightsPipelineConfiguration']),
          Resource: [TYPE_WILDCARD],
        })]),
      },
    });
    // Never on * (the handler's statement of actions without a resource type).
    const star = handlerStatements(stack).find((s) => s.Sid === NO_RESOURCE_TYPE_SID);
    expect(star.Action).not.toContain('chime:ListTagsForResource');
  });

  test('199 user tags are accepted: the service\'s 200 less the handler\'s owner tag', () => {
    const stack = newStack();
    const tags = Object.fromEntries([...Array(199)].map((_, i) => [`k${i}`, 'v']));
    configuration(stack, { tags });
    Template.fromStack(stack).hasResourceProperties('Custom::MediaInsightsPipelineConfiguration', { Tags: tags });
  });

  test('granted without tags too: the update that removes the last tag is an UntagResource', () => {
    const stack = newStack();
    configuration(stack);
    expect(kindStatements(stack, 'MediaInsightsPipelineConfiguration')).toContainEqual(
      expect.objectContaining({ Action: ['chime:TagResource', 'chime:UntagResource'] }));
  });

  test('the custom resource depends on the kind policy that grants the tag calls (updated before it)', () => {
    const stack = newStack();
    configuration(stack, { tags: { team: 'support' } });
    Template.fromStack(stack).hasResource('Custom::MediaInsightsPipelineConfiguration', {
      DependsOn: Match.arrayWith(['CdkLiveMediaMediaInsightsPipelineConfigurationPolicy']),
    });
  });

  test('a changed tag changes only the Tags property: the name (and so the physical ID) stays', () => {
    const tagSets: Record<string, string>[] = [{ team: 'support' }, { team: 'voice', owner: 'ops' }];
    const [before, after] = tagSets.map((tags) => {
      const stack = newStack();
      configuration(stack, { tags });
      return Object.values<any>(Template.fromStack(stack).findResources('Custom::MediaInsightsPipelineConfiguration'))[0].Properties;
    });
    const { Tags: oldTags, ...oldRest } = before;
    const { Tags: newTags, ...newRest } = after;
    expect(newRest).toEqual(oldRest);
    expect([oldTags, newTags]).toEqual([{ team: 'support' }, { team: 'voice', owner: 'ops' }]);
  });
});

describe('importers', () => {
  test('fromConfigurationArn: the ARN as given, the name from it, the runtime metadata naming it', () => {
    const imported = MediaInsightsPipelineConfiguration.fromConfigurationArn(newStack(), 'Imported', CONFIG_ARN);
    expect(imported.configurationArn).toBe(CONFIG_ARN);
    expect(imported.configurationName).toBe('calls');
    expect(imported.pipelineRuntimeMetadata).toEqual({ cdkLiveMediaConfiguration: 'calls' });
  });

  test('fromConfigurationName: the ARN in the stack\'s account and Region', () => {
    const stack = newStack();
    const imported = MediaInsightsPipelineConfiguration.fromConfigurationName(stack, 'Imported', 'calls');
    expect(imported.configurationName).toBe('calls');
    expect(stack.resolve(imported.configurationArn)).toEqual(join('arn:', PARTITION, ':chime:us-east-1:123456789012:media-insights-pipeline-configuration/calls'));
  });

  test('fromConfigurationArn with a token: the name is the ARN\'s resource name, resolved at deploy time', () => {
    const stack = newStack();
    const imported = MediaInsightsPipelineConfiguration.fromConfigurationArn(stack, 'Imported', Token.asString({ Ref: 'ConfigArn' }));
    expect(stack.resolve(imported.configurationArn)).toEqual({ Ref: 'ConfigArn' });
    expect(stack.resolve(imported.configurationName)).toEqual({ 'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', { Ref: 'ConfigArn' }] }] }] }] });
  });

  test.each([
    ['an ARN of another resource type', 'arn:aws:chime:us-east-1:123456789012:media-pipeline/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      /is not a media insights pipeline configuration ARN \(arn:<partition>:chime:<region>:<account>:media-insights-pipeline-configuration\/<id>\)$/],
    ['an ARN of another service', CONFIG_ARN.replace(':chime:', ':sns:'), /is not a media insights pipeline configuration ARN/],
    ['an ARN in another Region', CONFIG_ARN.replace('us-east-1', 'eu-west-1'),
      /^the configuration is in Region eu-west-1 but the stack is in us-east-1; a pipeline and its configuration are in the account and Region of the stack$/],
    ['an ARN in another account', CONFIG_ARN.replace('123456789012', '210987654321'), /^the configuration is in account 210987654321 but the stack is in 123456789012/],
    ['a name', 'calls', /^"calls" is not an ARN: for a configuration known by name use MediaInsightsPipelineConfiguration\.fromConfigurationName$/],
    ['an ARN over the model\'s 1024 characters', `${CONFIG_ARN}${'c'.repeat(1000)}`, /^must be 1 to 1024 characters long, got 1\d{3} /],
  ])('fromConfigurationArn rejects %s, naming the construct path and configurationArn', (_case, arn, message) => {
    expectRejected(() => MediaInsightsPipelineConfiguration.fromConfigurationArn(newStack(), 'Imported', arn), 'configurationArn', message);
  });

  test.each([
    ['a name with a space', 'my calls', /^"my calls" does not match \^\[0-9a-zA-Z\._-\]\+\$$/],
    ['a name of one character', 'c', /^must be 2 to 64 characters long, got 1/],
    ['a name over 64 characters', 'c'.repeat(65), /^must be 2 to 64 characters long, got 65/],
    ['an ARN', CONFIG_ARN, /is an ARN, given to fromConfigurationName: use MediaInsightsPipelineConfiguration\.fromConfigurationArn$/],
  ])('fromConfigurationName rejects %s, naming the construct path and configurationName', (_case, name, message) => {
    expectRejected(() => MediaInsightsPipelineConfiguration.fromConfigurationName(newStack(), 'Imported', name), 'configurationName', message);
  });

  test('tokens are accepted by both importers', () => {
    const stack = newStack();
    expect(() => MediaInsightsPipelineConfiguration.fromConfigurationArn(stack, 'A', Token.asString({ Ref: 'ConfigArn' }))).not.toThrow();
    expect(() => MediaInsightsPipelineConfiguration.fromConfigurationName(stack, 'B', Token.asString({ Ref: 'ConfigName' }))).not.toThrow();
  });
});

describe('a pipeline on an imported configuration', () => {
  function pipelineOn(configurationOf: (stack: Stack) => IMediaInsightsPipelineConfiguration) {
    const stack = newStack();
    const imported = configurationOf(stack);
    const pipeline = new KvsMediaInsightsPipeline(stack, 'Pipeline', { configuration: imported, sources: [{ stream: KvsStream.fromStreamArn(STREAM_ARN) }], mediaSampleRate: 8000 });
    return { stack, imported, pipeline };
  }

  test('runs it: its ARN and runtime metadata sent, CreateMediaInsightsPipeline granted on it', () => {
    const { stack } = pipelineOn((s) => MediaInsightsPipelineConfiguration.fromConfigurationArn(s, 'Imported', CONFIG_ARN));
    Template.fromStack(stack).hasResourceProperties('Custom::MediaInsightsPipeline', {
      MediaInsightsPipelineConfigurationArn: CONFIG_ARN,
      MediaInsightsRuntimeMetadata: Match.objectLike({ cdkLiveMediaConfiguration: 'calls' }),
    });
    expect(handlerStatements(stack)).toContainEqual({
      Effect: 'Allow', Action: 'chime:CreateMediaInsightsPipeline', Resource: [join('arn:', PARTITION, ':chime:us-east-1:123456789012:media-insights-pipeline-configuration/calls')],
    });
    // No configuration resource, and so no configuration policy.
    Template.fromStack(stack).resourceCountIs('Custom::MediaInsightsPipelineConfiguration', 0);
  });

  test('by name too', () => {
    const { stack } = pipelineOn((s) => MediaInsightsPipelineConfiguration.fromConfigurationName(s, 'Imported', 'calls'));
    Template.fromStack(stack).hasResourceProperties('Custom::MediaInsightsPipeline', {
      MediaInsightsPipelineConfigurationArn: join('arn:', PARTITION, ':chime:us-east-1:123456789012:media-insights-pipeline-configuration/calls'),
    });
  });

  test('its resource access role is not known: no stream grant, a warning saying what to grant', () => {
    const { stack } = pipelineOn((s) => MediaInsightsPipelineConfiguration.fromConfigurationArn(s, 'Imported', CONFIG_ARN));
    Annotations.fromStack(stack).hasWarning('/TestStack/Imported', Match.stringLikeRegexp(
      `resource access role of the imported configuration calls is not known: grant it kinesisvideo:GetDataEndpoint and kinesisvideo:GetMedia on the stream ${STREAM_ARN} yourself`));
    expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toContain('kinesisvideo:GetMedia');
  });

  test('a task on it is not checked against the configuration\'s features (not known)', () => {
    const { stack, pipeline } = pipelineOn((s) => MediaInsightsPipelineConfiguration.fromConfigurationArn(s, 'Imported', CONFIG_ARN));
    expect(() => new VoiceAnalyticsTask(stack, 'Search', {
      pipeline, analysis: VoiceAnalysis.speakerSearch({ voiceProfileDomainArn: 'arn:aws:chime:us-east-1:123456789012:voice-profile-domain/d' }),
    })).not.toThrow();
  });

  test('grantCreatePipelines and grantRunTasks of an imported configuration: on its ARN and the account\'s pipelines; both task kinds', () => {
    const { stack, imported } = pipelineOn((s) => MediaInsightsPipelineConfiguration.fromConfigurationArn(s, 'Imported', CONFIG_ARN));
    const fn = functionIn(stack);
    imported.grantCreatePipelines(fn);
    imported.grantRunTasks(fn);
    const pipelines = join('arn:', PARTITION, ':chime:us-east-1:123456789012:media-pipeline/*');
    expect(policyOf(stack, fn).Properties.PolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: 'chime:CreateMediaInsightsPipeline', Resource: CONFIG_ARN },
      { Effect: 'Allow', Action: ['chime:GetMediaPipeline', 'chime:DeleteMediaPipeline'], Resource: pipelines },
      {
        Effect: 'Allow',
        Action: ['chime:StartVoiceToneAnalysisTask', 'chime:GetVoiceToneAnalysisTask', 'chime:StopVoiceToneAnalysisTask',
          'chime:StartSpeakerSearchTask', 'chime:GetSpeakerSearchTask', 'chime:StopSpeakerSearchTask'],
        Resource: pipelines,
      },
    ]);
  });
});

function expectRejected(build: () => unknown, prop: string, message: RegExp) {
  let error: unknown;
  try {
    build();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(Error);
  const [header, ...problems] = (error as Error).message.split('\n');
  expect(header).toBe('MediaInsightsPipelineConfiguration at \'TestStack/Imported\' has invalid props:');
  expect(problems).toEqual([expect.stringMatching(new RegExp(`^  - ${prop}: `))]);
  expect(problems[0].slice(`  - ${prop}: `.length)).toMatch(message);
}
