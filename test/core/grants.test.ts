import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import {
  ImageDestination, IvsComposition, IvsStage, KvsImageGeneration, KvsStream, MediaInsightsPipeline, VoiceAnalysis, VoiceAnalyticsTask, IvsChannel,
} from '../../src';
import { KindPolicy } from '../../src/core/grants';
import { CHANNEL_ARN, STAGE_ARN, STREAM_ARN, TEST_ENV } from '../helpers/fixtures';
import { handlerStatements, kindPolicyId } from '../helpers/iam-policy';

const newStack = () => new Stack(new App(), 'Stack', { env: TEST_ENV });
const pipelineId = (i: number) => `0f0e0d0c-0b0a-4909-8807-${String(i).padStart(12, '0')}`;
const chimeWildcard = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':chime:us-east-1:123456789012:media-pipeline/*']] };

function tasks(stack: Construct, n: number) {
  for (let i = 0; i < n; i++) {
    new VoiceAnalyticsTask(stack, `Task${i}`, {
      mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineId(pipelineId(i)),
      analysis: VoiceAnalysis.voiceToneAnalysis(),
      source: KvsStream.fromStreamArn(STREAM_ARN),
    });
  }
}

describe('KindPolicy: one AWS::IAM::Policy per construct kind', () => {
  test('one per kind used, with a stable logical ID, attached to the handler role, whose inline policy holds only its logs statement', () => {
    const stack = newStack();
    new KvsImageGeneration(stack, 'Images', { stream: KvsStream.fromStreamName('camera'), destination: ImageDestination.fromUri('s3://b/') });
    new KvsImageGeneration(stack, 'More', { stream: KvsStream.fromStreamName('other'), destination: ImageDestination.fromUri('s3://b/') });
    tasks(stack, 2);
    const template = Template.fromStack(stack).toJSON();
    const policies = Object.entries<any>(template.Resources).filter(([, r]) => r.Type === 'AWS::IAM::Policy').map(([id]) => id).sort();
    expect(policies).toEqual([kindPolicyId('KvsImageGeneration'), kindPolicyId('VoiceAnalyticsTask')]);
    const role = Object.entries<any>(template.Resources).find(([, r]) => r.Type === 'AWS::IAM::Role')!;
    // The role's own inline policy holds only its log group's statement (the provider's, not a kind's).
    expect(role[1].Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement.flatMap((st: any) => [st.Action].flat())))
      .toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    for (const id of policies) expect(template.Resources[id].Properties.Roles).toEqual([{ Ref: role[0] }]);
    expect(KindPolicy.of(stack.node.findChild('Task0'), 'VoiceAnalyticsTask')).toBe(KindPolicy.of(stack, 'VoiceAnalyticsTask'));
    expect(KindPolicy.of(new Stack(stack.node.root as App, 'Other'), 'VoiceAnalyticsTask')).not.toBe(KindPolicy.of(stack, 'VoiceAnalyticsTask'));
  });

  test('each custom resource depends on its kind\'s policy only', () => {
    const stack = newStack();
    new KvsImageGeneration(stack, 'Images', { stream: KvsStream.fromStreamName('camera'), destination: ImageDestination.fromUri('s3://b/') });
    new IvsComposition(stack, 'Live', { stage: IvsStage.fromStageArn(STAGE_ARN), channel: { channel: IvsChannel.fromChannelArn(CHANNEL_ARN) } });
    tasks(stack, 1);
    const resources = Template.fromStack(stack).toJSON().Resources;
    const dependsOn = Object.values<any>(resources).filter((r) => r.Type.startsWith('Custom::'))
      .map((r) => [r.Type, (r.DependsOn ?? []).filter((d: string) => d.endsWith('Policy'))]);
    expect(dependsOn).toEqual([
      ['Custom::KvsImageGeneration', [kindPolicyId('KvsImageGeneration')]],
      ['Custom::IvsComposition', [kindPolicyId('IvsComposition')]],
      ['Custom::VoiceAnalyticsTask', [kindPolicyId('VoiceAnalyticsTask')]],
    ]);
  });

  test('the delete path is on the per-type ARN pattern from the first instance; the start path on exact ARNs while the shared budget lasts', () => {
    const stack = newStack();
    tasks(stack, 1);
    const [start, stop] = handlerStatements(Template.fromStack(stack), 'VoiceAnalyticsTask');
    expect(stop.Resource).toEqual([chimeWildcard]);
    expect(JSON.stringify(start.Resource)).toContain(pipelineId(0));
  });

  test('past the budget shared by all kinds, the largest start statement collapses first, to its per-type pattern (never *)', () => {
    const stack = newStack();
    tasks(stack, 80);
    new IvsComposition(stack, 'Live', { stage: IvsStage.fromStageArn(STAGE_ARN), channel: { channel: IvsChannel.fromChannelArn(CHANNEL_ARN) } });
    const template = Template.fromStack(stack);
    const [start] = handlerStatements(template, 'VoiceAnalyticsTask');
    expect(start).toEqual({ Effect: 'Allow', Action: ['chime:StartVoiceToneAnalysisTask'], Resource: [chimeWildcard] });
    const [ivsStart] = handlerStatements(template, 'IvsComposition');
    expect(ivsStart.Resource).toEqual(expect.arrayContaining([STAGE_ARN, CHANNEL_ARN]));
    expect(JSON.stringify(handlerStatements(template))).not.toMatch(/"Resource":"\*"|"\*"\]/);
  });

  test('below the budget, 40 tasks keep exact pipeline ARNs', () => {
    const stack = newStack();
    tasks(stack, 40);
    const [start] = handlerStatements(Template.fromStack(stack), 'VoiceAnalyticsTask');
    expect(start.Resource).toHaveLength(40);
  });

  test('the cdk-nag acknowledgments follow the grants made after they were first read', () => {
    const stack = newStack();
    const acknowledged = (): Record<string, string> => Object.assign({}, ...KindPolicy.of(stack, 'VoiceAnalyticsTask').resource.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).map((m) => m.data));
    const wildcard = 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:chime:us-east-1:123456789012:media-pipeline/*]';
    tasks(stack, 1);
    // The delete path's wildcard only: the start path names the pipeline.
    const before = acknowledged();
    const wildcards = (entries: Record<string, string>) => Object.keys(entries).filter((id) => id.startsWith('AwsSolutions-IAM5['));
    expect(wildcards(before)).toEqual([wildcard]);
    expect(before[wildcard]).not.toContain('chime:StartVoiceToneAnalysisTask');
    tasks(new Construct(stack, 'More'), 80);
    // Now the start path collapses onto the same wildcard: its reason joins the acknowledgment.
    const after = acknowledged();
    expect(wildcards(after)).toEqual([wildcard]);
    expect(after[wildcard]).toContain('chime:StartVoiceToneAnalysisTask: the exact ARNs of this stack\'s resources would exceed');
  });
});
