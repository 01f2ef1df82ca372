import { Duration, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import { CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ImageDestination, ImageFormat, KvsImageGeneration, KvsStream } from '../src';

/** A stack that uses every construct of the library; synthesized by `npx projen example`. */
export class LiveMediaExampleStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const stream = new CfnStream(this, 'CameraStream', {
      name: 'front-door-camera',
      dataRetentionInHours: 24,
    });
    const images = new Bucket(this, 'Images', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    new KvsImageGeneration(this, 'Thumbnails', {
      stream: KvsStream.fromCfnStream(stream),
      destination: ImageDestination.fromBucket(images, { keyPrefix: 'front-door/' }),
      samplingInterval: Duration.seconds(2),
      format: ImageFormat.JPEG,
      jpegQuality: 85,
      widthPixels: 1280,
    });
  }
}
