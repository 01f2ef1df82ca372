import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { ImageDestination, KvsImageGeneration, KvsStream } from '../../src';
import { TEST_ENV } from '../helpers/fixtures';

function newStack() {
  return new Stack(new App(), 'TestStack', { env: TEST_ENV });
}

function generation(stack: Stack, destination: ImageDestination) {
  return new KvsImageGeneration(stack, 'Gen', { stream: KvsStream.fromStreamName('porch'), destination });
}

/** Every statement of the IAM policies attached to the Producer role. */
function producerStatements(stack: Stack): unknown[] {
  return Object.values<any>(Template.fromStack(stack).findResources('AWS::IAM::Policy'))
    .filter((p) => p.Properties.Roles.some((r: any) => r.Ref.startsWith('Producer')))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
}

const objectsUnder = (prefix: string) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^Images/), 'Arn'] }, `/${prefix}*`]] });

describe('grantImageDelivery: least privilege', () => {
  test('a bucket without a KMS key: exactly s3:PutObject on <bucket>/<prefix>*', () => {
    const stack = newStack();
    const gen = generation(stack, ImageDestination.fromBucket(new Bucket(stack, 'Images'), { keyPrefix: 'porch/' }));
    gen.grantImageDelivery(new Role(stack, 'Producer', { assumedBy: new ServicePrincipal('ec2.amazonaws.com') }));

    expect(producerStatements(stack)).toEqual([{ Effect: 'Allow', Action: 's3:PutObject', Resource: objectsUnder('porch/') }]);
    // The bucket policy is not touched for a principal of the same account.
    Template.fromStack(stack).resourceCountIs('AWS::S3::BucketPolicy', 0);
  });

  test('a bucket with a KMS key: plus exactly kms:GenerateDataKey on that key, nothing else', () => {
    const stack = newStack();
    const key = new Key(stack, 'ImagesKey');
    const gen = generation(stack, ImageDestination.fromBucket(new Bucket(stack, 'Images', { encryption: BucketEncryption.KMS, encryptionKey: key }), { keyPrefix: 'porch/' }));
    gen.grantImageDelivery(new Role(stack, 'Producer', { assumedBy: new ServicePrincipal('ec2.amazonaws.com') }));

    expect(producerStatements(stack)).toEqual([
      { Effect: 'Allow', Action: 's3:PutObject', Resource: objectsUnder('porch/') },
      { Effect: 'Allow', Action: 'kms:GenerateDataKey', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^ImagesKey/), 'Arn'] } },
    ]);
    // The key policy keeps only its default statement (the account's own IAM decides).
    const keyPolicy = Object.values<any>(Template.fromStack(stack).findResources('AWS::KMS::Key'))[0].Properties.KeyPolicy;
    expect(JSON.stringify(keyPolicy)).not.toMatch(/Producer/);
  });

  test('no prefix: s3:PutObject on <bucket>/*', () => {
    const stack = newStack();
    const gen = generation(stack, ImageDestination.fromBucket(new Bucket(stack, 'Images')));
    gen.grantImageDelivery(new Role(stack, 'Producer', { assumedBy: new ServicePrincipal('ec2.amazonaws.com') }));
    expect(producerStatements(stack)).toEqual([{ Effect: 'Allow', Action: 's3:PutObject', Resource: objectsUnder('') }]);
  });
});

describe('onImageDelivered', () => {
  test('a bucket of the stack: EventBridge notifications enabled, a rule for Object Created under the prefix, to the target', () => {
    const stack = newStack();
    const gen = generation(stack, ImageDestination.fromBucket(new Bucket(stack, 'Images'), { keyPrefix: 'porch/' }));
    const rule = gen.onImageDelivered('Arrived', { target: new SqsQueue(new Queue(stack, 'Arrivals')) });
    const template = Template.fromStack(stack);

    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: Match.stringLikeRegexp('^Images') },
      NotificationConfiguration: { EventBridgeConfiguration: {} },
    });
    template.resourceCountIs('AWS::Events::Rule', 1);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.s3'],
        'detail-type': ['Object Created'],
        'detail': { bucket: { name: [{ Ref: Match.stringLikeRegexp('^Images') }] }, object: { key: [{ prefix: 'porch/' }] } },
      },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Arrivals'), 'Arn'] } })],
    });
    expect(rule.node.path).toBe('TestStack/Gen/Arrived');
  });

  test('an imported bucket: the rule only; EventBridge is left to the bucket\'s owner', () => {
    const stack = newStack();
    const gen = generation(stack, ImageDestination.fromBucket(Bucket.fromBucketName(stack, 'Images', 'camera-images')));
    const rule = gen.onImageDelivered('Arrived');
    const template = Template.fromStack(stack);

    template.resourceCountIs('Custom::S3BucketNotifications', 0);
    template.hasResourceProperties('AWS::Events::Rule', {
      Description: 'Images delivered by Kinesis Video Streams to s3://camera-images/',
      EventPattern: { 'source': ['aws.s3'], 'detail-type': ['Object Created'], 'detail': { bucket: { name: ['camera-images'] } } },
    });
    // No prefix: every object of the bucket.
    expect(JSON.stringify(stack.resolve((rule.node.defaultChild as any).eventPattern))).not.toMatch(/object/);
  });

  test('a URI destination: refused, saying why', () => {
    const stack = newStack();
    const gen = generation(stack, ImageDestination.fromUri('s3://camera-images/porch/'));
    expect(() => gen.onImageDelivered('Arrived')).toThrow(
      "KvsImageGeneration at 'TestStack/Gen': onImageDelivered needs a destination made with ImageDestination.fromBucket, got s3://camera-images/porch/",
    );
  });
});
