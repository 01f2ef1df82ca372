import type { CfnChannel, CfnEncoderConfiguration, CfnStage, CfnStorageConfiguration } from 'aws-cdk-lib/aws-ivs';

/*
 * The IVS resources an IvsComposition refers to: defined in this app (the
 * `CfnXxx` of aws-cdk-lib/aws-ivs) or existing ones named by ARN. Each must be
 * in the stack's account and Region. A `CfnXxx` is referred to by its `Arn`
 * attribute, which also makes the composition depend on it.
 */

/** The IVS real-time stage a composition composes. */
export class IvsStage {
  /** A stage defined in this app. */
  public static fromCfnStage(stage: CfnStage): IvsStage {
    return new IvsStage(stage.attrArn);
  }

  /** An existing stage, by ARN (`arn:aws:ivs:<region>:<account>:stage/<id>`). */
  public static fromStageArn(stageArn: string): IvsStage {
    return new IvsStage(stageArn);
  }

  private constructor(
    /** The stage's ARN. */
    public readonly stageArn: string,
  ) {}
}

/** An IVS (low-latency) channel a composition broadcasts to. It must be offline when the composition starts. */
export class IvsChannel {
  /** A channel defined in this app. */
  public static fromCfnChannel(channel: CfnChannel): IvsChannel {
    return new IvsChannel(channel.attrArn);
  }

  /** An existing channel, by ARN (`arn:aws:ivs:<region>:<account>:channel/<id>`). */
  public static fromChannelArn(channelArn: string): IvsChannel {
    return new IvsChannel(channelArn);
  }

  private constructor(
    /** The channel's ARN. */
    public readonly channelArn: string,
  ) {}
}

/** An IVS encoder configuration: the resolution, bitrate and frame rate of a composition's output. */
export class IvsEncoderConfiguration {
  /** An encoder configuration defined in this app. */
  public static fromCfnEncoderConfiguration(encoderConfiguration: CfnEncoderConfiguration): IvsEncoderConfiguration {
    return new IvsEncoderConfiguration(encoderConfiguration.attrArn);
  }

  /** An existing encoder configuration, by ARN (`arn:aws:ivs:<region>:<account>:encoder-configuration/<id>`). */
  public static fromEncoderConfigurationArn(encoderConfigurationArn: string): IvsEncoderConfiguration {
    return new IvsEncoderConfiguration(encoderConfigurationArn);
  }

  private constructor(
    /** The encoder configuration's ARN. */
    public readonly encoderConfigurationArn: string,
  ) {}
}

/** An IVS storage configuration: the S3 bucket a composition records to. */
export class IvsStorageConfiguration {
  /** A storage configuration defined in this app. */
  public static fromCfnStorageConfiguration(storageConfiguration: CfnStorageConfiguration): IvsStorageConfiguration {
    return new IvsStorageConfiguration(storageConfiguration.attrArn);
  }

  /** An existing storage configuration, by ARN (`arn:aws:ivs:<region>:<account>:storage-configuration/<id>`). */
  public static fromStorageConfigurationArn(storageConfigurationArn: string): IvsStorageConfiguration {
    return new IvsStorageConfiguration(storageConfigurationArn);
  }

  private constructor(
    /** The storage configuration's ARN. */
    public readonly storageConfigurationArn: string,
  ) {}
}
