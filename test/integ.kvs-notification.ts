/**
 * Integ test of KvsNotificationConfiguration: a stream with retention, a
 * standard SNS topic, and the notification configuration; the assertion
 * reads the configuration back from Kinesis Video Streams. A producer role
 * is granted what publishing needs (sns:Publish on the topic).
 *
 *   npx projen integ integ.kvs-notification.ts            # verify the snapshot offline
 *   npx projen integ:deploy integ.kvs-notification.ts     # deploy, assert, destroy (README)
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Stack } from 'aws-cdk-lib';
import { AccountRootPrincipal, Role } from 'aws-cdk-lib/aws-iam';
import { CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { KvsNotificationConfiguration, KvsStream } from '../src';

const app = new App();
const stack = new Stack(app, 'CdkLiveMediaIntegKvsNotification');

const stream = new CfnStream(stack, 'Stream', { dataRetentionInHours: 1 });
const topic = new Topic(stack, 'FragmentEvents', { enforceSSL: true });

const notification = new KvsNotificationConfiguration(stack, 'Notification', {
  stream: KvsStream.fromCfnStream(stream),
  topic,
});
// The role a producer would call PutMedia with: KVS publishes with its credentials.
notification.grantNotificationDelivery(new Role(stack, 'Producer', { assumedBy: new AccountRootPrincipal() }));

const integ = new IntegTest(app, 'KvsNotification', { testCases: [stack] });

// What the service reports is what the construct set.
integ.assertions
  .awsApiCall('KinesisVideo', 'DescribeNotificationConfiguration', { StreamARN: stream.attrArn })
  .expect(ExpectedResult.objectLike({
    NotificationConfiguration: { Status: 'ENABLED', DestinationConfig: { Uri: topic.topicArn } },
  }));
