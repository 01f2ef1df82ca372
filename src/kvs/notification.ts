import { Stack, Token } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Grant, IGrantable } from 'aws-cdk-lib/aws-iam';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { KVS_MODEL } from './model.generated';
import { KVS_NOTIFICATION_RESOURCE_TYPE } from './notification.contract';
import type { KvsNotificationProperties, NotificationConfigurationContract } from './notification.contract';
import type { KvsStream } from './stream';
import { incomingFragmentsMetric } from './stream-metrics';
import { validateStreamReference } from './stream-reference';
import { typeWildcardArn } from '../core/arns';
import { KindPolicy } from '../core/grants';
import { kindResource } from '../core/kind-resource';
import { PropValidator } from '../core/validation';

/** Properties of a `KvsNotificationConfiguration`. */
export interface KvsNotificationConfigurationProps {
  /**
   * The stream whose tagged fragments are notified. Its data retention must
   * be above 0 hours: a `CfnStream` without `dataRetentionInHours` is
   * rejected at synth.
   */
  readonly stream: KvsStream;

  /**
   * The SNS topic Kinesis Video Streams publishes to. A standard topic in
   * the stream's Region: FIFO topics are not supported by Kinesis Video Streams.
   */
  readonly topic: ITopic;

  /**
   * Whether notifications are sent. A disabled configuration stays on the
   * stream and sends nothing.
   *
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * Whether a notification configuration already on the stream that this
   * resource did not write may be replaced. Without it, the deploy fails and
   * the existing configuration is left unchanged. With it, deleting this
   * resource later removes the configuration from the stream.
   *
   * @default false
   */
  readonly overwriteExisting?: boolean;
}

const DESTINATION = 'com.amazonaws.kinesisvideo#NotificationDestinationConfig';
const UPDATE_INPUT = 'com.amazonaws.kinesisvideo#UpdateNotificationConfigurationInput';

/**
 * The notification configuration of a Kinesis Video stream: when a producer
 * tags a fragment for notification (the MKV tag
 * `AWS_KINESISVIDEO_NOTIFICATION`), Kinesis Video Streams publishes a message
 * about it to an SNS topic, with the producer's credentials (see
 * `grantNotificationDelivery`).
 *
 * Create and update call UpdateNotificationConfiguration and confirm with
 * DescribeNotificationConfiguration; delete removes the configuration from
 * the stream. Moving to another stream replaces the resource.
 */
export class KvsNotificationConfiguration extends Construct {
  /** The name of the stream the configuration is on. */
  public readonly streamName: string;

  /** The status applied: `ENABLED` or `DISABLED`. */
  public readonly status: string;

  /** The topic ARN applied. */
  public readonly destinationUri: string;

  /** The topic notified. */
  public readonly topic: ITopic;

  /** The stream, as the template names it: to find two configurations of one stream. */
  private readonly streamKey: string;

  /**
   * @param scope the construct to add it to, in the stack whose shared handler it uses
   * @param id the construct's ID, unique within `scope`
   * @param props its properties, validated at synth
   */
  constructor(scope: Construct, id: string, props: KvsNotificationConfigurationProps) {
    super(scope, id);
    this.streamKey = JSON.stringify(Stack.of(this).resolve(props.stream.streamArn ?? props.stream.streamName));
    const configuration = this.validate(props);
    this.topic = props.topic;

    const properties: KvsNotificationProperties = {
      StreamARN: props.stream.streamArn,
      StreamName: props.stream.streamArn ? undefined : props.stream.streamName,
      NotificationConfiguration: configuration,
      OverwriteExisting: props.overwriteExisting === true ? true : undefined,
    };

    // The delete path must reach a stream that a previous template named
    // (removed, or moved to another stream), so both actions are granted on
    // the streams of the account and Region (stream/<name>/<creation time>).
    // The kind's own policy, which its custom resources depend on, so that
    // removing the last one keeps the grant until its Delete has run.
    const anyStream = typeWildcardArn(this, 'kinesisvideo', 'stream', '*/*');
    const policy = KindPolicy.of(this, 'KvsNotificationConfiguration');
    policy.grantOnType(['kinesisvideo:UpdateNotificationConfiguration', 'kinesisvideo:DescribeNotificationConfiguration'], anyStream);

    const resource = kindResource(this, 'Resource', {
      policy, resourceType: KVS_NOTIFICATION_RESOURCE_TYPE, properties, dependsOn: [props.stream.cfnStream],
    });

    this.streamName = resource.getAttString('StreamName');
    this.status = resource.getAttString('Status');
    this.destinationUri = resource.getAttString('DestinationUri');
  }

  /**
   * The fragments Kinesis Video Streams received on the stream
   * (`PutMedia.IncomingFragments`, namespace `AWS/KinesisVideo`): only
   * fragments with the notification tags make a notification.
   *
   * @param props the metric's options
   * @default - Sum over 5 minutes
   */
  public metricIncomingFragments(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return incomingFragmentsMetric(this.streamName, props);
  }

  /**
   * The notifications published to the topic (`NumberOfMessagesPublished`
   * of `AWS/SNS`, dimension `TopicName`), by Kinesis Video Streams and any
   * other publisher of the topic.
   *
   * @param props the metric's options
   * @default - Sum over 5 minutes
   */
  public metricNotificationsPublished(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.topic.metricNumberOfMessagesPublished(props);
  }

  /**
   * The notifications SNS failed to deliver to the topic's subscribers
   * (`NumberOfNotificationsFailed` of `AWS/SNS`, dimension `TopicName`).
   *
   * @param props the metric's options
   * @default - Sum over 5 minutes
   */
  public metricNotificationsFailed(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.topic.metricNumberOfNotificationsFailed(props);
  }

  /**
   * Lets `grantee` (the producer that calls PutMedia) publish to the topic:
   * Kinesis Video Streams publishes the notifications with the producer's
   * credentials. Grants `sns:Publish` on the topic, and the KMS actions of
   * publishing to it when the topic has a master key.
   */
  public grantNotificationDelivery(grantee: IGrantable): Grant {
    return this.topic.grantPublish(grantee);
  }

  private validate(props: KvsNotificationConfigurationProps): NotificationConfigurationContract {
    const v = new PropValidator(this, 'KvsNotificationConfiguration');
    const { stream, topic } = props;
    const stack = Stack.of(this);

    validateStreamReference(v, stream, UPDATE_INPUT, "notifications are configured from the stream's account and Region");
    const retention = stream.cfnStream?.dataRetentionInHours;
    if (stream.cfnStream && !Token.isUnresolved(retention) && !(typeof retention === 'number' && retention > 0)) {
      v.fail('stream', 'notifications need data retention: set dataRetentionInHours above 0 on the CfnStream');
    }
    // A stream has one notification configuration: a second one would overwrite the first on every deploy.
    const other = stack.node.findAll().find((c) => c !== this && c instanceof KvsNotificationConfiguration && c.streamKey === this.streamKey);
    if (other) {
      v.fail('stream', `the stream already has a KvsNotificationConfiguration at '${other.node.path}'; a stream has one notification configuration`);
    }

    const topicArn = topic.topicArn;
    if (topic.fifo || (!Token.isUnresolved(topicArn) && topicArn.endsWith('.fifo'))) {
      v.fail('topic', `${Token.isUnresolved(topicArn) ? 'the topic' : JSON.stringify(topicArn)} is a FIFO topic; Kinesis Video Streams supports standard topics only`);
    }
    v.string('topic', topicArn, KVS_MODEL.member(DESTINATION, 'Uri'), 'an SNS topic ARN');
    const topicRegion = topic.env.region;
    if (!Token.isUnresolved(topicRegion) && !Token.isUnresolved(stack.region) && topicRegion !== stack.region) {
      v.fail('topic', `the topic is in Region ${topicRegion} but the stream and the stack are in ${stack.region}; use a topic in ${stack.region}`);
    }

    v.throwIfInvalid();
    return { Status: props.enabled === false ? 'DISABLED' : 'ENABLED', DestinationConfig: { Uri: topicArn } };
  }
}
