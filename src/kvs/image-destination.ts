import type { IGrantable, Grant } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { grantImagePut } from './image-delivery';

/** Options for images delivered to an S3 bucket. */
export interface BucketImageDestinationOptions {
  /**
   * The key prefix of the images in the bucket, e.g. `images/camera-1/`.
   * Kinesis Video Streams adds its own date-based path below it.
   *
   * @default - the images are written at the bucket's root
   */
  readonly keyPrefix?: string;
}

/** Where Kinesis Video Streams delivers the images it generates. */
export abstract class ImageDestination {
  /** An S3 bucket, with an optional key prefix: `s3://<bucket>/<prefix>`. */
  public static fromBucket(bucket: IBucket, options: BucketImageDestinationOptions = {}): ImageDestination {
    return new BucketDestination(bucket, options.keyPrefix ?? '');
  }

  /** A destination URI as the API takes it, e.g. `s3://my-bucket/images`; only `s3://` URIs are accepted. */
  public static fromUri(uri: string): ImageDestination {
    return new UriDestination(uri);
  }

  /** The destination URI sent to the API. */
  public abstract readonly uri: string;

  /** The bucket, for a destination made with `fromBucket`. */
  public abstract readonly bucket?: IBucket;

  /** The key prefix, for a destination made with `fromBucket`. */
  public abstract readonly keyPrefix?: string;

  /**
   * Lets `grantee` (the producer that calls PutMedia) write images to the
   * destination: `s3:PutObject` on `<bucket>/<prefix>*`, plus
   * `kms:GenerateDataKey` on the bucket's KMS key if it has one. Only
   * possible for a destination made with `fromBucket`.
   */
  public abstract grantWrite(grantee: IGrantable): Grant;
}

class BucketDestination extends ImageDestination {
  public readonly uri: string;
  constructor(public readonly bucket: IBucket, public readonly keyPrefix: string) {
    super();
    this.uri = `s3://${bucket.bucketName}/${keyPrefix}`;
  }

  public grantWrite(grantee: IGrantable): Grant {
    return grantImagePut(grantee, this.bucket, this.keyPrefix);
  }
}

class UriDestination extends ImageDestination {
  public readonly bucket?: IBucket = undefined;
  public readonly keyPrefix?: string = undefined;
  constructor(public readonly uri: string) {
    super();
  }

  public grantWrite(_grantee: IGrantable): Grant {
    throw new Error(`ImageDestination.grantWrite: the destination ${this.uri} was given as a URI; use ImageDestination.fromBucket to grant access to it`);
  }
}
