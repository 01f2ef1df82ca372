import { CfnParameter, Duration, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import { CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  ImageDestination,
  ImageFormat,
  KvsImageGeneration,
  KvsStream,
  MediaInsightsPipeline,
  VoiceAnalysis,
  VoiceAnalyticsTask,
  VoiceToneLanguage,
} from '../src';

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

    // Voice tone analysis of the stream's audio. A media insights pipeline is
    // created at run time (typically one per call), so the example takes its
    // ID as a parameter: synth needs no AWS account. Its configuration must
    // have a voice analytics processor with voice tone analysis enabled.
    const pipelineId = new CfnParameter(this, 'MediaInsightsPipelineId', {
      type: 'String',
      description: 'The ID of a media insights pipeline with a voice analytics processor (voice tone analysis enabled)',
      allowedPattern: '[a-fA-F0-9]{8}(-[a-fA-F0-9]{4}){3}-[a-fA-F0-9]{12}',
    });
    new VoiceAnalyticsTask(this, 'CallerSentiment', {
      mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineId(pipelineId.valueAsString),
      analysis: VoiceAnalysis.voiceToneAnalysis({ languageCode: VoiceToneLanguage.EN_US }),
      source: KvsStream.fromCfnStream(stream),
      channelId: 0,
      // The task stays Initializing until audio flows: do not hold the deployment.
      waitForInProgress: false,
    });
  }
}
