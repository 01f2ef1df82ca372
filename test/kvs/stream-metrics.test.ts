/**
 * What KvsImageGeneration and KvsNotificationConfiguration expose to watch:
 * the stream's fragments (AWS/KinesisVideo, StreamName, as the KVS
 * CloudWatch page lists PutMedia.IncomingFragments) and the topic's SNS
 * metrics (AWS/SNS, TopicName), as CloudWatch names them.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnSignalingChannel, CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ImageDestination, KvsImageGeneration, KvsMediaStorageConfiguration, KvsNotificationConfiguration, KvsSignalingChannel, KvsStream } from '../../src';
import { TEST_ENV } from '../helpers/fixtures';

function build() {
  const stack = new Stack(new App(), 'TestStack', { env: TEST_ENV });
  const images = new KvsImageGeneration(stack, 'Images', { stream: KvsStream.fromStreamName('door'), destination: ImageDestination.fromUri('s3://b/p') });
  const topic = new sns.Topic(stack, 'Fragments');
  const notifications = new KvsNotificationConfiguration(stack, 'Notifications', { stream: KvsStream.fromStreamName('door'), topic });
  return { stack, images, notifications, topic };
}

test('metricIncomingFragments of both: PutMedia.IncomingFragments of the stream the construct applied to, Sum over 5 minutes', () => {
  const { stack, images, notifications } = build();
  for (const [construct, id] of [[images, 'Images'], [notifications, 'Notifications']] as const) {
    const metric = construct.metricIncomingFragments();
    expect([metric.namespace, metric.metricName, metric.statistic, metric.period.toSeconds()]).toEqual(['AWS/KinesisVideo', 'PutMedia.IncomingFragments', 'Sum', 300]);
    const dims = stack.resolve(metric.dimensions);
    expect(Object.keys(dims)).toEqual(['StreamName']);
    expect(dims.StreamName['Fn::GetAtt'][0]).toMatch(new RegExp(`^${id}`));
    expect(dims.StreamName['Fn::GetAtt'][1]).toBe('StreamName');
  }
});

test('the topic\'s delivery metrics: NumberOfMessagesPublished and NumberOfNotificationsFailed of AWS/SNS by TopicName', () => {
  const { stack, notifications, topic } = build();
  const topicName = stack.resolve(topic.topicName);
  const published = notifications.metricNotificationsPublished();
  const failed = notifications.metricNotificationsFailed();
  expect([published.namespace, published.metricName, stack.resolve(published.dimensions)]).toEqual(['AWS/SNS', 'NumberOfMessagesPublished', { TopicName: topicName }]);
  expect([failed.namespace, failed.metricName, stack.resolve(failed.dimensions)]).toEqual(['AWS/SNS', 'NumberOfNotificationsFailed', { TopicName: topicName }]);
  failed.createAlarm(stack, 'Undelivered', { threshold: 1, evaluationPeriods: 1 });
  Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/SNS', MetricName: 'NumberOfNotificationsFailed' });
});

test('metricIncomingFragments of KvsMediaStorageConfiguration: the fragments of the stream the media is stored in, named from the stream ARN the handler answers', () => {
  const stack = new Stack(new App(), 'TestStack', { env: TEST_ENV });
  const storage = new KvsMediaStorageConfiguration(stack, 'Storage', {
    channel: KvsSignalingChannel.fromCfnSignalingChannel(new CfnSignalingChannel(stack, 'Doorbell', { type: 'SINGLE_MASTER' })),
    stream: KvsStream.fromCfnStream(new CfnStream(stack, 'Recording', { dataRetentionInHours: 24 })),
    acceptPeerToPeerEnd: true,
  });
  const metric = storage.metricIncomingFragments({ period: Duration.minutes(1) });
  expect([metric.namespace, metric.metricName, metric.statistic, metric.period.toSeconds()]).toEqual(['AWS/KinesisVideo', 'PutMedia.IncomingFragments', 'Sum', 60]);
  expect(stack.resolve(metric.dimensions)).toEqual({
    StreamName: { 'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::GetAtt': [expect.stringMatching(/^Storage/), 'StreamArn'] }] }] },
  });
  // The name the dimension takes from an ARN the handler answers.
  expect('arn:aws:kinesisvideo:us-east-1:111111111111:stream/recording/1700000000000'.split('/')[1]).toBe('recording');
});
