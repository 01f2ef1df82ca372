/**
 * The two ways to get the same resources into a stack: cdk-live-media's
 * constructs, and AwsCustomResource calls written by hand the way a user
 * would (the same API calls on create, update and delete, the policy derived
 * from the SDK calls).
 */
import { App, Stack } from 'aws-cdk-lib';
import { CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { ImageDestination, KvsImageGeneration, KvsStream } from '../src';

export type Approach = 'cdk-live-media' | 'AwsCustomResource';

/** One kind of resource the benchmark multiplies: how each approach adds instance `i`. */
export interface Workload {
  readonly name: string;
  readonly ours: (scope: Construct, i: number) => void;
  readonly awsCustomResource: (scope: Construct, i: number) => void;
}

const kvsImageGeneration: Workload = {
  name: 'KvsImageGeneration',
  ours: (scope, i) => {
    const stream = new CfnStream(scope, `Stream${i}`, { dataRetentionInHours: 24 });
    new KvsImageGeneration(scope, `Images${i}`, {
      stream: KvsStream.fromCfnStream(stream),
      destination: ImageDestination.fromUri(`s3://images-bucket/camera-${i}/`),
      widthPixels: 1280,
    });
  },
  awsCustomResource: (scope, i) => {
    const stream = new CfnStream(scope, `Stream${i}`, { dataRetentionInHours: 24 });
    const configuration = {
      Status: 'ENABLED',
      ImageSelectorType: 'SERVER_TIMESTAMP',
      DestinationConfig: { Uri: `s3://images-bucket/camera-${i}/`, DestinationRegion: Stack.of(scope).region },
      SamplingInterval: 3000,
      Format: 'JPEG',
      WidthPixels: 1280,
    };
    const apply = {
      service: 'KinesisVideo',
      action: 'UpdateImageGenerationConfiguration',
      parameters: { StreamARN: stream.attrArn, ImageGenerationConfiguration: configuration },
      physicalResourceId: PhysicalResourceId.of(`images-${i}`),
    };
    new AwsCustomResource(scope, `Images${i}`, {
      onCreate: apply,
      onUpdate: apply,
      onDelete: { service: 'KinesisVideo', action: 'UpdateImageGenerationConfiguration', parameters: { StreamARN: stream.attrArn } },
      policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: [stream.attrArn] }),
      installLatestAwsSdk: false,
    });
  },
};

/** Every workload the benchmark runs; the other constructs join as they land. */
export const WORKLOADS: Workload[] = [kvsImageGeneration];

/** A stack holding `n` instances of every workload, the `approach` way. */
export function buildStack(approach: Approach, n: number, app = new App()): { app: App; stack: Stack } {
  const stack = new Stack(app, 'Bench', { env: { account: '123456789012', region: 'us-east-1' } });
  for (const workload of WORKLOADS) {
    const scope = new Construct(stack, workload.name);
    const add = approach === 'cdk-live-media' ? workload.ours : workload.awsCustomResource;
    for (let i = 0; i < n; i++) add(scope, i);
  }
  return { app, stack };
}
