/**
 * Integ test of KvsImageGeneration: a stream with retention, a bucket, and the
 * image generation configuration; the assertion reads the configuration back
 * from Kinesis Video Streams.
 *
 *   npx projen integ integ.kvs-image-generation.ts            # verify the snapshot offline
 *   npx projen integ:deploy integ.kvs-image-generation.ts     # deploy, assert, destroy (README)
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import { ImageDestination, ImageFormat, KvsImageGeneration, KvsStream } from '../src';
import { integBucket } from './helpers/integ';

const app = new App();
const stack = new Stack(app, 'CdkLiveMediaIntegKvsImageGeneration');

const stream = new CfnStream(stack, 'Stream', { dataRetentionInHours: 1 });
const bucket = integBucket(stack, 'Images');

new KvsImageGeneration(stack, 'ImageGeneration', {
  stream: KvsStream.fromCfnStream(stream),
  destination: ImageDestination.fromBucket(bucket, { keyPrefix: 'integ/' }),
  samplingInterval: Duration.seconds(2),
  format: ImageFormat.JPEG,
  jpegQuality: 85,
  widthPixels: 640,
});

const integ = new IntegTest(app, 'KvsImageGeneration', { testCases: [stack] });

// What the service reports is what the construct set.
integ.assertions
  .awsApiCall('KinesisVideo', 'DescribeImageGenerationConfiguration', { StreamARN: stream.attrArn })
  .expect(ExpectedResult.objectLike({
    ImageGenerationConfiguration: {
      Status: 'ENABLED',
      ImageSelectorType: 'SERVER_TIMESTAMP',
      DestinationConfig: { Uri: `s3://${bucket.bucketName}/integ/`, DestinationRegion: stack.region },
      SamplingInterval: 2000,
      Format: 'JPEG',
      FormatConfig: { JPEGQuality: '85' },
      WidthPixels: 640,
    },
  }));
