import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { ImageDestination, ImageFormat, ImageSelectorType, KvsImageGeneration, KvsStream } from '../../src';
import { decodeKvsImageGenerationProperties } from '../../src/kvs/image-generation.contract';
import { resolveIntrinsics, stringifyScalars } from '../helpers/cfn';
import { TEST_ENV as ENV } from '../helpers/fixtures';
import { handlerStatements, kindPolicyId } from '../helpers/iam-policy';
import { validateShape } from '../helpers/model';
import { snapshotOf } from '../helpers/snapshot';


function newStack(env: { account?: string; region?: string } | undefined = ENV) {
  return new Stack(new App(), 'TestStack', { env });
}

function streamIn(stack: Stack, id = 'Stream', retention: number | null = 24) {
  return new CfnStream(stack, id, { name: id.toLowerCase(), dataRetentionInHours: retention ?? undefined });
}

function representativeStack() {
  const stack = newStack();
  const bucket = new Bucket(stack, 'Images');
  new KvsImageGeneration(stack, 'FrontDoor', {
    stream: KvsStream.fromCfnStream(streamIn(stack, 'FrontDoorStream')),
    destination: ImageDestination.fromBucket(bucket, { keyPrefix: 'front-door/' }),
    samplingInterval: Duration.millis(1500),
    format: ImageFormat.JPEG,
    jpegQuality: 85,
    widthPixels: 1280,
    heightPixels: 720,
    imageSelectorType: ImageSelectorType.PRODUCER_TIMESTAMP,
  });
  new KvsImageGeneration(stack, 'BackDoor', {
    stream: KvsStream.fromStreamName('back-door'),
    destination: ImageDestination.fromUri('s3://existing-bucket/back-door'),
    format: ImageFormat.PNG,
    enabled: false,
  });
  return stack;
}

describe('KvsImageGeneration template', () => {
  test('snapshot of a representative stack', () => {
    expect(snapshotOf(representativeStack())).toMatchSnapshot();
  });

  test('sends the configuration as the API takes it, numbers as numbers', () => {
    const template = Template.fromStack(representativeStack());
    template.hasResourceProperties('Custom::KvsImageGeneration', {
      ServiceToken: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CdkLiveMediaProviderHandler'), 'Arn'] },
      ServiceTimeout: '900',
      StreamARN: { 'Fn::GetAtt': ['FrontDoorStream', 'Arn'] },
      StreamName: Match.absent(),
      ImageGenerationConfiguration: {
        Status: 'ENABLED',
        ImageSelectorType: 'PRODUCER_TIMESTAMP',
        DestinationConfig: {
          Uri: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^Images') }, '/front-door/']] },
          DestinationRegion: 'us-east-1',
        },
        SamplingInterval: 1500,
        Format: 'JPEG',
        FormatConfig: { JPEGQuality: '85' },
        WidthPixels: 1280,
        HeightPixels: 720,
      },
    });
    template.hasResourceProperties('Custom::KvsImageGeneration', {
      StreamName: 'back-door',
      StreamARN: Match.absent(),
      ImageGenerationConfiguration: {
        Status: 'DISABLED',
        ImageSelectorType: 'SERVER_TIMESTAMP',
        DestinationConfig: { Uri: 's3://existing-bucket/back-door', DestinationRegion: 'us-east-1' },
        SamplingInterval: 3000,
        Format: 'PNG',
        FormatConfig: Match.absent(),
        WidthPixels: Match.absent(),
        HeightPixels: Match.absent(),
      },
    });
  });

  test('two instances share exactly one Lambda function, on Node.js 24, with a bounded service timeout', () => {
    const template = Template.fromStack(representativeStack());
    template.resourceCountIs('Custom::KvsImageGeneration', 2);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 0);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Handler: '__entrypoint__.handler',
      Timeout: 600,
    });
  });

  test('IAM: only the two actions, on the streams of the stack\'s account and Region, in the kind\'s policy the resources depend on', () => {
    const template = Template.fromStack(representativeStack());
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.resourceCountIs('AWS::IAM::Policy', 1);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: 'CdkLiveMediaKvsImageGeneration',
      Roles: [{ Ref: Match.stringLikeRegexp('^CdkLiveMediaProviderRole') }],
    });
    // Create, update and delete send the same calls; the delete of a stream a
    // previous template named runs under this policy (test/core/grants.lifecycle.test.ts).
    expect(handlerStatements(template)).toEqual([{
      Effect: 'Allow',
      Action: ['kinesisvideo:DescribeImageGenerationConfiguration', 'kinesisvideo:UpdateImageGenerationConfiguration'],
      Resource: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':kinesisvideo:us-east-1:123456789012:stream/*/*']] }],
    }]);
    for (const r of Object.values(template.findResources('Custom::KvsImageGeneration'))) {
      expect(r.DependsOn).toContain(kindPolicyId('KvsImageGeneration'));
    }
    const policies = JSON.stringify(handlerStatements(template));
    expect(policies).not.toContain('"Resource":"*"');
    expect(policies).not.toMatch(/s3:/);
  });

  test('the custom resource depends on the CfnStream it configures', () => {
    const template = Template.fromStack(representativeStack());
    template.hasResource('Custom::KvsImageGeneration', { DependsOn: Match.arrayWith(['FrontDoorStream']) });
  });

  test('attributes are the handler Data keys', () => {
    const stack = newStack();
    const gen = new KvsImageGeneration(stack, 'Gen', {
      stream: KvsStream.fromStreamName('s'),
      destination: ImageDestination.fromUri('s3://b/p'),
    });
    const resolve = (v: string) => stack.resolve(v)['Fn::GetAtt'][1];
    expect([gen.streamName, gen.status, gen.destinationUri, gen.imageFormat, gen.samplingIntervalMillis].map(resolve))
      .toEqual(['StreamName', 'Status', 'DestinationUri', 'Format', 'SamplingInterval']);
  });

  test('an env-agnostic stack sends the deploy-time Region', () => {
    const stack = newStack({});
    new KvsImageGeneration(stack, 'Gen', { stream: KvsStream.fromStreamName('s'), destination: ImageDestination.fromUri('s3://b/p') });
    Template.fromStack(stack).hasResourceProperties('Custom::KvsImageGeneration', {
      ImageGenerationConfiguration: { DestinationConfig: { DestinationRegion: { Ref: 'AWS::Region' } } },
    });
  });

  test('what the template sends survives CloudFormation\'s stringification and is a valid API request', () => {
    const template = Template.fromStack(representativeStack()).toJSON();
    for (const resource of Object.values<any>(template.Resources).filter((r) => r.Type === 'Custom::KvsImageGeneration')) {
      const { ServiceToken, ServiceTimeout, ...properties } = resource.Properties;
      const resolved = resolveIntrinsics(properties, {
        'FrontDoorStream.Arn': 'arn:aws:kinesisvideo:us-east-1:123456789012:stream/frontdoorstream/1700000000000',
      });
      const decoded = decodeKvsImageGenerationProperties(stringifyScalars(resolved));
      expect(decoded).toEqual(JSON.parse(JSON.stringify(resolved)));
      expect(validateShape('com.amazonaws.kinesisvideo#UpdateImageGenerationConfigurationInput', JSON.parse(JSON.stringify(decoded)), 'input')).toEqual([]);
    }
  });
});

describe('KvsImageGeneration grantImageDelivery', () => {
  test('grants s3:PutObject on the prefix to the producer', () => {
    const stack = newStack();
    const bucket = new Bucket(stack, 'Images');
    const producer = new Role(stack, 'Producer', { assumedBy: new ServicePrincipal('ec2.amazonaws.com') });
    const gen = new KvsImageGeneration(stack, 'Gen', {
      stream: KvsStream.fromCfnStream(streamIn(stack)),
      destination: ImageDestination.fromBucket(bucket, { keyPrefix: 'cam/' }),
    });
    gen.grantImageDelivery(producer);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Producer') }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: 's3:PutObject',
          Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Images'), 'Arn'] }, '/cam/*']] },
        })]),
      },
    });
  });

  test('a URI destination cannot be granted', () => {
    const stack = newStack();
    const producer = new Role(stack, 'Producer', { assumedBy: new ServicePrincipal('ec2.amazonaws.com') });
    const gen = new KvsImageGeneration(stack, 'Gen', { stream: KvsStream.fromStreamName('s'), destination: ImageDestination.fromUri('s3://b/p') });
    expect(() => gen.grantImageDelivery(producer)).toThrow(/was given as a URI; use ImageDestination.fromBucket/);
  });
});

describe('KvsImageGeneration validation', () => {
  const uri = ImageDestination.fromUri('s3://bucket/prefix');
  const named = KvsStream.fromStreamName('camera');
  test('lists every problem at once', () => {
    const stack = newStack();
    expect(() => new KvsImageGeneration(stack, 'Gen', { stream: named, destination: uri, widthPixels: 0, heightPixels: 0, jpegQuality: 0 }))
      .toThrow(/widthPixels[^]*heightPixels[^]*jpegQuality|jpegQuality[^]*widthPixels[^]*heightPixels/);
  });

  test('limits come from the service model', () => {
    const stack = newStack();
    expect(() => new KvsImageGeneration(stack, 'Ok', { stream: named, destination: uri, widthPixels: 3840, heightPixels: 2160, jpegQuality: 100, samplingInterval: Duration.millis(200) })).not.toThrow();
    expect(() => new KvsImageGeneration(stack, 'Ok2', { stream: KvsStream.fromStreamName('other'), destination: uri, widthPixels: 1, heightPixels: 1, jpegQuality: 1 }))
      .not.toThrow();
  });

  test('one KvsImageGeneration per stream and app: the same name is another stream in another Region, account, app or env-agnostic stack', () => {
    const app = new App();
    const env = { account: '123456789012', region: 'us-east-1' };
    const add = (stack: Stack, id = 'Images') => new KvsImageGeneration(stack, id, { stream: KvsStream.fromStreamName('camera'), destination: uri });
    add(new Stack(app, 'UsEast', { env }));
    expect(() => add(new Stack(app, 'EuWest', { env: { ...env, region: 'eu-west-1' } }))).not.toThrow();
    expect(() => add(new Stack(app, 'OtherAccount', { env: { ...env, account: '210987654321' } }))).not.toThrow();
    expect(() => add(new Stack(app, 'Agnostic1'))).not.toThrow();
    expect(() => add(new Stack(app, 'Agnostic2'))).not.toThrow();
    expect(() => add(new Stack(new App(), 'UsEast', { env }))).not.toThrow();
    expect(() => add(new Stack(app, 'UsEastAgain', { env }))).toThrow(/stream: the stream already has a KvsImageGeneration in this app, at 'UsEast\/Images'/);
  });
});
