import { CfnParameter, Duration, RemovalPolicy, Stack, StackProps, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { CfnChannel, CfnEncoderConfiguration, CfnStage, CfnStorageConfiguration } from 'aws-cdk-lib/aws-ivs';
import { CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { IConstruct } from 'constructs';
import {
  CompositionLayout,
  ImageDestination,
  ImageFormat,
  IvsChannel,
  IvsComposition,
  IvsEncoderConfiguration,
  IvsStage,
  IvsStageComposition,
  IvsStorageConfiguration,
  KvsImageGeneration,
  KvsStream,
  MediaInsightsPipeline,
  ThumbnailStorage,
  VideoAspectRatio,
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
    // Server access logs of the buckets below (cdk-nag AwsSolutions-S1; cdk-nag
    // sees that this bucket is a log destination and does not ask it for logs).
    const accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const images = new Bucket(this, 'Images', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'images/',
    });

    new KvsImageGeneration(this, 'Thumbnails', {
      stream: KvsStream.fromCfnStream(stream),
      destination: ImageDestination.fromBucket(images, { keyPrefix: 'front-door/' }),
      samplingInterval: Duration.seconds(2),
      format: ImageFormat.JPEG,
      jpegQuality: 85,
      widthPixels: 1280,
    });

    // IVS real-time: a stage composed into one video, broadcast to a channel and recorded to S3.
    const stage = new CfnStage(this, 'StudioStage', { name: 'studio' });
    const hd = new CfnEncoderConfiguration(this, 'Hd720', {
      name: 'hd-720p',
      video: { width: 1280, height: 720, framerate: 30, bitrate: 2_500_000 },
    });
    const recordings = new Bucket(this, 'Recordings', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'recordings/',
    });
    const storage = new CfnStorageConfiguration(this, 'RecordingStorage', {
      name: 'studio-recordings',
      s3: { bucketName: recordings.bucketName },
    });
    const channel = new CfnChannel(this, 'StudioChannel', { name: 'studio-live', latencyMode: 'LOW', type: 'STANDARD' });

    new IvsComposition(this, 'StudioComposition', {
      stage: IvsStage.fromCfnStage(stage),
      layout: CompositionLayout.grid({ featuredParticipantAttribute: 'host', videoAspectRatio: VideoAspectRatio.VIDEO }),
      channel: {
        channel: IvsChannel.fromCfnChannel(channel),
        encoderConfiguration: IvsEncoderConfiguration.fromCfnEncoderConfiguration(hd),
        name: 'live',
      },
      s3: {
        storageConfiguration: IvsStorageConfiguration.fromCfnStorageConfiguration(storage),
        encoderConfiguration: IvsEncoderConfiguration.fromCfnEncoderConfiguration(hd),
        thumbnails: { interval: Duration.seconds(30), storage: [ThumbnailStorage.SEQUENTIAL, ThumbnailStorage.LATEST] },
        name: 'recording',
      },
      tags: { project: 'studio' },
    });

    // A show stage composed whenever someone publishes to it, session after
    // session: broadcast to its own channel and recorded to S3.
    const show = new CfnStage(this, 'ShowStage', { name: 'show' });
    const showChannel = new CfnChannel(this, 'ShowChannel', { name: 'show-live', latencyMode: 'LOW', type: 'STANDARD' });
    const showComposition = new IvsStageComposition(this, 'ShowComposition', {
      stage: IvsStage.fromCfnStage(show),
      layout: CompositionLayout.pip({ pipParticipantAttribute: 'guest' }),
      channel: { channel: IvsChannel.fromCfnChannel(showChannel), encoderConfiguration: IvsEncoderConfiguration.fromCfnEncoderConfiguration(hd) },
      s3: {
        storageConfiguration: IvsStorageConfiguration.fromCfnStorageConfiguration(storage),
        encoderConfiguration: IvsEncoderConfiguration.fromCfnEncoderConfiguration(hd),
      },
      tags: { project: 'show' },
      maxRetriesPerSession: 3,
    });
    new Alarm(this, 'ShowWithoutComposition', {
      metric: showComposition.metricPublisherWithoutComposition(),
      threshold: 1,
      evaluationPeriods: 2,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: 'Someone publishes on the show stage but no composition runs',
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

    // cdk-live-media's one handler role (aws-cdk-lib's CustomResourceProvider
    // machinery) carries the AWS managed AWSLambdaBasicExecutionRole for its
    // CloudWatch Logs; the library offers no way to replace it. No other role
    // of this stack has it (test/security.test.ts checks).
    acknowledge(this,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'Only the cdk-live-media provider role uses AWSLambdaBasicExecutionRole (CloudWatch Logs for its handler), ' +
      'attached by aws-cdk-lib\'s CustomResourceProvider, which offers no alternative');
    // IvsComposition's handler reads, stops and tags the compositions it
    // starts: their IDs exist only at deploy time.
    acknowledge(this,
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ivs:<AWS::Region>:<AWS::AccountId>:composition/*]',
      'The cdk-live-media provider role gets/stops/tags the IVS compositions its handler starts at deploy time, whose IDs ' +
      'cannot be known at synth; the wildcard covers compositions of this account and Region only');
    // The stage keeper (IvsStageComposition's runtime function) stops and tags
    // the compositions it starts at run time, and writes its own log streams.
    const keeper = this.node.findChild('CdkLiveMediaStageKeeper');
    acknowledge(keeper,
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ivs:<AWS::Region>:<AWS::AccountId>:composition/*]',
      'The stage keeper stops (restartOnChange) and tags the IVS compositions it starts at run time, whose IDs cannot be known ' +
      'at synth; the wildcard covers compositions of this account and Region only, and it stops only those with its owner tag');
    acknowledge(keeper,
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:<CdkLiveMediaStageKeeperLogsCAE0E024>:log-stream:*]',
      'The stage keeper writes to log streams that Lambda names at run time, in its own log group only');
  }
}

/**
 * Acknowledges a cdk-nag finding on `scope` and its children.
 * `Validations.acknowledge` (aws-cdk-lib 2.257) rejects IDs with more than one
 * '::', which cdk-nag 3's finding IDs of IAM rules have
 * (`AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:...]`); for those,
 * this records the same metadata that `acknowledge` writes and cdk-nag reads.
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  if (id.split('::').length <= 2) {
    Validations.of(scope).acknowledge({ id, reason });
  } else {
    scope.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, { [id]: reason });
  }
}
