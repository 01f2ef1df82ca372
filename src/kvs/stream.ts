import type { CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';

/**
 * A Kinesis Video stream that a cdk-live-media construct works on: one
 * defined in this app (`CfnStream`), or an existing one named by ARN or name.
 */
export abstract class KvsStream {
  /** A stream defined in this app. */
  public static fromCfnStream(stream: CfnStream): KvsStream {
    return new CfnStreamReference(stream);
  }

  /**
   * An existing stream, by ARN
   * (`arn:<partition>:kinesisvideo:<region>:<account>:stream/<name>/<creationTime>`).
   */
  public static fromStreamArn(streamArn: string): KvsStream {
    return new ArnReference(streamArn);
  }

  /** An existing stream in the stack's account and Region, by name. */
  public static fromStreamName(streamName: string): KvsStream {
    return new NameReference(streamName);
  }

  /** The stream's ARN, where known. */
  public abstract readonly streamArn?: string;

  /** The stream's name, where known without its ARN. */
  public abstract readonly streamName?: string;

  /** The `CfnStream`, for a stream defined in this app. */
  public abstract readonly cfnStream?: CfnStream;
}

class CfnStreamReference extends KvsStream {
  public readonly streamArn: string;
  public readonly streamName?: string = undefined;
  constructor(public readonly cfnStream: CfnStream) {
    super();
    this.streamArn = cfnStream.attrArn;
  }
}

class ArnReference extends KvsStream {
  public readonly streamName?: string = undefined;
  public readonly cfnStream?: CfnStream = undefined;
  constructor(public readonly streamArn: string) {
    super();
  }
}

class NameReference extends KvsStream {
  public readonly streamArn?: string = undefined;
  public readonly cfnStream?: CfnStream = undefined;
  constructor(public readonly streamName: string) {
    super();
  }
}
