/**
 * The stack's one handler function as users see it: a lambda.Function with
 * its role and log group in the construct tree, the logical IDs deployed
 * stacks have always had, logs in a log group the stack owns, and the
 * stack's Aspects (tags, permissions boundaries) reaching all three.
 */
import { App, RemovalPolicy, Stack, Stage, Tags } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ManagedPolicy, PermissionsBoundary } from 'aws-cdk-lib/aws-iam';
import { CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import { ApplicationLogLevel, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ImageDestination, KvsImageGeneration, KvsStream, LiveMediaHandler } from '../../src';

const FUNCTION_ID = 'CdkLiveMediaProviderHandler5A4B8FAB';
const ROLE_ID = 'CdkLiveMediaProviderRoleC883151C';

function stackWithImages(count = 2): Stack {
  const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
  for (let i = 0; i < count; i++) {
    const stream = new CfnStream(stack, `Stream${i}`, { dataRetentionInHours: 1 });
    new KvsImageGeneration(stack, `Images${i}`, { stream: KvsStream.fromCfnStream(stream), destination: ImageDestination.fromUri('s3://b/p') });
  }
  return stack;
}

describe('the handler function', () => {
  test('is one lambda.Function per stack, with the logical IDs of the first release and the ServiceToken a GetAtt of it', () => {
    const stack = stackWithImages();
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.resourceCountIs('AWS::IAM::Role', 1);
    expect(LiveMediaHandler.functionOf(stack)).toBeInstanceOf(LambdaFunction);
    expect(Object.keys(template.findResources('AWS::Lambda::Function'))).toEqual([FUNCTION_ID]);
    expect(Object.keys(template.findResources('AWS::IAM::Role'))).toEqual([ROLE_ID]);
    template.allResourcesProperties('Custom::KvsImageGeneration', { ServiceToken: { 'Fn::GetAtt': [FUNCTION_ID, 'Arn'] } });
    template.hasResource('AWS::Lambda::Function', {
      DependsOn: [ROLE_ID],
      Properties: {
        Handler: '__entrypoint__.handler',
        Runtime: 'nodejs24.x',
        Role: { 'Fn::GetAtt': [ROLE_ID, 'Arn'] },
        LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: Match.stringLikeRegexp('^CdkLiveMediaProviderLogs') } },
      },
    });
  });

  test('logs to a log group of the stack, kept a year and retained by default, and may write only its streams', () => {
    const template = Template.fromStack(stackWithImages());
    template.hasResource('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 365 }, DeletionPolicy: 'Retain' });
    const [logGroupId] = Object.keys(template.findResources('AWS::Logs::LogGroup'));
    const role = template.findResources('AWS::IAM::Role')[ROLE_ID];
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const statements = role.Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement);
    const logs = statements.filter((s: any) => [s.Action].flat().some((a: string) => a.startsWith('logs:')));
    expect(logs).toEqual([{
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Effect: 'Allow',
      Resource: {
        'Fn::Join': ['', [
          'arn:', { Ref: 'AWS::Partition' }, ':logs:us-east-1:123456789012:log-group:', { Ref: logGroupId }, ':log-stream:*',
        ]],
      },
    }]);
  });

  test('LiveMediaHandler.configure sets the retention, removal policy and log level, before or after the constructs', () => {
    const after = stackWithImages();
    LiveMediaHandler.configure(after, {
      logRetention: RetentionDays.THREE_MONTHS,
      logRemovalPolicy: RemovalPolicy.DESTROY,
      applicationLogLevel: ApplicationLogLevel.WARN,
    });
    const before = new Stack(new App(), 'Before');
    LiveMediaHandler.configure(before, { logRetention: RetentionDays.INFINITE });
    new KvsImageGeneration(before, 'Images', { stream: KvsStream.fromStreamArn('arn:aws:kinesisvideo:us-east-1:123456789012:stream/s/1'), destination: ImageDestination.fromUri('s3://b/p') });

    const configured = Template.fromStack(after);
    configured.hasResource('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 90 }, DeletionPolicy: 'Delete' });
    configured.hasResourceProperties('AWS::Lambda::Function', { LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'WARN' } });
    const kept = Template.fromStack(before);
    kept.resourceCountIs('AWS::Lambda::Function', 1);
    kept.hasResource('AWS::Logs::LogGroup', { Properties: Match.absent(), DeletionPolicy: 'Retain' });
  });

  test('LiveMediaHandler.configure given an App, or a construct outside any Stack, says what to pass', () => {
    const app = new App();
    expect(() => LiveMediaHandler.configure(app, { logRetention: RetentionDays.ONE_MONTH }))
      .toThrow(/^LiveMediaHandler\.configure: the App is not in a Stack\. .*pass the Stack \(or any construct in it\).*LiveMediaHandler\.configure\(stack, \{ \.\.\. \}\)/);
    const stage = new Stage(app, 'Prod');
    expect(() => LiveMediaHandler.functionOf(stage)).toThrow(/^LiveMediaHandler\.functionOf: 'Prod' is not in a Stack\./);
    // Nothing was created on the way.
    expect(app.node.findAll().filter((c) => c.node.id === 'CdkLiveMediaProvider')).toEqual([]);
  });

  test('LiveMediaHandler.configure given any construct of a stack configures that stack\'s handler', () => {
    const stack = stackWithImages(1);
    LiveMediaHandler.configure(stack.node.findChild('Images0'), { logRetention: RetentionDays.ONE_WEEK });
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
  });

  test('a second LiveMediaHandler.configure with a different value fails naming both; the same value or other settings are fine', () => {
    const stack = stackWithImages(1);
    LiveMediaHandler.configure(stack, { logRetention: RetentionDays.THREE_MONTHS, applicationLogLevel: ApplicationLogLevel.WARN });
    LiveMediaHandler.configure(stack, { logRetention: RetentionDays.THREE_MONTHS, logRemovalPolicy: RemovalPolicy.DESTROY });

    expect(() => LiveMediaHandler.configure(stack, { logRetention: RetentionDays.ONE_YEAR, applicationLogLevel: ApplicationLogLevel.WARN }))
      .toThrow('LiveMediaHandler.configure on stack Stack: called again with different settings, ' +
        'logRetention: RetentionDays.THREE_MONTHS (earlier call) and RetentionDays.ONE_YEAR (this call). Configure each setting once per stack.');
    expect(() => LiveMediaHandler.configure(stack, { logRemovalPolicy: RemovalPolicy.RETAIN, applicationLogLevel: ApplicationLogLevel.DEBUG }))
      .toThrow(/logRemovalPolicy: "destroy" \(earlier call\) and "retain" \(this call\); applicationLogLevel: "WARN" \(earlier call\) and "DEBUG" \(this call\)/);
    // The refused calls changed nothing.
    const template = Template.fromStack(stack);
    template.hasResource('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 90 }, DeletionPolicy: 'Delete' });
    template.hasResourceProperties('AWS::Lambda::Function', { LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'WARN' } });
  });

  test('tags applied to the stack reach the function, its role and its log group', () => {
    const stack = stackWithImages();
    Tags.of(stack).add('cost-center', 'broadcast');
    const template = Template.fromStack(stack);
    const tag = { Key: 'cost-center', Value: 'broadcast' };
    for (const type of ['AWS::Lambda::Function', 'AWS::IAM::Role', 'AWS::Logs::LogGroup']) {
      template.hasResourceProperties(type, { Tags: Match.arrayWith([tag]) });
    }
  });

  test('a permissions boundary applied to the stack reaches the role', () => {
    const stack = stackWithImages();
    PermissionsBoundary.of(stack).apply(ManagedPolicy.fromManagedPolicyName(stack, 'Boundary', 'media-boundary'));
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      PermissionsBoundary: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::123456789012:policy/media-boundary']] },
    });
  });

  test('the role is exposed for further policies (an iam.IRole)', () => {
    const stack = stackWithImages(1);
    const role = LiveMediaHandler.roleOf(stack);
    expect(stack.resolve(role.roleArn)).toEqual({ 'Fn::GetAtt': [ROLE_ID, 'Arn'] });
    expect(stack.resolve(LiveMediaHandler.logGroupOf(stack).logGroupArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^CdkLiveMediaProviderLogs/), 'Arn'] });
  });
});
