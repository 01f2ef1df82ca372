import { Duration, Stack, Token } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Rule } from 'aws-cdk-lib/aws-events';
import type { Grant, IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { ImageDeliveredOptions } from './image-delivered-options';
import { imageDeliveredRule } from './image-delivery';
import type { ImageDestination } from './image-destination';
import { ImageFormat, ImageSelectorType } from './image-generation-props';
import type { KvsImageGenerationProps } from './image-generation-props';
import type { ImageGenerationConfigurationContract, KvsImageGenerationProperties } from './image-generation.contract';
import { KVS_IMAGE_GENERATION_RESOURCE_TYPE } from './image-generation.contract';
import { KVS_MODEL } from './model.generated';
import { claimStream, streamClaimedBy } from './stream-claims';
import { incomingFragmentsMetric } from './stream-metrics';
import { validateStreamReference } from './stream-reference';
import { streamPolicyResource } from './stream-resource';
import { KindPolicy } from '../core/grants';
import { kindResource } from '../core/kind-resource';
import { PropValidator } from '../core/validation';

const CONFIG = 'com.amazonaws.kinesisvideo#ImageGenerationConfiguration';
const DESTINATION = 'com.amazonaws.kinesisvideo#ImageGenerationDestinationConfig';
const UPDATE_INPUT = 'com.amazonaws.kinesisvideo#UpdateImageGenerationConfigurationInput';
/** The documented minimum; the model itself has no range for SamplingInterval. */
const MIN_SAMPLING_INTERVAL_MS = 200;
const MAX_INT32 = 2_147_483_647;

/**
 * The image generation configuration of a Kinesis Video stream: images
 * sampled from the stream and delivered to S3.
 *
 * Create and update call UpdateImageGenerationConfiguration and confirm with
 * DescribeImageGenerationConfiguration (a failure after the write undoes it);
 * delete removes the configuration from the stream. Moving to another stream
 * replaces the resource. A stream that already has a configuration this
 * resource did not write is not taken over unless `overwriteExisting` is set.
 */
export class KvsImageGeneration extends Construct {
  /** The name of the stream the configuration is on. */
  public readonly streamName: string;

  /** The status applied: `ENABLED` or `DISABLED`. */
  public readonly status: string;

  /** The destination URI applied. */
  public readonly destinationUri: string;

  /** The image format applied. */
  public readonly imageFormat: string;

  /** The sampling interval applied, in milliseconds. */
  public readonly samplingIntervalMillis: string;

  /**
   * `RUNNING`, or `ENDED` once an update found the stream deleted: the
   * resource then stands for a configuration that is gone with its stream,
   * and a later update or delete does nothing.
   */
  public readonly state: string;

  private readonly destination: ImageDestination;

  /**
   * @param scope the construct to add it to, in the stack whose shared handler it uses
   * @param id the construct's ID, unique within `scope`
   * @param props its properties, validated at synth
   */
  constructor(scope: Construct, id: string, props: KvsImageGenerationProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const configuration = this.validate(props, stack);
    this.destination = props.destination;

    const properties: KvsImageGenerationProperties = {
      StreamARN: props.stream.streamArn,
      StreamName: props.stream.streamArn ? undefined : props.stream.streamName,
      ImageGenerationConfiguration: configuration,
      // Only when set, so that templates without it are unchanged.
      OverwriteExisting: props.overwriteExisting ? true : undefined,
    };

    // Create, update and delete make the same two calls. On every stream of
    // the account and Region: the delete of a configuration a previous
    // template put on another stream runs under this template's policy.
    const policy = KindPolicy.of(this, 'KvsImageGeneration');
    policy.grantOnType(
      ['kinesisvideo:UpdateImageGenerationConfiguration', 'kinesisvideo:DescribeImageGenerationConfiguration'],
      streamPolicyResource(this, props.stream).typeWildcard,
    );

    const resource = kindResource(this, 'Resource', {
      policy, resourceType: KVS_IMAGE_GENERATION_RESOURCE_TYPE, properties, dependsOn: [props.stream.cfnStream],
    });

    this.streamName = resource.getAttString('StreamName');
    this.status = resource.getAttString('Status');
    this.destinationUri = resource.getAttString('DestinationUri');
    this.imageFormat = resource.getAttString('Format');
    this.samplingIntervalMillis = resource.getAttString('SamplingInterval');
    this.state = resource.getAttString('State');
  }

  /**
   * Lets `grantee` (the producer that calls PutMedia) write images to the
   * destination bucket. The Kinesis Video Streams documentation ties image
   * delivery to the producer's permissions; only for `ImageDestination.fromBucket`.
   * Grants `s3:PutObject` on `<bucket>/<prefix>*` and, for a bucket with a
   * KMS key, `kms:GenerateDataKey` on the key; nothing else.
   */
  public grantImageDelivery(grantee: IGrantable): Grant {
    return this.destination.grantWrite(grantee);
  }

  /**
   * The fragments Kinesis Video Streams received on the stream
   * (`PutMedia.IncomingFragments`, namespace `AWS/KinesisVideo`): no fragments,
   * no images. KVS publishes no metric of image generation itself: watch
   * the images arrive with `onImageDelivered`.
   *
   * @param props the metric's options
   * @default - Sum over 5 minutes
   */
  public metricIncomingFragments(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return incomingFragmentsMetric(this.streamName, props);
  }

  /**
   * A rule that routes the S3 `Object Created` events of the images
   * delivered (the destination bucket, under its key prefix) to `options.target`.
   * Uses S3's EventBridge notifications: enabled here for a bucket created in
   * the app; the owner of an imported bucket must enable them. Only for
   * `ImageDestination.fromBucket`.
   *
   * @param id the rule's ID, unique within this construct
   */
  public onImageDelivered(id: string, options: ImageDeliveredOptions = {}): Rule {
    const bucket = this.destination.bucket;
    if (!bucket) {
      throw new Error(`KvsImageGeneration at '${this.node.path}': onImageDelivered needs a destination made with ImageDestination.fromBucket, got ${this.destination.uri}`);
    }
    return imageDeliveredRule(this, id, bucket, this.destination.keyPrefix ?? '', options);
  }

  private validate(props: KvsImageGenerationProps, stack: Stack): ImageGenerationConfigurationContract {
    const v = new PropValidator(this, 'KvsImageGeneration');
    const { stream, destination } = props;

    validateStreamReference(v, stream, UPDATE_INPUT, "image generation is configured from the stream's account and Region");
    const claimedBy = streamClaimedBy(this, stream);
    if (claimedBy) {
      v.fail('stream', `the stream already has a KvsImageGeneration in this app, at '${claimedBy}': a stream has one image ` +
        'generation configuration, so the two would overwrite each other (and the first Delete would remove both)');
    }
    const retention = stream.cfnStream?.dataRetentionInHours;
    if (stream.cfnStream && !Token.isUnresolved(retention) && !(typeof retention === 'number' && retention > 0)) {
      v.fail('stream', 'image generation needs data retention: set dataRetentionInHours above 0 on the CfnStream');
    }

    if (destination.keyPrefix && !Token.isUnresolved(destination.keyPrefix) && destination.keyPrefix.includes('*')) {
      v.fail('destination', `the key prefix ${JSON.stringify(destination.keyPrefix)} must not contain '*'`);
    }
    v.string('destination', destination.uri, KVS_MODEL.member(DESTINATION, 'Uri'), 'e.g. s3://bucket/prefix');
    const scheme = Token.isUnresolved(destination.uri) ? undefined : /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(destination.uri)?.[1];
    if (scheme !== undefined && scheme !== 's3') {
      v.fail('destination', `must be an s3:// URI (Kinesis Video Streams delivers images to S3 only), got ${JSON.stringify(destination.uri)}`);
    }
    const bucketRegion = destination.bucket?.env.region;
    if (bucketRegion !== undefined && !Token.isUnresolved(bucketRegion) && !Token.isUnresolved(stack.region) && bucketRegion !== stack.region) {
      v.fail('destination', `the bucket is in Region ${bucketRegion} but the stack is in ${stack.region}: ` +
        'images are delivered in the stream\'s Region (DestinationRegion), which is the stack\'s');
    }

    const samplingMs = v.duration('samplingInterval', props.samplingInterval ?? Duration.seconds(3), 'millis');
    v.integer('samplingInterval', samplingMs, { min: MIN_SAMPLING_INTERVAL_MS, max: MAX_INT32 }, 'ms');

    const format = props.format ?? ImageFormat.JPEG;
    v.oneOf('format', format, KVS_MODEL.enumValues('com.amazonaws.kinesisvideo#Format'));
    if (props.jpegQuality !== undefined && format !== ImageFormat.JPEG) {
      v.fail('jpegQuality', `only applies to ImageFormat.JPEG, but format is ${format}`);
    }
    v.integer('jpegQuality', props.jpegQuality, { min: 1, max: 100 });
    v.integer('widthPixels', props.widthPixels, KVS_MODEL.member(CONFIG, 'WidthPixels'));
    v.integer('heightPixels', props.heightPixels, KVS_MODEL.member(CONFIG, 'HeightPixels'));

    const selector = props.imageSelectorType ?? ImageSelectorType.SERVER_TIMESTAMP;
    v.oneOf('imageSelectorType', selector, KVS_MODEL.enumValues('com.amazonaws.kinesisvideo#ImageSelectorType'));
    v.throwIfInvalid();
    claimStream(this, stream);

    return {
      Status: props.enabled === false ? 'DISABLED' : 'ENABLED',
      ImageSelectorType: selector,
      DestinationConfig: { Uri: destination.uri, DestinationRegion: stack.region },
      SamplingInterval: samplingMs!,
      Format: format,
      FormatConfig: props.jpegQuality === undefined ? undefined : { JPEGQuality: numberAsString(props.jpegQuality) },
      WidthPixels: props.widthPixels,
      HeightPixels: props.heightPixels,
    };
  }
}

/** The API takes JPEGQuality as a string; a number token must stay a token. */
function numberAsString(n: number): string {
  return Token.isUnresolved(n) ? Token.asString(n) : String(n);
}
