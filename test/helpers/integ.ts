/**
 * Building blocks shared by the integ tests (test/integ.<construct>.ts).
 * Every integ test is a deployable app: what it creates must also go away
 * when integ-runner destroys the stack after the assertions.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, BucketProps, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/**
 * A bucket for a test's output (images, recordings): private, encrypted,
 * TLS only, and emptied and deleted with the stack. `props` override these.
 */
export function integBucket(scope: Construct, id: string, props: BucketProps = {}): Bucket {
  return new Bucket(scope, id, {
    encryption: BucketEncryption.S3_MANAGED,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    removalPolicy: RemovalPolicy.DESTROY,
    autoDeleteObjects: true,
    ...props,
  });
}
