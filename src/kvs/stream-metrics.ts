/**
 * What Kinesis Video Streams publishes about a stream (namespace
 * `AWS/KinesisVideo`, dimension `StreamName`): images and notifications
 * need fragments coming in, which `PutMedia.IncomingFragments` counts.
 * https://docs.aws.amazon.com/kinesisvideostreams/latest/dg/monitoring-cloudwatch.html
 * KVS publishes no metric of image generation or of notification delivery:
 * images are seen in S3 (`onImageDelivered`), notifications in the SNS topic's
 * own metrics (https://docs.aws.amazon.com/sns/latest/dg/sns-monitoring-using-cloudwatch.html).
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

export function incomingFragmentsMetric(streamName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: 'AWS/KinesisVideo',
    metricName: 'PutMedia.IncomingFragments',
    dimensionsMap: { StreamName: streamName },
    statistic: 'Sum',
    period: Duration.minutes(5),
    ...props,
  });
}
