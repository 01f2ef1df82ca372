import { ArnFormat, Fn, Stack, Token } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Grant } from 'aws-cdk-lib/aws-iam';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { KvsMediaStorageConfigurationProps } from './media-storage-props';
import { KVS_MEDIA_STORAGE_RESOURCE_TYPE } from './media-storage.contract';
import type { KvsMediaStorageProperties } from './media-storage.contract';
import { KVS_MODEL } from './model.generated';
import { streamObjectOf } from './stream-claims';
import { incomingFragmentsMetric } from './stream-metrics';
import { streamPolicyResource } from './stream-resource';
import { typeWildcardArn } from '../core/arns';
import { claim, claimedBy } from '../core/claims';
import type { ClaimedObject } from '../core/claims';
import { KindPolicy } from '../core/grants';
import { kindResource } from '../core/kind-resource';
import { PropValidator } from '../core/validation';

const UPDATE_INPUT = 'com.amazonaws.kinesisvideo#UpdateMediaStorageConfigurationInput';
const CONFIG = 'com.amazonaws.kinesisvideo#MediaStorageConfiguration';

/**
 * What a WebRTC master needs on the channel to have its media stored: the
 * sample master policy of "Grant permission" in the Kinesis Video Streams
 * WebRTC developer guide (ingestion-grant-permission.html).
 */
const MASTER_CHANNEL_ACTIONS = [
  'kinesisvideo:DescribeSignalingChannel',
  'kinesisvideo:DescribeMediaStorageConfiguration',
  'kinesisvideo:GetSignalingChannelEndpoint',
  'kinesisvideo:GetIceServerConfig',
  'kinesisvideo:ConnectAsMaster',
  'kinesisvideo:JoinStorageSession',
];
/** And on the stream ("Both Master and Viewer roles must also have DescribeStream, GetDataEndpoint, and PutMedia"). */
const MASTER_STREAM_ACTIONS = ['kinesisvideo:DescribeStream', 'kinesisvideo:GetDataEndpoint', 'kinesisvideo:PutMedia'];

/**
 * The media storage configuration of a Kinesis Video signaling channel
 * (WebRTC ingestion): the media of the channel's WebRTC sessions is stored
 * in a Kinesis Video stream, where image generation, HLS/DASH playback and
 * media insights pipelines can use it.
 *
 * Enabling it ends direct master-viewer peer-to-peer sessions: peers join the
 * channel's storage session instead (see `acceptPeerToPeerEnd`).
 *
 * Create and update call UpdateMediaStorageConfiguration and confirm with
 * DescribeMediaStorageConfiguration (a failure after the write undoes it);
 * delete disables storage on the channel if it still stores into this
 * resource's stream. Another stream is an in-place update; another channel
 * replaces the resource. Not available in the China Regions.
 */
export class KvsMediaStorageConfiguration extends Construct {
  /** The name of the signaling channel the configuration is on. */
  public readonly channelName: string;

  /** The ARN of the signaling channel the configuration is on. */
  public readonly channelArn: string;

  /** The ARN of the stream the media is stored in. */
  public readonly streamArn: string;

  /** The status applied: `ENABLED` or `DISABLED`. */
  public readonly status: string;

  private readonly props: KvsMediaStorageConfigurationProps;

  /**
   * @param scope the construct to add it to, in the stack whose shared handler it uses
   * @param id the construct's ID, unique within `scope`
   * @param props its properties, validated at synth
   */
  constructor(scope: Construct, id: string, props: KvsMediaStorageConfigurationProps) {
    super(scope, id);
    this.props = props;
    this.validate(props);
    const { channel, stream } = props;

    const properties: KvsMediaStorageProperties = {
      ChannelARN: channel.channelArn,
      ChannelName: channel.channelArn ? undefined : channel.channelName,
      StreamARN: stream.streamArn,
      StreamName: stream.streamArn ? undefined : stream.streamName,
      Status: props.enabled === false ? 'DISABLED' : 'ENABLED',
      // Only when set, so that templates without it are unchanged.
      OverwriteExisting: props.overwriteExisting ? true : undefined,
    };

    // On every channel and stream of the account and Region: the delete
    // (and the release of a stream a replacement keeps) runs on a channel
    // that a previous template named, under this template's policy. The
    // kind's own policy, which its custom resources depend on, so that
    // removing the last one keeps the grant until its Delete has run.
    const policy = KindPolicy.of(this, 'KvsMediaStorageConfiguration');
    policy.grantOnType(
      ['kinesisvideo:UpdateMediaStorageConfiguration', 'kinesisvideo:DescribeMediaStorageConfiguration', 'kinesisvideo:DescribeSignalingChannel'],
      typeWildcardArn(this, 'kinesisvideo', 'channel', '*/*'),
    );
    // The Service Authorization Reference authorizes UpdateMediaStorageConfiguration on the
    // channel alone; DescribeStream finds the ARN of a stream given by name.
    policy.grantOnType(['kinesisvideo:DescribeStream'], typeWildcardArn(this, 'kinesisvideo', 'stream', '*/*'));

    const resource = kindResource(this, 'Resource', {
      policy, resourceType: KVS_MEDIA_STORAGE_RESOURCE_TYPE, properties, dependsOn: [channel.cfnSignalingChannel, stream.cfnStream],
    });

    this.channelName = resource.getAttString('ChannelName');
    this.channelArn = resource.getAttString('ChannelArn');
    this.streamArn = resource.getAttString('StreamArn');
    this.status = resource.getAttString('Status');
  }

  /**
   * The fragments the stream receives (`PutMedia.IncomingFragments` of
   * `AWS/KinesisVideo`, dimension `StreamName`): with storage enabled, the
   * media of the channel's WebRTC sessions arrives as fragments, so a Sum of 0
   * while a master is connected means nothing is being stored. Counts every
   * producer of the stream. Kinesis Video Streams publishes no metric of the
   * storage session itself.
   *
   * @param props the metric's options
   * @default - Sum over 5 minutes
   */
  public metricIncomingFragments(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    // The stream's name is the second `/`-separated part of its ARN: arn:...:stream/<name>/<creationTime>.
    return incomingFragmentsMetric(Fn.select(1, Fn.split('/', this.streamArn)), props);
  }

  /**
   * Lets `grantee` (the WebRTC master, the device or browser that sends the
   * media) connect to the channel and join its storage session:
   * `kinesisvideo:JoinStorageSession`, `ConnectAsMaster`,
   * `GetSignalingChannelEndpoint`, `GetIceServerConfig`,
   * `DescribeSignalingChannel` and `DescribeMediaStorageConfiguration` on the
   * channel, and `DescribeStream`, `GetDataEndpoint` and `PutMedia` on the
   * stream, as the Kinesis Video Streams WebRTC developer guide's sample
   * master policy has them.
   */
  public grantMasterIngestion(grantee: IGrantable): Grant {
    const channel = Grant.addToPrincipal({ grantee, actions: MASTER_CHANNEL_ACTIONS, resourceArns: [this.channelResource()] });
    const streamArn = streamPolicyResource(this, this.props.stream).arn;
    const stream = Grant.addToPrincipal({ grantee, actions: MASTER_STREAM_ACTIONS, resourceArns: [streamArn] });
    return channel.combine(stream);
  }

  /** The channel's ARN, or `channel/<name>/*` (the ARN ends in the creation time) for a channel known by name. */
  private channelResource(): string {
    const channel = this.props.channel;
    return channel.channelArn ?? Stack.of(this).formatArn({
      service: 'kinesisvideo', resource: 'channel', resourceName: `${channel.channelName}/*`, arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }

  private validate(props: KvsMediaStorageConfigurationProps): void {
    const v = new PropValidator(this, 'KvsMediaStorageConfiguration');
    const { channel, stream } = props;
    const stack = Stack.of(this);
    const enabled = props.enabled !== false;
    const regions: (string | undefined)[] = [stack.region];

    if (channel.channelArn !== undefined) {
      v.string('channel', channel.channelArn, KVS_MODEL.member(UPDATE_INPUT, 'ChannelARN'), 'a signaling channel ARN');
      regions.push(v.arnInStack('channel', channel.channelArn, {
        service: 'kinesisvideo',
        noun: 'signaling channel',
        what: 'a signaling channel ARN',
        resource: 'channel/[^/]+/[0-9]+',
        why: "media storage is configured from the channel's account and Region",
      })?.region);
    } else {
      v.string('channel', channel.channelName, KVS_MODEL.constraint('com.amazonaws.kinesisvideo#ChannelName'), 'a signaling channel name');
    }
    const type = channel.cfnSignalingChannel?.type;
    if (type !== undefined && !Token.isUnresolved(type) && type !== 'SINGLE_MASTER') {
      const types = KVS_MODEL.enumValues('com.amazonaws.kinesisvideo#ChannelType');
      if (types.includes(type)) {
        v.fail('channel', `the channel is of type ${type}; WebRTC ingestion stores the media of SINGLE_MASTER channels (JoinStorageSession API reference)`);
      } else {
        v.oneOf('channel', type, types);
      }
    }

    if (stream.streamArn !== undefined) {
      v.string('stream', stream.streamArn, KVS_MODEL.member(CONFIG, 'StreamARN'), 'a Kinesis Video stream ARN');
      regions.push(v.arnInStack('stream', stream.streamArn, {
        service: 'kinesisvideo', noun: 'stream', why: "media storage is configured from the stream's account and Region",
      })?.region);
    } else {
      v.string('stream', stream.streamName, KVS_MODEL.constraint('com.amazonaws.kinesisvideo#StreamName'), 'a Kinesis Video stream name');
    }
    const retention = stream.cfnStream?.dataRetentionInHours;
    if (enabled && stream.cfnStream && !Token.isUnresolved(retention) && !(typeof retention === 'number' && retention > 0)) {
      v.fail('stream', 'media storage needs data retention: set dataRetentionInHours above 0 on the CfnStream');
    }

    // UpdateMediaStorageConfiguration API reference (docs.amazonaws.cn): "This API isn't available in Amazon China Regions".
    const china = regions.find((r) => r !== undefined && !Token.isUnresolved(r) && r.startsWith('cn-'));
    if (china) v.fail('channel', `media storage (WebRTC ingestion) is not available in the China Regions, and this stack or resource is in ${china}`);

    if (enabled && props.acceptPeerToPeerEnd !== true) {
      v.fail('acceptPeerToPeerEnd', 'must be true to enable media storage: direct master-viewer peer-to-peer sessions on the channel then end, ' +
        'and every peer must join the storage session (JoinStorageSession) instead, which breaks existing viewers');
    }

    const channelObject: ClaimedObject = {
      construct: channel.cfnSignalingChannel,
      arn: channel.channelArn,
      arnPattern: /^arn:[^:]+:kinesisvideo:([^:]+):(\d{12}):channel\/([^/]+)\//,
      name: channel.cfnSignalingChannel ? channel.cfnSignalingChannel.name : channel.channelName,
    };
    const onChannel = claimedBy(this, 'kvs-media-storage-channel', channelObject);
    if (onChannel) {
      v.fail('channel', `the channel already has a KvsMediaStorageConfiguration in this app, at '${onChannel}': a channel has one media ` +
        'storage configuration, so the two would overwrite each other (and the first Delete would remove both)');
    }
    const onStream = claimedBy(this, 'kvs-media-storage-stream', streamObjectOf(stream));
    if (onStream) {
      v.fail('stream', `the stream already stores the media of another channel, by the KvsMediaStorageConfiguration at '${onStream}': ` +
        'a stream takes the media of one channel (the service answers ResourceInUseException)');
    }
    v.throwIfInvalid();
    claim(this, 'kvs-media-storage-channel', channelObject);
    claim(this, 'kvs-media-storage-stream', streamObjectOf(stream));
  }
}
