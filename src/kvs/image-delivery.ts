import { Token } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import { Grant } from 'aws-cdk-lib/aws-iam';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { ImageDeliveredOptions } from './image-delivered-options';

/**
 * The least an uploader needs to deliver images: `s3:PutObject` on
 * `<bucket>/<prefix>*`, and, for a bucket encrypted with a KMS key,
 * `kms:GenerateDataKey` on that key (what a single-part PutObject with
 * SSE-KMS needs; images are uploaded whole, not in parts).
 */
export function grantImagePut(grantee: IGrantable, bucket: IBucket, keyPrefix: string): Grant {
  const put = Grant.addToPrincipalOrResource({
    grantee,
    actions: ['s3:PutObject'],
    resourceArns: [bucket.arnForObjects(`${keyPrefix}*`)],
    resource: bucket,
  });
  return bucket.encryptionKey ? put.combine(bucket.encryptionKey.grant(grantee, 'kms:GenerateDataKey')) : put;
}

/**
 * A rule matching the S3 `Object Created` events of `bucket` under
 * `keyPrefix`, delivered to EventBridge. S3 sends those only from a bucket
 * with EventBridge notifications enabled: this enables them on a bucket
 * created in the app (`new Bucket`); the owner of an imported bucket must
 * enable them (S3 sends the events to the bucket owner's default bus).
 */
export function imageDeliveredRule(scope: Construct, id: string, bucket: IBucket, keyPrefix: string, options: ImageDeliveredOptions): events.Rule {
  if (bucket instanceof Bucket) bucket.enableEventBridgeNotification();
  const object = keyPrefix === '' ? undefined : { key: events.Match.prefix(keyPrefix) };
  const prefixText = Token.isUnresolved(keyPrefix) ? '<prefix>' : keyPrefix;
  return new events.Rule(scope, id, {
    description: options.description ?? (Token.isUnresolved(bucket.bucketName)
      ? `Images delivered by Kinesis Video Streams under the key prefix "${prefixText}"`
      : `Images delivered by Kinesis Video Streams to s3://${bucket.bucketName}/${prefixText}`),
    eventPattern: {
      source: ['aws.s3'],
      detailType: ['Object Created'],
      detail: { bucket: { name: [bucket.bucketName] }, ...(object ? { object } : {}) },
    },
    targets: options.target ? [options.target] : undefined,
  });
}
