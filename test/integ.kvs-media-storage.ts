/**
 * Integ test of KvsMediaStorageConfiguration: a SINGLE_MASTER signaling
 * channel, a stream with retention, and the media storage configuration
 * (WebRTC ingestion); the assertion reads the configuration back from
 * Kinesis Video Streams. A WebRTC master's role is granted what joining the
 * storage session needs. Not deployable in the China Regions.
 *
 *   npx projen integ integ.kvs-media-storage.ts            # verify the snapshot offline
 *   npx projen integ:deploy integ.kvs-media-storage.ts     # deploy, assert, destroy (README)
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Stack } from 'aws-cdk-lib';
import { AccountRootPrincipal, Role } from 'aws-cdk-lib/aws-iam';
import { CfnSignalingChannel, CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import { KvsMediaStorageConfiguration, KvsSignalingChannel, KvsStream } from '../src';

const app = new App();
const stack = new Stack(app, 'CdkLiveMediaIntegKvsMediaStorage');

const channel = new CfnSignalingChannel(stack, 'Channel', { type: 'SINGLE_MASTER' });
const stream = new CfnStream(stack, 'Stream', { dataRetentionInHours: 1 });

const storage = new KvsMediaStorageConfiguration(stack, 'MediaStorage', {
  channel: KvsSignalingChannel.fromCfnSignalingChannel(channel),
  stream: KvsStream.fromCfnStream(stream),
  acceptPeerToPeerEnd: true,
});
// The role a WebRTC master (camera, browser) would connect and join the storage session with.
storage.grantMasterIngestion(new Role(stack, 'Master', { assumedBy: new AccountRootPrincipal() }));

const integ = new IntegTest(app, 'KvsMediaStorage', { testCases: [stack] });

// What the service reports is what the construct set.
integ.assertions
  .awsApiCall('KinesisVideo', 'DescribeMediaStorageConfiguration', { ChannelARN: channel.attrArn })
  .expect(ExpectedResult.objectLike({ MediaStorageConfiguration: { Status: 'ENABLED', StreamARN: stream.attrArn } }));
