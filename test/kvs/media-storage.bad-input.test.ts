/**
 * KvsMediaStorageConfiguration: invalid props rejected at synth naming the
 * construct path and the prop, and the same props accepted as tokens (see
 * ../helpers/bad-input).
 */
import { Stack } from 'aws-cdk-lib';
import { CfnSignalingChannel, CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import { KvsMediaStorageConfiguration, KvsSignalingChannel, KvsStream } from '../../src';
import type { KvsMediaStorageConfigurationProps } from '../../src';
import { BadInput, Change, ID, TokenInput, complete, describeBadInput, numberToken, stringToken } from '../helpers/bad-input';
import { STREAM_ARN } from '../helpers/fixtures';

const SIGNALING_ARN = 'arn:aws:kinesisvideo:us-east-1:123456789012:channel/doorbell/1700000000000';

function kvsm(change: Change<KvsMediaStorageConfigurationProps>) {
  return complete<KvsMediaStorageConfigurationProps>(
    { channel: KvsSignalingChannel.fromChannelName('doorbell'), stream: KvsStream.fromStreamName('camera'), acceptPeerToPeerEnd: true }, change,
  );
}
const storing = (stack: Stack, id: string, channel: KvsSignalingChannel, stream: KvsStream) =>
  new KvsMediaStorageConfiguration(stack, id, { channel, stream, acceptPeerToPeerEnd: true });

const MEDIA_STORAGE_BAD_INPUT: BadInput<KvsMediaStorageConfigurationProps>[] = [
  ['KvsMediaStorageConfiguration', 'a channel name with a space', 'channel', kvsm({ channel: KvsSignalingChannel.fromChannelName('front door') }), /^"front door" does not match .* \(a signaling channel name\)$/],
  ['KvsMediaStorageConfiguration', 'an empty channel name', 'channel', kvsm({ channel: KvsSignalingChannel.fromChannelName('') }), /^must be 1 to 256 characters long, got 0/],
  ['KvsMediaStorageConfiguration', 'an IVS channel ARN', 'channel', kvsm({ channel: KvsSignalingChannel.fromChannelArn('arn:aws:ivs:us-east-1:123456789012:channel/Ch4nnel1') }), /^".*" does not match .*kinesisvideo.* \(a signaling channel ARN\)$/],
  ['KvsMediaStorageConfiguration', 'a stream ARN given as the channel', 'channel', kvsm({ channel: KvsSignalingChannel.fromChannelArn(STREAM_ARN) }), /^".*" is not a signaling channel ARN \(arn:<partition>:kinesisvideo:<region>:<account>:channel\/<id>\)$/],
  ['KvsMediaStorageConfiguration', 'a channel in another Region', 'channel', kvsm({ channel: KvsSignalingChannel.fromChannelArn(SIGNALING_ARN.replace('us-east-1', 'eu-west-1')) }), /^the signaling channel is in Region eu-west-1 but the stack is in us-east-1; media storage is configured from the channel's account and Region$/],
  ['KvsMediaStorageConfiguration', 'a channel in a China Region', 'channel', kvsm({ channel: KvsSignalingChannel.fromChannelArn(SIGNALING_ARN.replace('aws:', 'aws-cn:').replace('us-east-1', 'cn-north-1')) }), /^media storage \(WebRTC ingestion\) is not available in the China Regions, and this stack or resource is in cn-north-1$/],
  ['KvsMediaStorageConfiguration', 'a FULL_MESH CfnSignalingChannel', 'channel', kvsm((stack) => ({ channel: KvsSignalingChannel.fromCfnSignalingChannel(new CfnSignalingChannel(stack, 'Mesh', { type: 'FULL_MESH' })) })), /^the channel is of type FULL_MESH; WebRTC ingestion stores the media of SINGLE_MASTER channels/],
  ['KvsMediaStorageConfiguration', 'a CfnSignalingChannel of an unknown type', 'channel', kvsm((stack) => ({ channel: KvsSignalingChannel.fromCfnSignalingChannel(new CfnSignalingChannel(stack, 'Odd', { type: 'MULTI_MASTER' })) })), /^must be one of SINGLE_MASTER, FULL_MESH, got "MULTI_MASTER"$/],
  ['KvsMediaStorageConfiguration', 'a stream name with a space', 'stream', kvsm({ stream: KvsStream.fromStreamName('my camera') }), /^"my camera" does not match .* \(a Kinesis Video stream name\)$/],
  ['KvsMediaStorageConfiguration', 'an empty stream name', 'stream', kvsm({ stream: KvsStream.fromStreamName('') }), /^must be 1 to 256 characters long, got 0/],
  ['KvsMediaStorageConfiguration', 'a stream ARN of another service', 'stream', kvsm({ stream: KvsStream.fromStreamArn('arn:aws:kinesis:us-east-1:123456789012:stream/camera') }), /^".*" does not match .*kinesisvideo.* \(a Kinesis Video stream ARN\)$/],
  ['KvsMediaStorageConfiguration', 'a stream in another Region', 'stream', kvsm({ stream: KvsStream.fromStreamArn(STREAM_ARN.replace('us-east-1', 'eu-west-1')) }), /^the stream is in Region eu-west-1 but the stack is in us-east-1; media storage is configured from the stream's account and Region$/],
  ['KvsMediaStorageConfiguration', 'a CfnStream without retention', 'stream', kvsm((stack) => ({ stream: KvsStream.fromCfnStream(new CfnStream(stack, 'Stream', {})) })), /^media storage needs data retention: set dataRetentionInHours above 0 on the CfnStream$/],
  ['KvsMediaStorageConfiguration', 'enabled without accepting that peer-to-peer sessions end', 'acceptPeerToPeerEnd', kvsm({ acceptPeerToPeerEnd: undefined }), /^must be true to enable media storage: direct master-viewer peer-to-peer sessions on the channel then end/],
  ['KvsMediaStorageConfiguration', 'a second configuration of the same CfnSignalingChannel', 'channel', kvsm((stack) => {
    const channel = KvsSignalingChannel.fromCfnSignalingChannel(new CfnSignalingChannel(stack, 'Channel', {}));
    storing(stack, 'First', channel, KvsStream.fromStreamName('other'));
    return { channel };
  }), /^the channel already has a KvsMediaStorageConfiguration in this app, at 'TestStack\/First': a channel has one media storage configuration/],
  ['KvsMediaStorageConfiguration', 'a second configuration of the channel named in the first one\'s ARN', 'channel', kvsm((stack) => {
    storing(stack, 'First', KvsSignalingChannel.fromChannelArn(SIGNALING_ARN), KvsStream.fromStreamName('other'));
    return { channel: KvsSignalingChannel.fromChannelName('doorbell') };
  }), /^the channel already has a KvsMediaStorageConfiguration in this app, at 'TestStack\/First'/],
  ['KvsMediaStorageConfiguration', 'a stream another channel already stores into', 'stream', kvsm((stack) => {
    const stream = KvsStream.fromCfnStream(new CfnStream(stack, 'Stream', { dataRetentionInHours: 24 }));
    storing(stack, 'First', KvsSignalingChannel.fromChannelName('intercom'), stream);
    return { stream };
  }), /^the stream already stores the media of another channel, by the KvsMediaStorageConfiguration at 'TestStack\/First': a stream takes the media of one channel/],
];

const MEDIA_STORAGE_TOKENS: TokenInput<KvsMediaStorageConfigurationProps>[] = [
  ['KvsMediaStorageConfiguration', 'channel', 'fromChannelName(token)', kvsm({ channel: KvsSignalingChannel.fromChannelName(stringToken('ChannelName')) }), { ChannelName: { Ref: 'ChannelName' } }],
  ['KvsMediaStorageConfiguration', 'channel', 'fromChannelArn(token)', kvsm({ channel: KvsSignalingChannel.fromChannelArn(stringToken('ChannelArn')) }), { ChannelARN: { Ref: 'ChannelArn' } }],
  ['KvsMediaStorageConfiguration', 'channel', 'a CfnSignalingChannel whose type is a token', kvsm((stack) => ({ channel: KvsSignalingChannel.fromCfnSignalingChannel(new CfnSignalingChannel(stack, 'C', { type: stringToken('Type') })) })), { ChannelARN: { 'Fn::GetAtt': ['C', 'Arn'] } }],
  ['KvsMediaStorageConfiguration', 'stream', 'fromStreamName(token)', kvsm({ stream: KvsStream.fromStreamName(stringToken('StreamName')) }), { StreamName: { Ref: 'StreamName' } }],
  ['KvsMediaStorageConfiguration', 'stream', 'fromStreamArn(token)', kvsm({ stream: KvsStream.fromStreamArn(stringToken('StreamArn')) }), { StreamARN: { Ref: 'StreamArn' } }],
  ['KvsMediaStorageConfiguration', 'stream', 'a CfnStream whose retention is a token', kvsm((stack) => ({ stream: KvsStream.fromCfnStream(new CfnStream(stack, 'S', { dataRetentionInHours: numberToken('Retention') })) })), { StreamARN: { 'Fn::GetAtt': ['S', 'Arn'] } }],
];

describeBadInput('KvsMediaStorageConfiguration', {
  build: (stack, props) => new KvsMediaStorageConfiguration(stack, ID, props),
  resourceType: 'Custom::KvsMediaStorage',
  everyProp: [(stack) => ({
    channel: KvsSignalingChannel.fromCfnSignalingChannel(new CfnSignalingChannel(stack, 'Channel', { type: 'SINGLE_MASTER' })),
    stream: KvsStream.fromStreamArn(STREAM_ARN),
    acceptPeerToPeerEnd: true,
    enabled: true,
    overwriteExisting: true,
  }), kvsm({ channel: KvsSignalingChannel.fromChannelArn(SIGNALING_ARN) })],
  minRows: 17,
}, MEDIA_STORAGE_BAD_INPUT, MEDIA_STORAGE_TOKENS, {
  'KvsMediaStorageConfiguration acceptPeerToPeerEnd': 'an acknowledgment made in code: it must be the literal true, which synth can see',
});
