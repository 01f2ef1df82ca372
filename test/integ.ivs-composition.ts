/**
 * Integ test of IvsComposition: a stage, an encoder configuration, a storage
 * configuration on a bucket and a channel, composed and sent to both; the
 * assertion reads the composition back from IVS while it runs.
 *
 *   npx projen integ integ.ivs-composition.ts            # verify the snapshot offline
 *   npx projen integ:deploy integ.ivs-composition.ts     # deploy, assert, destroy (README)
 *
 * A composition on a stage without participants stops after about a minute,
 * so the assertion lives in the same stack and runs as soon as the
 * composition is ACTIVE, instead of in a separate assertion stack deployed later.
 */
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, CfnResource, Duration, Stack } from 'aws-cdk-lib';
import { CfnChannel, CfnEncoderConfiguration, CfnStage, CfnStorageConfiguration } from 'aws-cdk-lib/aws-ivs';
import {
  CompositionLayout, IvsChannel, IvsComposition, IvsEncoderConfiguration, IvsStage, IvsStorageConfiguration, ThumbnailStorage,
} from '../src';
import { integBucket } from './helpers/integ';

const app = new App();
const stack = new Stack(app, 'CdkLiveMediaIntegIvsComposition');

const stage = new CfnStage(stack, 'Stage', { name: 'cdk-live-media-integ' });
const encoder = new CfnEncoderConfiguration(stack, 'Encoder', {
  name: 'cdk-live-media-integ-720p',
  video: { width: 1280, height: 720, framerate: 30, bitrate: 2_500_000 },
});
const recordings = integBucket(stack, 'Recordings');
const storage = new CfnStorageConfiguration(stack, 'Storage', { s3: { bucketName: recordings.bucketName } });
// IVS adds its own statement to the bucket policy: let CloudFormation's policy exist first.
storage.node.addDependency(recordings.policy!);
const channel = new CfnChannel(stack, 'Channel', { name: 'cdk-live-media-integ', latencyMode: 'LOW', type: 'STANDARD' });

const composition = new IvsComposition(stack, 'Composition', {
  stage: IvsStage.fromCfnStage(stage),
  layout: CompositionLayout.grid({ gridGap: 4 }),
  channel: {
    channel: IvsChannel.fromCfnChannel(channel),
    encoderConfiguration: IvsEncoderConfiguration.fromCfnEncoderConfiguration(encoder),
    name: 'live',
  },
  s3: {
    storageConfiguration: IvsStorageConfiguration.fromCfnStorageConfiguration(storage),
    encoderConfiguration: IvsEncoderConfiguration.fromCfnEncoderConfiguration(encoder),
    thumbnails: { interval: Duration.seconds(10), storage: [ThumbnailStorage.LATEST] },
    name: 'recording',
  },
  startTimeout: Duration.minutes(1),
});

const integ = new IntegTest(app, 'IvsComposition', { testCases: [stack], assertionStack: stack });

// The composition runs, with our two destinations.
const described = integ.assertions
  .awsApiCall('@aws-sdk/client-ivs-realtime', 'GetComposition', { arn: composition.compositionArn })
  .expect(ExpectedResult.objectLike({
    composition: {
      arn: composition.compositionArn,
      state: 'ACTIVE',
      stageArn: stage.attrArn,
      destinations: Match.arrayWith([
        Match.objectLike({ id: composition.channelDestinationId, configuration: Match.objectLike({ name: 'live' }) }),
        Match.objectLike({ id: composition.s3DestinationId, configuration: Match.objectLike({ name: 'recording' }) }),
      ]),
    },
  }));
described.node.addDependency(composition);

// integ-runner ignores the assertions' random salt only in assertion stacks;
// these assertions live in the test stack, so their salt is fixed to keep the
// snapshot stable. Each integ run creates the stack afresh, so they still run.
for (const resource of stack.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c))) {
  if (resource.cfnResourceType.startsWith('Custom::DeployAssert')) resource.addPropertyOverride('salt', 'integ');
}
