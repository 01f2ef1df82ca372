import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { KvsNotificationConfiguration, KvsStream } from '../../src';
import { STREAM_ARN, TEST_ENV } from '../helpers/fixtures';
import { snapshotOf } from '../helpers/snapshot';

function newStack() {
  return new Stack(new App(), 'TestStack', { env: TEST_ENV });
}

/** The stack's IAM statements of `policyType` resources attached to the role whose logical ID starts with `role`. */
function statementsOf(template: Template, role: string): unknown[] {
  return Object.values<any>(template.findResources('AWS::IAM::Policy'))
    .filter((p) => p.Properties.Roles.some((r: any) => r.Ref.startsWith(role)))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
}

describe('KvsNotificationConfiguration', () => {
  function build() {
    const stack = newStack();
    const stream = new CfnStream(stack, 'Porch', { name: 'porch', dataRetentionInHours: 24 });
    const topic = new Topic(stack, 'Motion');
    const notification = new KvsNotificationConfiguration(stack, 'Notify', { stream: KvsStream.fromCfnStream(stream), topic });
    return { stack, notification, template: Template.fromStack(stack) };
  }

  test('snapshot', () => {
    expect(snapshotOf(build().stack)).toMatchSnapshot();
  });

  test('the custom resource: the stream by ARN, the topic ARN as the Uri, enabled, no OverwriteExisting; after the stream', () => {
    const { template } = build();
    template.resourceCountIs('Custom::KvsNotification', 1);
    const [id, resource] = Object.entries<any>(template.findResources('Custom::KvsNotification'))[0];
    expect(resource.Properties).toEqual({
      ServiceToken: { 'Fn::GetAtt': ['CdkLiveMediaProviderHandler5A4B8FAB', 'Arn'] },
      ServiceTimeout: '900',
      StreamARN: { 'Fn::GetAtt': ['Porch', 'Arn'] },
      NotificationConfiguration: { Status: 'ENABLED', DestinationConfig: { Uri: { Ref: expect.stringMatching(/^Motion/) } } },
    });
    expect(resource.DependsOn).toContain('Porch');
    expect(id).toMatch(/^Notify/);
  });

  test('disabled, by name, overwriteExisting: Status DISABLED, StreamName, OverwriteExisting true', () => {
    const stack = newStack();
    new KvsNotificationConfiguration(stack, 'Notify', {
      stream: KvsStream.fromStreamName('garage'),
      topic: Topic.fromTopicArn(stack, 'Topic', 'arn:aws:sns:us-east-1:123456789012:alarms'),
      enabled: false,
      overwriteExisting: true,
    });
    Template.fromStack(stack).hasResourceProperties('Custom::KvsNotification', {
      StreamName: 'garage',
      StreamARN: Match.absent(),
      NotificationConfiguration: { Status: 'DISABLED', DestinationConfig: { Uri: 'arn:aws:sns:us-east-1:123456789012:alarms' } },
      OverwriteExisting: true,
    });
  });

  test('the handler may Update and Describe notification configurations of the account\'s streams in the Region (the delete path of a previous template\'s stream), nothing else', () => {
    const { template } = build();
    // In the kind's own policy, which the custom resource depends on (it outlives the last one removed).
    const policy = template.toJSON().Resources.CdkLiveMediaKvsNotificationConfigurationPolicy;
    expect(template.toJSON().Resources[Object.keys(template.findResources('Custom::KvsNotification'))[0]].DependsOn)
      .toContain('CdkLiveMediaKvsNotificationConfigurationPolicy');
    expect(policy.Properties.PolicyDocument.Statement).toEqual([{
      Effect: 'Allow',
      Action: ['kinesisvideo:DescribeNotificationConfiguration', 'kinesisvideo:UpdateNotificationConfiguration'],
      Resource: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':kinesisvideo:us-east-1:123456789012:stream/*/*']] }],
    }]);
    // Nothing else reaches the handler's role.
    expect(statementsOf(template, 'CdkLiveMediaProvider')).toEqual(policy.Properties.PolicyDocument.Statement);
  });

  test('attributes come from the handler\'s answer', () => {
    const { stack, notification } = build();
    expect(stack.resolve(notification.streamName)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Notify/), 'StreamName'] });
    expect(stack.resolve(notification.status)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Notify/), 'Status'] });
    expect(stack.resolve(notification.destinationUri)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Notify/), 'DestinationUri'] });
  });

  test('a stream ARN in the stack\'s account and Region is accepted', () => {
    const stack = newStack();
    new KvsNotificationConfiguration(stack, 'Notify', { stream: KvsStream.fromStreamArn(STREAM_ARN), topic: new Topic(stack, 'T') });
    Template.fromStack(stack).hasResourceProperties('Custom::KvsNotification', { StreamARN: STREAM_ARN });
  });
});

describe('KvsNotificationConfiguration grantNotificationDelivery', () => {
  test('grants the producer exactly sns:Publish on the topic', () => {
    const { stack, notification } = (() => {
      const s = newStack();
      return { stack: s, notification: new KvsNotificationConfiguration(s, 'Notify', { stream: KvsStream.fromStreamName('porch'), topic: new Topic(s, 'Motion') }) };
    })();
    notification.grantNotificationDelivery(new Role(stack, 'Producer', { assumedBy: new ServicePrincipal('ec2.amazonaws.com') }));
    expect(statementsOf(Template.fromStack(stack), 'Producer')).toEqual([
      { Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: expect.stringMatching(/^Motion/) } },
    ]);
  });

  test('a topic with a master key: also the key actions SNS needs of a publisher', () => {
    const stack = newStack();
    const topic = new Topic(stack, 'Motion', { masterKey: new Key(stack, 'Key') });
    const notification = new KvsNotificationConfiguration(stack, 'Notify', { stream: KvsStream.fromStreamName('porch'), topic });
    notification.grantNotificationDelivery(new Role(stack, 'Producer', { assumedBy: new ServicePrincipal('ec2.amazonaws.com') }));
    const statements = statementsOf(Template.fromStack(stack), 'Producer');
    expect(statements).toEqual([
      { Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: expect.stringMatching(/^Motion/) } },
      { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Key/), 'Arn'] } },
    ]);
  });
});
