/**
 * The interface of a media insights pipeline configuration, which
 * `MediaInsightsPipelineConfiguration` and its importers return.
 */
import type * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import type { KvsStream } from '../kvs/stream';

/**
 * A media insights pipeline configuration: one of this stack
 * (`MediaInsightsPipelineConfiguration`) or one imported by name or ARN
 * (`fromConfigurationName`, `fromConfigurationArn`).
 */
export interface IMediaInsightsPipelineConfiguration extends IConstruct {
  /** The configuration's name. */
  readonly configurationName: string;
  /** The configuration's ARN. */
  readonly configurationArn: string;
  /**
   * The MediaInsightsRuntimeMetadata to give the pipelines you create from this
   * configuration yourself, naming it in their events.
   */
  readonly pipelineRuntimeMetadata: { [key: string]: string };

  /**
   * Lets `grantee` create pipelines from this configuration
   * (`chime:CreateMediaInsightsPipeline` on the configuration) and read and
   * delete pipelines (`chime:GetMediaPipeline`, `chime:DeleteMediaPipeline` on
   * the account's `media-pipeline/*`: a pipeline's ID is only known once it exists).
   */
  grantCreatePipelines(grantee: iam.IGrantable): iam.Grant;

  /**
   * Lets `grantee` start, read and stop the voice analytics tasks this
   * configuration enables on the account's `media-pipeline/*` (both kinds for
   * an imported configuration, whose features are not known).
   */
  grantRunTasks(grantee: iam.IGrantable): iam.Grant;

  /**
   * Lets the resource access role read a Kinesis Video stream. An imported
   * configuration's role is not known: it grants nothing and warns at synth.
   */
  grantStreamRead(stream: KvsStream): void;
}
