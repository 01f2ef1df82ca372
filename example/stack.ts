import { CfnParameter, Duration, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnChannel, CfnEncoderConfiguration, CfnStage, CfnStorageConfiguration } from 'aws-cdk-lib/aws-ivs';
import { CfnSignalingChannel, CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
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
  KvsMediaStorageConfiguration,
  KvsNotificationConfiguration,
  KvsSignalingChannel,
  KvsMediaInsightsPipeline,
  MediaInsightsPipeline,
  KvsStream,
  LiveMediaHandler,
  MediaInsightsPipelineConfiguration,
  ParticipantRole,
  ThumbnailStorage,
  VideoAspectRatio,
  VoiceAnalysis,
  VoiceAnalyticsSink,
  VoiceAnalyticsTask,
  VoiceProfileDomain,
  VoiceToneLanguage,
} from '../src';

/** A stack that uses every construct of the library; synthesized by `npx projen example`. */
export class LiveMediaExampleStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // The library's functions log into log groups of this stack; regulated
    // packs (cdk-nag NIST 800-53 R5, HIPAA) ask for them to be encrypted with
    // a KMS key of yours.
    LiveMediaHandler.configure(this, {
      logEncryptionKey: new Key(this, 'LogsKey', { enableKeyRotation: true, description: 'cdk-live-media function logs' }),
    });

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

    // Fragments the camera tags for notification (motion events, say) are
    // announced on an SNS topic: standard (KVS does not support FIFO topics),
    // encrypted, TLS only. The producer's role needs sns:Publish on it
    // (notifications.grantNotificationDelivery(role)).
    const motionEvents = new Topic(this, 'MotionEvents', {
      masterKey: new Key(this, 'MotionEventsKey', { enableKeyRotation: true }),
      enforceSSL: true,
    });
    new KvsNotificationConfiguration(this, 'MotionNotifications', {
      stream: KvsStream.fromCfnStream(stream),
      topic: motionEvents,
    });

    // A WebRTC doorbell whose sessions are stored in a stream of their own
    // (WebRTC ingestion). This ends direct peer-to-peer sessions on the
    // channel: the doorbell and its viewers join the storage session instead.
    const doorbell = new CfnSignalingChannel(this, 'DoorbellChannel', { name: 'doorbell', type: 'SINGLE_MASTER' });
    const doorbellStream = new CfnStream(this, 'DoorbellStream', { name: 'doorbell-webrtc', dataRetentionInHours: 24 });
    new KvsMediaStorageConfiguration(this, 'DoorbellStorage', {
      channel: KvsSignalingChannel.fromCfnSignalingChannel(doorbell),
      stream: KvsStream.fromCfnStream(doorbellStream),
      acceptPeerToPeerEnd: true,
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
    // Someone is live and nothing composes for 5 minutes; a destination lost; the keeper's dead letters (README, "Operating it").
    // Each alarm notifies an encrypted topic (cdk-nag NIST 800-53 R5 and HIPAA ask every alarm for an action).
    const alertsKey = new Key(this, 'AlertsKey', { enableKeyRotation: true });
    alertsKey.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    const alerts = new SnsAction(new Topic(this, 'Alerts', { masterKey: alertsKey, enforceSSL: true }));
    for (const alarm of [
      showComposition.alarmPublisherWithoutComposition('WithoutComposition', { alarmDescription: 'Someone publishes on the show stage but no composition runs' }),
      showComposition.alarmFailedDestinations('DestinationLost'),
      showComposition.alarmKeeperDeadLetters('KeeperDeadLetters'),
    ]) alarm.addAlarmAction(alerts);

    // Chime SDK voice analytics, the whole chain: a configuration with a voice
    // analytics processor and its results queue, a pipeline on a stream of the
    // stack, a voice profile domain, and the two kinds of task on the pipeline.
    const callAudio = new CfnStream(this, 'CallAudio', { name: 'agent-call', dataRetentionInHours: 24 });
    const undeliverable = new Queue(this, 'VoiceResultsDeadLetters', { enforceSSL: true, encryption: QueueEncryption.SQS_MANAGED });
    const results = new Queue(this, 'VoiceResults', {
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
      deadLetterQueue: { queue: undeliverable, maxReceiveCount: 5 },
    });
    const voiceAnalytics = new MediaInsightsPipelineConfiguration(this, 'VoiceAnalytics', {
      voiceToneAnalysis: true,
      speakerSearch: true,
      // Every caller is told about, and consents to, voice analytics and speaker search.
      speakerConsentAcknowledged: true,
      sinks: [VoiceAnalyticsSink.sqsQueue(results)],
    });
    voiceAnalytics.onPipelineStateChange('PipelineStateChanges', { target: new SqsQueue(results) });
    const pipeline = new KvsMediaInsightsPipeline(this, 'CallPipeline', {
      configuration: voiceAnalytics,
      sources: [{
        stream: KvsStream.fromCfnStream(callAudio),
        numberOfChannels: 2,
        channels: [{ channelId: 0, participantRole: ParticipantRole.CUSTOMER }, { channelId: 1, participantRole: ParticipantRole.AGENT }],
      }],
      mediaSampleRate: 8000,
    });
    const callers = new VoiceProfileDomain(this, 'Callers', { speakerConsentAcknowledged: true, description: 'Enrolled callers' });
    new VoiceAnalyticsTask(this, 'CallSentiment', {
      pipeline,
      analysis: VoiceAnalysis.voiceToneAnalysis({ languageCode: VoiceToneLanguage.EN_US }),
      // The task stays Initializing until audio flows: do not hold the deployment.
      waitForInProgress: false,
    });

    // A task on a pipeline created outside the stack (per call, by your own
    // code): its ID as a parameter, so synth needs no AWS account. Its
    // configuration must have a voice analytics processor with voice tone
    // analysis enabled.
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
    new VoiceAnalyticsTask(this, 'WhoIsCalling', {
      pipeline,
      analysis: VoiceAnalysis.speakerSearch({ voiceProfileDomain: callers }),
      waitForInProgress: false,
    });
  }
}
