import type { Duration } from 'aws-cdk-lib';
import type { ChannelDestinationOptions, S3DestinationOptions } from './destinations';
import type { CompositionLayout } from './layout';
import type { IvsStage } from './resources';

/** Properties of an `IvsStageComposition`. */
export interface IvsStageCompositionProps {
  /** The stage whose participants are composed whenever someone publishes to it. */
  readonly stage: IvsStage;

  /**
   * The layout: a grid or picture-in-picture.
   *
   * @default CompositionLayout.grid()
   */
  readonly layout?: CompositionLayout;

  /**
   * Broadcast each composition to an IVS channel. At least one of `channel`
   * and `s3` is required; both may be given.
   *
   * @default - no channel destination
   */
  readonly channel?: ChannelDestinationOptions;

  /**
   * Record each composition to S3 (HLS). At least one of `channel` and `s3`
   * is required; both may be given.
   *
   * @default - no S3 destination
   */
  readonly s3?: S3DestinationOptions;

  /**
   * Tags of each composition: at most 46 (the keeper adds 4 of its own, with
   * the prefix `cdk-live-media:`, which these may not use), keys of 1 to 128
   * and values of up to 256 characters, no key starting with `aws:`.
   *
   * @default - only the keeper's own tags
   */
  readonly tags?: Record<string, string>;

  /**
   * How often the stage is checked from the service's own state (for events
   * that never came): 1 minute to 24 hours, in whole minutes. Each check of
   * a stage without a session is one GetStage call. The stack has one
   * reconciliation schedule per interval its stages ask for, shared by them
   * (normally one).
   *
   * @default Duration.minutes(1)
   */
  readonly reconcileInterval?: Duration;

  /**
   * Whether the stage is checked on a schedule at all. Without it only the
   * IVS events start compositions, and a missed event goes unanswered until
   * the next one.
   *
   * @default true
   */
  readonly reconcile?: boolean;

  /**
   * Whether a composition started with an earlier configuration is stopped
   * (and started again with the new one) after a deploy changes it.
   * Otherwise the change applies from the next composition.
   *
   * @default false
   */
  readonly restartOnChange?: boolean;

  /**
   * How many times a failed composition is started again within one stage
   * session: 0 to 10. Then the keeper gives up until the next session, logs
   * it and counts it in the `GaveUp` metric (`metricGaveUp`).
   *
   * @default 3
   */
  readonly maxRetriesPerSession?: number;

  /**
   * The wait before the first restart after a failure, doubled for each
   * further one (5 minutes at most): 1 second to 5 minutes, whole seconds.
   *
   * @default Duration.seconds(10)
   */
  readonly retryBackoff?: Duration;
}
