import type { Duration } from 'aws-cdk-lib';
import type { IvsChannel, IvsEncoderConfiguration, IvsStorageConfiguration } from './resources';

/** Where thumbnails of a recording are written. */
export enum ThumbnailStorage {
  /** Every thumbnail, in `media/thumbnails/<width>x<height>/` (the service's default). */
  SEQUENTIAL = 'SEQUENTIAL',
  /** Only the latest, overwritten at each interval: `media/latest_thumbnail/<width>x<height>/thumb.jpg`. */
  LATEST = 'LATEST',
}

/** A composition broadcast to an IVS channel. */
export interface ChannelDestinationOptions {
  /** The channel; it must be offline when the composition starts. */
  readonly channel: IvsChannel;

  /**
   * The encoding of the broadcast.
   *
   * @default - the service's default encoding
   */
  readonly encoderConfiguration?: IvsEncoderConfiguration;

  /**
   * A name for the destination: up to 128 characters of `[a-zA-Z0-9-_]`.
   *
   * @default - no name
   */
  readonly name?: string;
}

/** Thumbnails of a recording. */
export interface ThumbnailOptions {
  /**
   * The time between two thumbnails: 1 second to 1 day, in whole seconds.
   *
   * @default Duration.seconds(60)
   */
  readonly interval?: Duration;

  /**
   * How thumbnails are stored: SEQUENTIAL, LATEST or both, each at most once.
   *
   * @default [ThumbnailStorage.SEQUENTIAL]
   */
  readonly storage?: ThumbnailStorage[];
}

/** A composition recorded to S3 (HLS). */
export interface S3DestinationOptions {
  /** The storage configuration, which names the bucket (in the stage's Region). */
  readonly storageConfiguration: IvsStorageConfiguration;

  /** The encoding of the recording (exactly one). */
  readonly encoderConfiguration: IvsEncoderConfiguration;

  /**
   * The target duration of the HLS segments: 2 to 10 seconds, in whole seconds.
   *
   * @default Duration.seconds(2)
   */
  readonly hlsTargetSegmentDuration?: Duration;

  /**
   * Thumbnails of the recording.
   *
   * @default - the service's default: a thumbnail every 60 seconds, SEQUENTIAL
   */
  readonly thumbnails?: ThumbnailOptions;

  /**
   * A name for the destination: up to 128 characters of `[a-zA-Z0-9-_]`.
   *
   * @default - no name
   */
  readonly name?: string;
}
