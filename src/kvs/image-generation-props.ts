/**
 * The props of KvsImageGeneration and the API values they take.
 */
import type { Duration } from 'aws-cdk-lib';
import type { ImageDestination } from './image-destination';
import type { KvsStream } from './stream';

/** The image format Kinesis Video Streams generates. */
export enum ImageFormat {
  /** JPEG; its quality is set with `jpegQuality`. */
  JPEG = 'JPEG',
  /** PNG. */
  PNG = 'PNG',
}

/** Which timestamp selects the frames images are generated from. */
export enum ImageSelectorType {
  /** The timestamp at which the service received the fragment. */
  SERVER_TIMESTAMP = 'SERVER_TIMESTAMP',
  /** The timestamp the producer set on the fragment. */
  PRODUCER_TIMESTAMP = 'PRODUCER_TIMESTAMP',
}

/** Properties of a `KvsImageGeneration`. */
export interface KvsImageGenerationProps {
  /**
   * The stream to generate images from. Its data retention must be above 0
   * hours: a `CfnStream` without `dataRetentionInHours` is rejected at synth.
   * One KvsImageGeneration per stream in an app: a second one on the same
   * stream (same `CfnStream`, ARN, or name in the same account and Region) is
   * rejected at synth.
   */
  readonly stream: KvsStream;

  /**
   * Where the images are delivered: an S3 bucket in the stack's Region (a
   * bucket whose Region is known to differ, or a URI of another scheme than
   * `s3://`, is rejected at synth).
   */
  readonly destination: ImageDestination;

  /**
   * The time between two generated images. At least 200 milliseconds, in
   * whole milliseconds.
   *
   * @default Duration.seconds(3)
   */
  readonly samplingInterval?: Duration;

  /**
   * The image format.
   *
   * @default ImageFormat.JPEG
   */
  readonly format?: ImageFormat;

  /**
   * The JPEG quality, 1 to 100. Only for `ImageFormat.JPEG`.
   *
   * @default - the service's default, 80
   */
  readonly jpegQuality?: number;

  /**
   * The width of the images, 1 to 3840 pixels. Given alone, the height
   * follows the aspect ratio; given with `heightPixels`, the image is stretched.
   *
   * @default - the width of the source video (or from `heightPixels` and the aspect ratio)
   */
  readonly widthPixels?: number;

  /**
   * The height of the images, 1 to 2160 pixels. Given alone, the width
   * follows the aspect ratio; given with `widthPixels`, the image is stretched.
   *
   * @default - the height of the source video (or from `widthPixels` and the aspect ratio)
   */
  readonly heightPixels?: number;

  /**
   * Which timestamp selects the frames images are generated from.
   *
   * @default ImageSelectorType.SERVER_TIMESTAMP
   */
  readonly imageSelectorType?: ImageSelectorType;

  /**
   * Whether image generation is enabled. A disabled configuration stays on
   * the stream and generates nothing.
   *
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * Whether to take over an image generation configuration that the stream
   * already has and that this resource did not write. Without it, creating
   * the resource on such a stream fails (saying so), so that a configuration
   * someone else relies on is never replaced by mistake. With it, the
   * existing configuration is overwritten, and deleting the resource later
   * removes the configuration from the stream: the old one is not restored.
   *
   * @default false
   */
  readonly overwriteExisting?: boolean;
}
