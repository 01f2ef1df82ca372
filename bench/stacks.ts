/**
 * The two ways to get the same resources into a stack: cdk-live-media's
 * constructs, and AwsCustomResource calls written by hand the way a user
 * would (the same API calls on create, update and delete, the policy derived
 * from the SDK calls). Every instance works on existing resources named by
 * ARN, so that the stacks hold only what each approach adds.
 */
import { App, Stack } from 'aws-cdk-lib';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId, PhysicalResourceIdReference } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import {
  ImageDestination, IvsChannel, IvsComposition, IvsEncoderConfiguration, IvsStage, IvsStorageConfiguration,
  KvsImageGeneration, KvsStream, MediaInsightsPipeline, VoiceAnalysis, VoiceAnalyticsTask,
} from '../src';

export type Approach = 'cdk-live-media' | 'AwsCustomResource';

/** One kind of resource the benchmark multiplies: how each approach adds instance `i`. */
export interface Workload {
  readonly name: string;
  readonly ours: (scope: Construct, i: number) => void;
  readonly awsCustomResource: (scope: Construct, i: number) => void;
}

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
const streamArn = (i: number) => arn('kinesisvideo', `stream/camera-${i}/1700000000000`);
const stageArn = (i: number) => arn('ivs', `stage/Stage${i}`);
const channelArn = (i: number) => arn('ivs', `channel/Channel${i}`);
const storageArn = (i: number) => arn('ivs', `storage-configuration/Storage${i}`);
const ENCODER_ARN = arn('ivs', 'encoder-configuration/Hd720');
const pipelineId = (i: number) => `0f0e0d0c-0b0a-4909-8807-${String(i).padStart(12, '0')}`;

const kvsImageGeneration: Workload = {
  name: 'KvsImageGeneration',
  ours: (scope, i) => new KvsImageGeneration(scope, `Images${i}`, {
    stream: KvsStream.fromStreamArn(streamArn(i)),
    destination: ImageDestination.fromUri(`s3://images-bucket/camera-${i}/`),
    widthPixels: 1280,
  }),
  awsCustomResource: (scope, i) => {
    const apply = {
      service: 'KinesisVideo',
      action: 'UpdateImageGenerationConfiguration',
      parameters: {
        StreamARN: streamArn(i),
        ImageGenerationConfiguration: {
          Status: 'ENABLED',
          ImageSelectorType: 'SERVER_TIMESTAMP',
          DestinationConfig: { Uri: `s3://images-bucket/camera-${i}/`, DestinationRegion: REGION },
          SamplingInterval: 3000,
          Format: 'JPEG',
          WidthPixels: 1280,
        },
      },
      physicalResourceId: PhysicalResourceId.of(`camera-${i}`),
    };
    new AwsCustomResource(scope, `Images${i}`, {
      onCreate: apply,
      onUpdate: apply,
      onDelete: { service: 'KinesisVideo', action: 'UpdateImageGenerationConfiguration', parameters: { StreamARN: streamArn(i) } },
      policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: [streamArn(i)] }),
      installLatestAwsSdk: false,
    });
  },
};

const ivsComposition: Workload = {
  name: 'IvsComposition',
  ours: (scope, i) => new IvsComposition(scope, `Composition${i}`, {
    stage: IvsStage.fromStageArn(stageArn(i)),
    channel: {
      channel: IvsChannel.fromChannelArn(channelArn(i)),
      encoderConfiguration: IvsEncoderConfiguration.fromEncoderConfigurationArn(ENCODER_ARN),
    },
    s3: {
      storageConfiguration: IvsStorageConfiguration.fromStorageConfigurationArn(storageArn(i)),
      encoderConfiguration: IvsEncoderConfiguration.fromEncoderConfigurationArn(ENCODER_ARN),
    },
  }),
  awsCustomResource: (scope, i) => {
    // A composition cannot be changed: create and update both start one, and
    // CloudFormation deletes (stops) the old one after an update.
    const start = {
      service: 'IVSRealTime',
      action: 'StartComposition',
      parameters: {
        stageArn: stageArn(i),
        layout: { grid: {} },
        destinations: [
          { channel: { channelArn: channelArn(i), encoderConfigurationArn: ENCODER_ARN } },
          { s3: { storageConfigurationArn: storageArn(i), encoderConfigurationArns: [ENCODER_ARN] } },
        ],
      },
      physicalResourceId: PhysicalResourceId.fromResponse('composition.arn'),
    };
    new AwsCustomResource(scope, `Composition${i}`, {
      onCreate: start,
      onUpdate: start,
      onDelete: { service: 'IVSRealTime', action: 'StopComposition', parameters: { arn: new PhysicalResourceIdReference() } },
      policy: AwsCustomResourcePolicy.fromSdkCalls({
        resources: [stageArn(i), channelArn(i), storageArn(i), ENCODER_ARN, arn('ivs', 'composition/*')],
      }),
      installLatestAwsSdk: false,
    });
  },
};

const voiceAnalyticsTask: Workload = {
  name: 'VoiceAnalyticsTask',
  ours: (scope, i) => new VoiceAnalyticsTask(scope, `Task${i}`, {
    mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineId(pipelineId(i)),
    analysis: VoiceAnalysis.voiceToneAnalysis(),
    source: KvsStream.fromStreamArn(streamArn(i)),
    waitForInProgress: false,
  }),
  awsCustomResource: (scope, i) => {
    const start = {
      service: 'ChimeSDKMediaPipelines',
      action: 'StartVoiceToneAnalysisTask',
      parameters: {
        Identifier: pipelineId(i),
        LanguageCode: 'en-US',
        KinesisVideoStreamSourceTaskConfiguration: { StreamArn: streamArn(i), ChannelId: 0 },
      },
      physicalResourceId: PhysicalResourceId.fromResponse('VoiceToneAnalysisTask.VoiceToneAnalysisTaskId'),
    };
    new AwsCustomResource(scope, `Task${i}`, {
      onCreate: start,
      onUpdate: start,
      onDelete: {
        service: 'ChimeSDKMediaPipelines',
        action: 'StopVoiceToneAnalysisTask',
        parameters: { Identifier: pipelineId(i), VoiceToneAnalysisTaskId: new PhysicalResourceIdReference() },
      },
      policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: [arn('chime', `media-pipeline/${pipelineId(i)}`)] }),
      installLatestAwsSdk: false,
    });
  },
};

/** Every workload the benchmark runs. */
export const WORKLOADS: Workload[] = [kvsImageGeneration, ivsComposition, voiceAnalyticsTask];

/** A stack holding `n` instances of every workload, the `approach` way. */
export function buildStack(approach: Approach, n: number, app = new App()): { app: App; stack: Stack } {
  const stack = new Stack(app, 'Bench', { env: { account: ACCOUNT, region: REGION } });
  for (const workload of WORKLOADS) {
    const scope = new Construct(stack, workload.name);
    const add = approach === 'cdk-live-media' ? workload.ours : workload.awsCustomResource;
    for (let i = 0; i < n; i++) add(scope, i);
  }
  return { app, stack };
}
