/**
 * Issue 5, KvsImageGeneration: invalid props rejected at synth naming the
 * construct path and the prop, and the same props accepted as tokens (see
 * ../helpers/bad-input).
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { ImageDestination, ImageFormat, ImageSelectorType, KvsImageGeneration, KvsNotificationConfiguration, KvsStream } from '../../src';
import type { KvsImageGenerationProps, KvsNotificationConfigurationProps } from '../../src';
import { BadInput, Change, ID, TokenInput, complete, describeBadInput, numberToken, stringToken } from '../helpers/bad-input';
import { STREAM_ARN, TEST_ENV } from '../helpers/fixtures';

function kvs(change: Change<KvsImageGenerationProps>) {
  return complete<KvsImageGenerationProps>({ stream: KvsStream.fromStreamName('camera'), destination: ImageDestination.fromUri('s3://bucket/prefix') }, change);
}

const BAD_INPUT: BadInput<KvsImageGenerationProps>[] = [
  ['KvsImageGeneration', 'a sampling interval under 200 ms', 'samplingInterval', kvs({ samplingInterval: Duration.millis(199) }), /^must be from 200 ms to 2147483647 ms, got 199 ms$/],
  ['KvsImageGeneration', 'a sampling interval over the 32-bit limit', 'samplingInterval', kvs({ samplingInterval: Duration.millis(2 ** 31) }), /^must be from 200 ms to 2147483647 ms, got 2147483648 ms$/],
  ['KvsImageGeneration', 'a sampling interval in fractions of a millisecond', 'samplingInterval', kvs({ samplingInterval: Duration.millis(200.5) }), /^must be a whole number from 200 ms to 2147483647 ms, got 200.5 ms$/],
  ['KvsImageGeneration', 'a sampling interval token in seconds', 'samplingInterval', kvs({ samplingInterval: Duration.seconds(numberToken('Interval')) }), /^a token duration must be given with Duration\.millis\(\), got one in seconds$/],
  ['KvsImageGeneration', 'an unknown format', 'format', kvs({ format: 'GIF' as ImageFormat }), /^must be one of JPEG, PNG, got "GIF"$/],
  ['KvsImageGeneration', 'JPEG quality 0', 'jpegQuality', kvs({ jpegQuality: 0 }), /^must be from 1 to 100, got 0$/],
  ['KvsImageGeneration', 'JPEG quality 101', 'jpegQuality', kvs({ jpegQuality: 101 }), /^must be from 1 to 100, got 101$/],
  ['KvsImageGeneration', 'JPEG quality not whole', 'jpegQuality', kvs({ jpegQuality: 50.5 }), /^must be a whole number from 1 to 100, got 50.5$/],
  ['KvsImageGeneration', 'JPEG quality with PNG', 'jpegQuality', kvs({ format: ImageFormat.PNG, jpegQuality: 80 }), /^only applies to ImageFormat\.JPEG, but format is PNG$/],
  ['KvsImageGeneration', 'width 0', 'widthPixels', kvs({ widthPixels: 0 }), /^must be from 1 to 3840, got 0$/],
  ['KvsImageGeneration', 'width 3841', 'widthPixels', kvs({ widthPixels: 3841 }), /^must be from 1 to 3840, got 3841$/],
  ['KvsImageGeneration', 'width not whole', 'widthPixels', kvs({ widthPixels: 640.5 }), /^must be a whole number from 1 to 3840, got 640.5$/],
  ['KvsImageGeneration', 'height 0', 'heightPixels', kvs({ heightPixels: 0 }), /^must be from 1 to 2160, got 0$/],
  ['KvsImageGeneration', 'height 2161', 'heightPixels', kvs({ heightPixels: 2161 }), /^must be from 1 to 2160, got 2161$/],
  ['KvsImageGeneration', 'an unknown image selector type', 'imageSelectorType', kvs({ imageSelectorType: 'ARRIVAL_TIMESTAMP' as ImageSelectorType }), /^must be one of SERVER_TIMESTAMP, PRODUCER_TIMESTAMP, got "ARRIVAL_TIMESTAMP"$/],
  ['KvsImageGeneration', 'a stream name with a space', 'stream', kvs({ stream: KvsStream.fromStreamName('my camera') }), /^"my camera" does not match .* \(a Kinesis Video stream name\)$/],
  ['KvsImageGeneration', 'a stream name too long', 'stream', kvs({ stream: KvsStream.fromStreamName('x'.repeat(257)) }), /^must be 1 to 256 characters long, got 257/],
  ['KvsImageGeneration', 'an empty stream name', 'stream', kvs({ stream: KvsStream.fromStreamName('') }), /^must be 1 to 256 characters long, got 0/],
  ['KvsImageGeneration', 'a stream ARN of another service', 'stream', kvs({ stream: KvsStream.fromStreamArn('arn:aws:kinesis:us-east-1:123456789012:stream/camera') }), /^".*" does not match .*kinesisvideo.* \(a Kinesis Video stream ARN\)$/],
  ['KvsImageGeneration', 'a stream ARN without its creation time', 'stream', kvs({ stream: KvsStream.fromStreamArn('arn:aws:kinesisvideo:us-east-1:123456789012:stream/camera') }), /^".*stream\/camera" does not match/],
  ['KvsImageGeneration', 'a stream in another Region', 'stream', kvs({ stream: KvsStream.fromStreamArn(STREAM_ARN.replace('us-east-1', 'eu-west-1')) }), /^the stream is in Region eu-west-1 but the stack is in us-east-1/],
  ['KvsImageGeneration', 'a CfnStream without retention', 'stream', kvs((stack) => ({ stream: KvsStream.fromCfnStream(new CfnStream(stack, 'Stream', {})) })), /^image generation needs data retention: set dataRetentionInHours above 0 on the CfnStream$/],
  ['KvsImageGeneration', 'a CfnStream with retention 0', 'stream', kvs((stack) => ({ stream: KvsStream.fromCfnStream(new CfnStream(stack, 'Stream', { dataRetentionInHours: 0 })) })), /^image generation needs data retention/],
  ['KvsImageGeneration', 'a URI without a scheme', 'destination', kvs({ destination: ImageDestination.fromUri('bucket/prefix') }), /^"bucket\/prefix" does not match .* \(e\.g\. s3:\/\/bucket\/prefix\)$/],
  ['KvsImageGeneration', 'a URI too long', 'destination', kvs({ destination: ImageDestination.fromUri(`s3://b/${'p'.repeat(249)}`) }), /^must be 1 to 255 characters long, got 256/],
  ['KvsImageGeneration', 'an empty URI', 'destination', kvs({ destination: ImageDestination.fromUri('') }), /^must be 1 to 255 characters long, got 0/],
  ['KvsImageGeneration', 'a second KvsImageGeneration on the same CfnStream', 'stream', kvs((stack) => {
    const stream = new CfnStream(stack, 'Stream', { dataRetentionInHours: 24 });
    new KvsImageGeneration(stack, 'First', { stream: KvsStream.fromCfnStream(stream), destination: ImageDestination.fromUri('s3://b/') });
    return { stream: KvsStream.fromCfnStream(stream) };
  }), /^the stream already has a KvsImageGeneration in this app, at 'TestStack\/First': a stream has one image generation configuration/],
  ['KvsImageGeneration', 'a second KvsImageGeneration on a CfnStream\'s ARN token', 'stream', kvs((stack) => {
    const stream = new CfnStream(stack, 'Stream', { dataRetentionInHours: 24 });
    new KvsImageGeneration(stack, 'First', { stream: KvsStream.fromCfnStream(stream), destination: ImageDestination.fromUri('s3://b/') });
    return { stream: KvsStream.fromStreamArn(stream.attrArn) };
  }), /^the stream already has a KvsImageGeneration in this app, at 'TestStack\/First'/],
  ['KvsImageGeneration', 'a second KvsImageGeneration on the same stream ARN', 'stream', kvs((stack) => {
    new KvsImageGeneration(stack, 'First', { stream: KvsStream.fromStreamArn(STREAM_ARN), destination: ImageDestination.fromUri('s3://b/') });
    return { stream: KvsStream.fromStreamArn(STREAM_ARN) };
  }), /^the stream already has a KvsImageGeneration in this app, at 'TestStack\/First'/],
  ['KvsImageGeneration', 'a second KvsImageGeneration on the stream named in the first one\'s ARN', 'stream', kvs((stack) => {
    new KvsImageGeneration(stack, 'First', { stream: KvsStream.fromStreamArn(STREAM_ARN), destination: ImageDestination.fromUri('s3://b/') });
    return { stream: KvsStream.fromStreamName('camera') };
  }), /^the stream already has a KvsImageGeneration in this app, at 'TestStack\/First'/],
  ['KvsImageGeneration', 'a second KvsImageGeneration on a named CfnStream, in another stack of the same account and Region', 'stream', kvs((stack) => {
    const other = new Stack(stack.node.root as App, 'Other', { env: TEST_ENV });
    const stream = new CfnStream(other, 'Stream', { name: 'camera', dataRetentionInHours: 24 });
    new KvsImageGeneration(other, 'First', { stream: KvsStream.fromCfnStream(stream), destination: ImageDestination.fromUri('s3://b/') });
    return { stream: KvsStream.fromStreamName('camera') };
  }), /^the stream already has a KvsImageGeneration in this app, at 'Other\/First'/],
  ['KvsImageGeneration', 'an https:// destination URI', 'destination', kvs({ destination: ImageDestination.fromUri('https://bucket/prefix') }), /^must be an s3:\/\/ URI \(Kinesis Video Streams delivers images to S3 only\), got "https:\/\/bucket\/prefix"$/],
  ['KvsImageGeneration', 'an imported bucket in another Region', 'destination', kvs((stack) => ({
    destination: ImageDestination.fromBucket(Bucket.fromBucketAttributes(stack, 'Bucket', { bucketName: 'images', region: 'eu-west-1' })),
  })), /^the bucket is in Region eu-west-1 but the stack is in us-east-1: images are delivered in the stream's Region/],
  ['KvsImageGeneration', 'a bucket of a stack in another Region', 'destination', kvs((stack) => ({
    destination: ImageDestination.fromBucket(new Bucket(new Stack(stack.node.root as App, 'Europe', { env: { ...TEST_ENV, region: 'eu-west-1' } }), 'Images')),
  })), /^the bucket is in Region eu-west-1 but the stack is in us-east-1/],
  ['KvsImageGeneration', 'a key prefix with *', 'destination', kvs((stack) => ({ destination: ImageDestination.fromBucket(Bucket.fromBucketName(stack, 'Bucket', 'bucket'), { keyPrefix: 'a*' }) })), /^the key prefix "a\*" must not contain '\*'$/],
];

const TOKENS: TokenInput<KvsImageGenerationProps>[] = [
  ['KvsImageGeneration', 'samplingInterval', 'Duration.millis(token)', kvs({ samplingInterval: Duration.millis(numberToken('Interval')) }), { ImageGenerationConfiguration: { SamplingInterval: { Ref: 'Interval' } } }],
  ['KvsImageGeneration', 'jpegQuality', 'a number token', kvs({ jpegQuality: numberToken('Quality') }), { ImageGenerationConfiguration: { FormatConfig: { JPEGQuality: { Ref: 'Quality' } } } }],
  ['KvsImageGeneration', 'widthPixels', 'a number token', kvs({ widthPixels: numberToken('Width') }), { ImageGenerationConfiguration: { WidthPixels: { Ref: 'Width' } } }],
  ['KvsImageGeneration', 'heightPixels', 'a number token', kvs({ heightPixels: numberToken('Height') }), { ImageGenerationConfiguration: { HeightPixels: { Ref: 'Height' } } }],
  ['KvsImageGeneration', 'stream', 'fromStreamName(token)', kvs({ stream: KvsStream.fromStreamName(stringToken('StreamName')) }), { StreamName: { Ref: 'StreamName' } }],
  ['KvsImageGeneration', 'stream', 'fromStreamArn(token)', kvs({ stream: KvsStream.fromStreamArn(stringToken('StreamArn')) }), { StreamARN: { Ref: 'StreamArn' } }],
  ['KvsImageGeneration', 'stream', 'a CfnStream whose retention is a token', kvs((stack) => ({ stream: KvsStream.fromCfnStream(new CfnStream(stack, 'Stream', { dataRetentionInHours: numberToken('Retention') })) })), { StreamARN: { 'Fn::GetAtt': ['Stream', 'Arn'] } }],
  ['KvsImageGeneration', 'destination', 'fromUri(token)', kvs({ destination: ImageDestination.fromUri(stringToken('Uri')) }), { ImageGenerationConfiguration: { DestinationConfig: { Uri: { Ref: 'Uri' } } } }],
  ['KvsImageGeneration', 'destination', 'fromBucket with a token bucket name and key prefix', kvs((stack) => ({ destination: ImageDestination.fromBucket(Bucket.fromBucketName(stack, 'Bucket', stringToken('BucketName')), { keyPrefix: stringToken('KeyPrefix') }) })), {
    ImageGenerationConfiguration: { DestinationConfig: { Uri: { 'Fn::Join': ['', ['s3://', { Ref: 'BucketName' }, '/', { Ref: 'KeyPrefix' }]] } } },
  }],
];

/** The props of the bad-input table that cannot hold a token, keyed `<construct> <prop>`, with the reason. */
const NOT_TOKENIZABLE: Record<string, string> = {
  'KvsImageGeneration format': 'an enum: other languages can pass only its members, and jpegQuality is checked against it at synth',
  'KvsImageGeneration imageSelectorType': 'an enum: other languages can pass only its members',
};

describeBadInput('KvsImageGeneration', {
  build: (stack, props) => new KvsImageGeneration(stack, ID, props),
  resourceType: 'Custom::KvsImageGeneration',
  everyProp: [(stack) => ({
    stream: KvsStream.fromStreamArn(STREAM_ARN),
    destination: ImageDestination.fromBucket(Bucket.fromBucketName(stack, 'Bucket', 'bucket'), { keyPrefix: 'images/' }),
    samplingInterval: Duration.seconds(1),
    format: ImageFormat.JPEG,
    jpegQuality: 80,
    widthPixels: 640,
    heightPixels: 480,
    imageSelectorType: ImageSelectorType.PRODUCER_TIMESTAMP,
    enabled: true,
  }), kvs({ stream: KvsStream.fromStreamName('camera') })],
  minRows: 35,
}, BAD_INPUT, TOKENS, NOT_TOKENIZABLE);

// ---- KvsNotificationConfiguration -------------------------------------------

const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:motion';

function kvsn(change: Change<KvsNotificationConfigurationProps>) {
  return complete<KvsNotificationConfigurationProps>(
    { stream: KvsStream.fromStreamName('camera'), topic: undefined as any },
    (stack) => ({ topic: Topic.fromTopicArn(stack, 'Topic', TOPIC_ARN), ...(typeof change === 'function' ? change(stack) : change) }),
  );
}

const NOTIFICATION_BAD_INPUT: BadInput<KvsNotificationConfigurationProps>[] = [
  ['KvsNotificationConfiguration', 'a FIFO topic of the stack', 'topic', kvsn((stack) => ({ topic: new Topic(stack, 'Fifo', { fifo: true, topicName: 'motion' }) })), /^the topic is a FIFO topic; Kinesis Video Streams supports standard topics only$/],
  ['KvsNotificationConfiguration', 'an imported FIFO topic', 'topic', kvsn((stack) => ({ topic: Topic.fromTopicArn(stack, 'Fifo', `${TOPIC_ARN}.fifo`) })), /^"arn:aws:sns:us-east-1:123456789012:motion\.fifo" is a FIFO topic; Kinesis Video Streams supports standard topics only$/],
  ['KvsNotificationConfiguration', 'an imported topic in another Region', 'topic', kvsn((stack) => ({ topic: Topic.fromTopicArn(stack, 'Far', TOPIC_ARN.replace('us-east-1', 'eu-west-1')) })), /^the topic is in Region eu-west-1 but the stream and the stack are in us-east-1; use a topic in us-east-1$/],
  ['KvsNotificationConfiguration', 'a topic of a stack in another Region', 'topic', kvsn((stack) => ({
    topic: new Topic(new Stack(stack.node.root as App, 'Far', { env: { account: '123456789012', region: 'eu-west-1' } }), 'Topic'),
  })), /^the topic is in Region eu-west-1 but the stream and the stack are in us-east-1/],
  ['KvsNotificationConfiguration', 'a topic ARN over 255 characters', 'topic', kvsn((stack) => ({ topic: Topic.fromTopicArn(stack, 'Long', `${TOPIC_ARN}-${'x'.repeat(220)}`) })), /^must be 1 to 255 characters long, got 262/],
  ['KvsNotificationConfiguration', 'a stream name with a space', 'stream', kvsn({ stream: KvsStream.fromStreamName('my camera') }), /^"my camera" does not match .* \(a Kinesis Video stream name\)$/],
  ['KvsNotificationConfiguration', 'an empty stream name', 'stream', kvsn({ stream: KvsStream.fromStreamName('') }), /^must be 1 to 256 characters long, got 0/],
  ['KvsNotificationConfiguration', 'a stream ARN of another service', 'stream', kvsn({ stream: KvsStream.fromStreamArn('arn:aws:kinesis:us-east-1:123456789012:stream/camera') }), /^".*" does not match .*kinesisvideo.* \(a Kinesis Video stream ARN\)$/],
  ['KvsNotificationConfiguration', 'a stream in another Region', 'stream', kvsn({ stream: KvsStream.fromStreamArn(STREAM_ARN.replace('us-east-1', 'eu-west-1')) }), /^the stream is in Region eu-west-1 but the stack is in us-east-1; notifications are configured from the stream's account and Region$/],
  ['KvsNotificationConfiguration', 'a second configuration of the same stream', 'stream', kvsn((stack) => {
    new KvsNotificationConfiguration(stack, 'First', { stream: KvsStream.fromStreamName('camera'), topic: Topic.fromTopicArn(stack, 'FirstTopic', TOPIC_ARN) });
    return { stream: KvsStream.fromStreamName('camera') };
  }), /^the stream already has a KvsNotificationConfiguration at 'TestStack\/First'; a stream has one notification configuration$/],
  ['KvsNotificationConfiguration', 'a CfnStream without retention', 'stream', kvsn((stack) => ({ stream: KvsStream.fromCfnStream(new CfnStream(stack, 'Stream', {})) })), /^notifications need data retention: set dataRetentionInHours above 0 on the CfnStream$/],
];

const NOTIFICATION_TOKENS: TokenInput<KvsNotificationConfigurationProps>[] = [
  ['KvsNotificationConfiguration', 'topic', 'fromTopicArn(token)', kvsn((stack) => ({ topic: Topic.fromTopicArn(stack, 'Token', stringToken('TopicArn')) })), { NotificationConfiguration: { DestinationConfig: { Uri: { Ref: 'TopicArn' } } } }],
  ['KvsNotificationConfiguration', 'stream', 'fromStreamName(token)', kvsn({ stream: KvsStream.fromStreamName(stringToken('StreamName')) }), { StreamName: { Ref: 'StreamName' } }],
  ['KvsNotificationConfiguration', 'stream', 'fromStreamArn(token)', kvsn({ stream: KvsStream.fromStreamArn(stringToken('StreamArn')) }), { StreamARN: { Ref: 'StreamArn' } }],
];

describeBadInput('KvsNotificationConfiguration', {
  build: (stack, props) => new KvsNotificationConfiguration(stack, ID, props),
  resourceType: 'Custom::KvsNotification',
  everyProp: [(stack) => ({
    stream: KvsStream.fromStreamArn(STREAM_ARN),
    topic: Topic.fromTopicArn(stack, 'Topic', TOPIC_ARN),
    enabled: false,
    overwriteExisting: true,
  }), kvsn({ stream: KvsStream.fromStreamName('camera') })],
  minRows: 11,
}, NOTIFICATION_BAD_INPUT, NOTIFICATION_TOKENS, {});
