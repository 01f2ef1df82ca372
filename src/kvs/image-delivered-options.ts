import type { IRuleTarget } from 'aws-cdk-lib/aws-events';

/** Options of `KvsImageGeneration.onImageDelivered`. */
export interface ImageDeliveredOptions {
  /**
   * Where the `Object Created` events of the delivered images go.
   *
   * @default - none: add targets to the returned rule with `addTarget`
   */
  readonly target?: IRuleTarget;

  /**
   * The rule's description.
   *
   * @default - "Images delivered by Kinesis Video Streams to s3://<bucket>/<prefix>"
   */
  readonly description?: string;
}
