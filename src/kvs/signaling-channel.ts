import type { CfnSignalingChannel } from 'aws-cdk-lib/aws-kinesisvideo';

/**
 * A Kinesis Video signaling channel (WebRTC) that a cdk-live-media construct
 * works on: one defined in this app (`CfnSignalingChannel`), or an existing
 * one named by ARN or name.
 */
export abstract class KvsSignalingChannel {
  /** A signaling channel defined in this app. */
  public static fromCfnSignalingChannel(channel: CfnSignalingChannel): KvsSignalingChannel {
    return new CfnChannelReference(channel);
  }

  /**
   * An existing signaling channel, by ARN
   * (`arn:<partition>:kinesisvideo:<region>:<account>:channel/<name>/<creationTime>`).
   */
  public static fromChannelArn(channelArn: string): KvsSignalingChannel {
    return new ArnReference(channelArn);
  }

  /** An existing signaling channel in the stack's account and Region, by name. */
  public static fromChannelName(channelName: string): KvsSignalingChannel {
    return new NameReference(channelName);
  }

  /** The channel's ARN, where known. */
  public abstract readonly channelArn?: string;

  /** The channel's name, where known without its ARN. */
  public abstract readonly channelName?: string;

  /** The `CfnSignalingChannel`, for a channel defined in this app. */
  public abstract readonly cfnSignalingChannel?: CfnSignalingChannel;
}

class CfnChannelReference extends KvsSignalingChannel {
  public readonly channelArn: string;
  public readonly channelName?: string = undefined;
  constructor(public readonly cfnSignalingChannel: CfnSignalingChannel) {
    super();
    this.channelArn = cfnSignalingChannel.attrArn;
  }
}

class ArnReference extends KvsSignalingChannel {
  public readonly channelName?: string = undefined;
  public readonly cfnSignalingChannel?: CfnSignalingChannel = undefined;
  constructor(public readonly channelArn: string) {
    super();
  }
}

class NameReference extends KvsSignalingChannel {
  public readonly channelArn?: string = undefined;
  public readonly cfnSignalingChannel?: CfnSignalingChannel = undefined;
  constructor(public readonly channelName: string) {
    super();
  }
}
