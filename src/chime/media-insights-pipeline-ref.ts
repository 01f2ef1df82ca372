/** A Chime SDK media insights pipeline, named by ID or ARN. */
export abstract class MediaInsightsPipeline {
  /** A pipeline in the stack's account and Region, by its ID (a UUID, `MediaPipelineId`); for an ARN use `fromPipelineArn`. */
  public static fromPipelineId(pipelineId: string): MediaInsightsPipeline {
    return new PipelineReference(pipelineId, undefined);
  }

  /** A pipeline by its ARN (`arn:<partition>:chime:<region>:<account>:media-pipeline/<id>`). */
  public static fromPipelineArn(pipelineArn: string): MediaInsightsPipeline {
    return new PipelineReference(undefined, pipelineArn);
  }

  /** The pipeline's ID, for a pipeline made with `fromPipelineId`. */
  public abstract readonly pipelineId?: string;

  /** The pipeline's ARN, for a pipeline made with `fromPipelineArn`. */
  public abstract readonly pipelineArn?: string;

  /** What the API calls take as `Identifier`: the ID or the ARN, as given. */
  public abstract readonly identifier: string;
}

class PipelineReference extends MediaInsightsPipeline {
  public readonly identifier: string;
  constructor(public readonly pipelineId: string | undefined, public readonly pipelineArn: string | undefined) {
    super();
    this.identifier = (pipelineId ?? pipelineArn)!;
  }
}
