import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnSignalingChannel, CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import { KvsMediaStorageConfiguration, KvsSignalingChannel, KvsStream } from '../../src';
import { STREAM_ARN, TEST_ENV } from '../helpers/fixtures';
import { snapshotOf } from '../helpers/snapshot';

const SIGNALING_ARN = 'arn:aws:kinesisvideo:us-east-1:123456789012:channel/doorbell/1700000000000';
const TYPE = 'Custom::KvsMediaStorage';

function newStack(env: { account?: string; region?: string } | undefined = TEST_ENV) {
  return new Stack(new App(), 'TestStack', { env });
}

/** The stack's IAM statements of the policies attached to the role whose logical ID starts with `role`. */
function statementsOf(template: Template, role: string): unknown[] {
  return Object.values<any>(template.findResources('AWS::IAM::Policy'))
    .filter((p) => p.Properties.Roles.some((r: any) => r.Ref.startsWith(role)))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
}

const anyOf = (type: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:kinesisvideo:us-east-1:123456789012:${type}/*/*`]] });

describe('KvsMediaStorageConfiguration', () => {
  function build() {
    const stack = newStack();
    const channel = new CfnSignalingChannel(stack, 'Doorbell', { name: 'doorbell' });
    const stream = new CfnStream(stack, 'Porch', { name: 'porch', dataRetentionInHours: 24 });
    const storage = new KvsMediaStorageConfiguration(stack, 'Storage', {
      channel: KvsSignalingChannel.fromCfnSignalingChannel(channel),
      stream: KvsStream.fromCfnStream(stream),
      acceptPeerToPeerEnd: true,
    });
    return { stack, storage, template: Template.fromStack(stack) };
  }

  test('snapshot', () => {
    expect(snapshotOf(build().stack)).toMatchSnapshot();
  });

  test('the custom resource: channel and stream by ARN, ENABLED, no OverwriteExisting; after the channel, the stream and the kind policy', () => {
    const { template } = build();
    template.resourceCountIs(TYPE, 1);
    const [id, resource] = Object.entries<any>(template.findResources(TYPE))[0];
    expect(resource.Properties).toEqual({
      ServiceToken: { 'Fn::GetAtt': ['CdkLiveMediaProviderHandler5A4B8FAB', 'Arn'] },
      ServiceTimeout: '900',
      ChannelARN: { 'Fn::GetAtt': ['Doorbell', 'Arn'] },
      StreamARN: { 'Fn::GetAtt': ['Porch', 'Arn'] },
      Status: 'ENABLED',
    });
    expect(resource.DependsOn).toEqual(expect.arrayContaining(['Doorbell', 'Porch', 'CdkLiveMediaKvsMediaStorageConfigurationPolicy']));
    expect(id).toMatch(/^Storage/);
  });

  test('disabled, by names, overwriteExisting: Status DISABLED, names, OverwriteExisting true; no opt-in needed to disable', () => {
    const stack = newStack();
    new KvsMediaStorageConfiguration(stack, 'Storage', {
      channel: KvsSignalingChannel.fromChannelName('doorbell'),
      stream: KvsStream.fromStreamName('garage'),
      enabled: false,
      overwriteExisting: true,
    });
    Template.fromStack(stack).hasResourceProperties(TYPE, {
      ChannelName: 'doorbell',
      ChannelARN: Match.absent(),
      StreamName: 'garage',
      StreamARN: Match.absent(),
      Status: 'DISABLED',
      OverwriteExisting: true,
    });
  });

  test('the handler\'s grants: its kind policy on the account\'s channels and streams in the Region (the delete path of a previous template\'s channel), nothing else', () => {
    const { template } = build();
    const policy = template.toJSON().Resources.CdkLiveMediaKvsMediaStorageConfigurationPolicy;
    expect(policy.Properties.PolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: ['kinesisvideo:DescribeMediaStorageConfiguration', 'kinesisvideo:DescribeSignalingChannel', 'kinesisvideo:UpdateMediaStorageConfiguration'],
        Resource: [anyOf('channel')],
      },
      { Effect: 'Allow', Action: ['kinesisvideo:DescribeStream'], Resource: [anyOf('stream')] },
    ]);
    expect(statementsOf(template, 'CdkLiveMediaProvider')).toEqual(policy.Properties.PolicyDocument.Statement);
  });

  test('attributes come from the handler\'s answer', () => {
    const { stack, storage } = build();
    for (const [value, attribute] of [
      [storage.channelName, 'ChannelName'], [storage.channelArn, 'ChannelArn'], [storage.streamArn, 'StreamArn'], [storage.status, 'Status'],
    ]) {
      expect(stack.resolve(value)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Storage/), attribute] });
    }
  });

  test('a stack in a China Region is refused at synth: the API is not available there', () => {
    const stack = newStack({ account: '123456789012', region: 'cn-north-1' });
    expect(() => new KvsMediaStorageConfiguration(stack, 'Storage', {
      channel: KvsSignalingChannel.fromChannelName('doorbell'), stream: KvsStream.fromStreamName('porch'), acceptPeerToPeerEnd: true,
    })).toThrow(/channel: media storage \(WebRTC ingestion\) is not available in the China Regions, and this stack or resource is in cn-north-1/);
  });

  test('an env-agnostic stack (the Region a token) is accepted: the Region is known at deploy only', () => {
    const stack = newStack(undefined);
    new KvsMediaStorageConfiguration(stack, 'Storage', {
      channel: KvsSignalingChannel.fromChannelName('doorbell'), stream: KvsStream.fromStreamName('porch'), acceptPeerToPeerEnd: true,
    });
    Template.fromStack(stack).resourceCountIs(TYPE, 1);
  });

  test('two channels into two streams, and one channel in each of two apps, are fine', () => {
    const stack = newStack();
    for (const name of ['a', 'b']) {
      new KvsMediaStorageConfiguration(stack, name, {
        channel: KvsSignalingChannel.fromChannelName(name), stream: KvsStream.fromStreamName(name), acceptPeerToPeerEnd: true,
      });
    }
    Template.fromStack(stack).resourceCountIs(TYPE, 2);
    new KvsMediaStorageConfiguration(newStack(), 'a', {
      channel: KvsSignalingChannel.fromChannelName('a'), stream: KvsStream.fromStreamName('a'), acceptPeerToPeerEnd: true,
    });
  });
});

describe('KvsMediaStorageConfiguration grantMasterIngestion', () => {
  test('grants the master the channel actions of the WebRTC ingestion guide on the channel, and the stream actions on the stream', () => {
    const stack = newStack();
    const storage = new KvsMediaStorageConfiguration(stack, 'Storage', {
      channel: KvsSignalingChannel.fromChannelArn(SIGNALING_ARN), stream: KvsStream.fromStreamArn(STREAM_ARN), acceptPeerToPeerEnd: true,
    });
    storage.grantMasterIngestion(new Role(stack, 'Camera', { assumedBy: new ServicePrincipal('ec2.amazonaws.com') }));
    expect(statementsOf(Template.fromStack(stack), 'Camera')).toEqual([
      {
        Effect: 'Allow',
        Action: [
          'kinesisvideo:DescribeSignalingChannel', 'kinesisvideo:DescribeMediaStorageConfiguration', 'kinesisvideo:GetSignalingChannelEndpoint',
          'kinesisvideo:GetIceServerConfig', 'kinesisvideo:ConnectAsMaster', 'kinesisvideo:JoinStorageSession',
        ],
        Resource: SIGNALING_ARN,
      },
      { Effect: 'Allow', Action: ['kinesisvideo:DescribeStream', 'kinesisvideo:GetDataEndpoint', 'kinesisvideo:PutMedia'], Resource: STREAM_ARN },
    ]);
  });

  test('a channel and a stream known by name: <name>/* (their ARNs end in the creation time)', () => {
    const stack = newStack();
    const storage = new KvsMediaStorageConfiguration(stack, 'Storage', {
      channel: KvsSignalingChannel.fromChannelName('doorbell'), stream: KvsStream.fromStreamName('porch'), acceptPeerToPeerEnd: true,
    });
    storage.grantMasterIngestion(new Role(stack, 'Camera', { assumedBy: new ServicePrincipal('ec2.amazonaws.com') }));
    const resources = statementsOf(Template.fromStack(stack), 'Camera').map((s: any) => s.Resource);
    expect(resources).toEqual([
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':kinesisvideo:us-east-1:123456789012:channel/doorbell/*']] },
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':kinesisvideo:us-east-1:123456789012:stream/porch/*']] },
    ]);
  });
});
