import type { Duration } from 'aws-cdk-lib';
import type { KvsMediaInsightsPipeline } from './kvs-media-insights-pipeline';
import type { MediaInsightsPipeline } from './media-insights-pipeline-ref';
import type { VoiceAnalysis } from './voice-analysis';
// The one deliberately shared value type between services: a task reads a KVS stream.
import type { KvsStream } from '../kvs/stream';

/** Properties of a `VoiceAnalyticsTask`. */
export interface VoiceAnalyticsTaskProps {
  /**
   * The media insights pipeline that runs the task, by ID or ARN. Its
   * configuration must include a voice analytics processor with this kind of
   * analysis enabled. Give this or `pipeline`.
   *
   * @default - `pipeline`
   */
  readonly mediaInsightsPipeline?: MediaInsightsPipeline;

  /**
   * The pipeline of this stack that runs the task; its configuration must
   * enable this kind of analysis (checked at synth). Give this or `mediaInsightsPipeline`.
   *
   * @default - `mediaInsightsPipeline`
   */
  readonly pipeline?: KvsMediaInsightsPipeline;

  /** The kind of analysis, with what it needs. */
  readonly analysis: VoiceAnalysis;

  /**
   * The Kinesis Video stream the pipeline reads the audio from, known by ARN
   * (`KvsStream.fromCfnStream` or `KvsStream.fromStreamArn`; a stream known
   * only by name is rejected, its ARN ends in its creation time).
   *
   * @default - the first stream of `pipeline` (required with `mediaInsightsPipeline`)
   */
  readonly source?: KvsStream;

  /**
   * The stream's audio channel to analyse: 0 or 1.
   *
   * @default - the first channel of `pipeline`'s first stream, else 0
   */
  readonly channelId?: number;

  /**
   * The number of the fragment to start from (digits only, up to 128).
   *
   * @default - the service's default start position
   */
  readonly fragmentNumber?: string;

  /**
   * Whether the deployment waits for the task to be InProgress. The task
   * stays Initializing until audio flows, so waiting fits only a stream that
   * carries audio at deploy time.
   *
   * On a `pipeline` of the app, waiting is off by default: the pipeline is
   * created by the same deployment, and its stream has audio then only if a
   * continuous feed is already live (set `true` for that case). On a
   * `mediaInsightsPipeline` given by ID or ARN (a pipeline running a call),
   * the deployment waits by default.
   *
   * @default - `false` with `pipeline`, `true` with `mediaInsightsPipeline`
   */
  readonly waitForInProgress?: boolean;

  /**
   * How long the deployment waits for the task to be InProgress, in whole
   * seconds from 10 seconds to 8 minutes. Only with `waitForInProgress`. A
   * task that has not started by then is stopped and the deployment fails.
   *
   * @default Duration.minutes(3)
   */
  readonly startTimeout?: Duration;
}
