/**
 * Issue 5, IvsComposition: invalid props rejected at synth naming the
 * construct path and the prop, and the same props accepted as tokens (see
 * ../helpers/bad-input).
 */
import { Duration, Token } from 'aws-cdk-lib';
import {
  CompositionLayout,
  IvsChannel,
  IvsComposition,
  IvsEncoderConfiguration,
  IvsStage,
  IvsStorageConfiguration,
  PipBehavior,
  PipPosition,
  ThumbnailStorage,
  VideoAspectRatio,
  VideoFillMode,
} from '../../src';
import type { ChannelDestinationOptions, GridLayoutOptions, IvsCompositionProps, PipLayoutOptions, S3DestinationOptions } from '../../src';
import { BadInput, Change, ID, TokenInput, complete, describeBadInput, numberToken, stringToken } from '../helpers/bad-input';
import { CHANNEL_ARN, ENCODER_ARN, STAGE_ARN, STORAGE_ARN } from '../helpers/fixtures';

function ivs(change: Change<IvsCompositionProps>) {
  return complete<IvsCompositionProps>({
    stage: IvsStage.fromStageArn(STAGE_ARN),
    channel: { channel: IvsChannel.fromChannelArn(CHANNEL_ARN) },
  }, change);
}

/** An IvsComposition that records to S3 only, with these S3 options. */
function recording(s3: Partial<S3DestinationOptions>) {
  return ivs({
    channel: undefined,
    s3: {
      storageConfiguration: IvsStorageConfiguration.fromStorageConfigurationArn(STORAGE_ARN),
      encoderConfiguration: IvsEncoderConfiguration.fromEncoderConfigurationArn(ENCODER_ARN),
      ...s3,
    },
  });
}

/** An IvsComposition broadcast to a channel, with these channel options. */
function broadcast(channel: Partial<ChannelDestinationOptions>) {
  return ivs({ channel: { channel: IvsChannel.fromChannelArn(CHANNEL_ARN), ...channel } });
}

/** Layout options the types forbid (unknown enum values, options of the other layout), as other languages may pass them. */
const grid = (options: GridLayoutOptions | object) => CompositionLayout.grid(options as GridLayoutOptions);
const pip = (options: PipLayoutOptions | object) => CompositionLayout.pip(options as PipLayoutOptions);
const manyTags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`key${i}`, 'value']));

const BAD_INPUT: BadInput<IvsCompositionProps>[] = [
  ['IvsComposition', 'no stage', 'stage', ivs({ stage: undefined as unknown as IvsStage }), /^a composition needs a stage$/],
  ['IvsComposition', 'a stage ARN of another resource type', 'stage', ivs({ stage: IvsStage.fromStageArn(CHANNEL_ARN) }), /^".*channel\/Ch4nnel1" does not match .*:stage\/.* \(an IVS real-time stage ARN\)$/],
  ['IvsComposition', 'a stage in another Region', 'stage', ivs({ stage: IvsStage.fromStageArn(STAGE_ARN.replace('us-east-1', 'eu-west-1')) }), /^the ARN is in Region eu-west-1 but the stack is in us-east-1/],
  ['IvsComposition', 'a stage in another account', 'stage', ivs({ stage: IvsStage.fromStageArn(STAGE_ARN.replace('123456789012', '210987654321')) }), /^the ARN is in account 210987654321 but the stack is in 123456789012/],
  ['IvsComposition', 'no destination', 'channel', ivs({ channel: undefined }), /^a composition needs a destination: give channel, s3 or both$/],
  ['IvsComposition', 'a channel destination without a channel', 'channel.channel', ivs({ channel: {} as ChannelDestinationOptions }), /^a channel destination needs a channel$/],
  ['IvsComposition', 'a channel ARN that is a stage ARN', 'channel.channel', broadcast({ channel: IvsChannel.fromChannelArn(STAGE_ARN) }), /^".*" does not match .*:channel\/.* \(an IVS channel ARN\)$/],
  ['IvsComposition', 'a channel in another Region', 'channel.channel', broadcast({ channel: IvsChannel.fromChannelArn(CHANNEL_ARN.replace('us-east-1', 'us-west-2')) }), /^the ARN is in Region us-west-2 but the stack is in us-east-1/],
  ['IvsComposition', 'a malformed channel encoder ARN', 'channel.encoderConfiguration', broadcast({ encoderConfiguration: IvsEncoderConfiguration.fromEncoderConfigurationArn('encoder-1') }), /^"encoder-1" does not match .* \(an IVS encoder configuration ARN\)$/],
  ['IvsComposition', 'a channel encoder in another account', 'channel.encoderConfiguration', broadcast({ encoderConfiguration: IvsEncoderConfiguration.fromEncoderConfigurationArn(ENCODER_ARN.replace('123456789012', '210987654321')) }), /^the ARN is in account 210987654321/],
  ['IvsComposition', 'a channel destination name with a dot', 'channel.name', broadcast({ name: 'live.1' }), /^"live\.1" does not match/],
  ['IvsComposition', 'an S3 destination without a storage configuration', 's3.storageConfiguration', recording({ storageConfiguration: undefined }), /^an S3 destination needs a storage configuration$/],
  ['IvsComposition', 'a storage configuration ARN that is an encoder ARN', 's3.storageConfiguration', recording({ storageConfiguration: IvsStorageConfiguration.fromStorageConfigurationArn(ENCODER_ARN) }), /^".*" does not match .*storage-configuration.* \(an IVS storage configuration ARN\)$/],
  ['IvsComposition', 'a storage configuration in another Region', 's3.storageConfiguration', recording({ storageConfiguration: IvsStorageConfiguration.fromStorageConfigurationArn(STORAGE_ARN.replace('us-east-1', 'eu-central-1')) }), /^the ARN is in Region eu-central-1/],
  ['IvsComposition', 'an S3 destination without an encoder configuration', 's3.encoderConfiguration', recording({ encoderConfiguration: undefined }), /^an S3 destination needs exactly one encoder configuration$/],
  ['IvsComposition', 'an S3 encoder ARN that is a channel ARN', 's3.encoderConfiguration', recording({ encoderConfiguration: IvsEncoderConfiguration.fromEncoderConfigurationArn(CHANNEL_ARN) }), /^".*" does not match .*encoder-configuration/],
  ['IvsComposition', 'an S3 destination name of 129 characters', 's3.name', recording({ name: 'n'.repeat(129) }), /^must be 0 to 128 characters long, got 129/],
  ['IvsComposition', 'an HLS segment of 1 s', 's3.hlsTargetSegmentDuration', recording({ hlsTargetSegmentDuration: Duration.seconds(1) }), /^must be from 2 s to 10 s, got 1 s$/],
  ['IvsComposition', 'an HLS segment of 11 s', 's3.hlsTargetSegmentDuration', recording({ hlsTargetSegmentDuration: Duration.seconds(11) }), /^must be from 2 s to 10 s, got 11 s$/],
  ['IvsComposition', 'an HLS segment in fractions of a second', 's3.hlsTargetSegmentDuration', recording({ hlsTargetSegmentDuration: Duration.millis(2500) }), /^must be a whole number from 2 s to 10 s, got 2.5 s$/],
  ['IvsComposition', 'an HLS segment token in minutes', 's3.hlsTargetSegmentDuration', recording({ hlsTargetSegmentDuration: Duration.minutes(numberToken('Segment')) }), /^a token duration must be given with Duration\.seconds\(\), got one in minutes$/],
  ['IvsComposition', 'a thumbnail interval of 0 s', 's3.thumbnails.interval', recording({ thumbnails: { interval: Duration.seconds(0) } }), /^must be from 1 s to 86400 s, got 0 s$/],
  ['IvsComposition', 'a thumbnail interval over a day', 's3.thumbnails.interval', recording({ thumbnails: { interval: Duration.seconds(86_401) } }), /^must be from 1 s to 86400 s, got 86401 s$/],
  ['IvsComposition', 'a thumbnail interval in fractions of a second', 's3.thumbnails.interval', recording({ thumbnails: { interval: Duration.millis(1500) } }), /^must be a whole number from 1 s to 86400 s, got 1.5 s$/],
  ['IvsComposition', 'a thumbnail interval token in milliseconds', 's3.thumbnails.interval', recording({ thumbnails: { interval: Duration.millis(numberToken('Interval')) } }), /^a token duration must be given with Duration\.seconds\(\), got one in millis$/],
  ['IvsComposition', 'a thumbnail storage given twice', 's3.thumbnails.storage', recording({ thumbnails: { storage: [ThumbnailStorage.LATEST, ThumbnailStorage.LATEST] } }), /^each value at most once, got LATEST, LATEST$/],
  ['IvsComposition', 'three thumbnail storages', 's3.thumbnails.storage', recording({ thumbnails: { storage: [ThumbnailStorage.SEQUENTIAL, ThumbnailStorage.LATEST, 'OLDEST' as ThumbnailStorage] } }), /^at most 2 values, got 3$/],
  ['IvsComposition', 'an unknown thumbnail storage', 's3.thumbnails.storage[0]', recording({ thumbnails: { storage: ['NEWEST' as ThumbnailStorage] } }), /^must be one of SEQUENTIAL, LATEST, got "NEWEST"$/],
  ['IvsComposition', 'a layout made with neither grid() nor pip()', 'layout', ivs({ layout: {} as CompositionLayout }), /^must be made with CompositionLayout\.grid\(\) or CompositionLayout\.pip\(\)$/],
  ['IvsComposition', 'a negative grid gap', 'layout.gridGap', ivs({ layout: grid({ gridGap: -1 }) }), /^must be of at least 0, got -1$/],
  ['IvsComposition', 'a grid gap in fractions of a pixel', 'layout.gridGap', ivs({ layout: pip({ gridGap: 1.5 }) }), /^must be a whole number of at least 0, got 1.5$/],
  ['IvsComposition', 'a negative PiP offset', 'layout.pipOffset', ivs({ layout: pip({ pipOffset: -4 }) }), /^must be of at least 0, got -4$/],
  ['IvsComposition', 'a PiP offset in fractions of a pixel', 'layout.pipOffset', ivs({ layout: pip({ pipOffset: 2.5 }) }), /^must be a whole number of at least 0, got 2.5$/],
  ['IvsComposition', 'a PiP width of 0', 'layout.pipWidth', ivs({ layout: pip({ pipWidth: 0 }) }), /^must be of at least 1, got 0$/],
  ['IvsComposition', 'a PiP width on a grid', 'layout.pipWidth', ivs({ layout: grid({ pipWidth: 320 }) }), /^is a picture-in-picture option: use CompositionLayout\.pip\(\) for it$/],
  ['IvsComposition', 'a PiP height of 0', 'layout.pipHeight', ivs({ layout: pip({ pipHeight: 0 }) }), /^must be of at least 1, got 0$/],
  ['IvsComposition', 'a PiP position on a grid', 'layout.pipPosition', ivs({ layout: grid({ pipPosition: PipPosition.TOP_LEFT }) }), /^is a picture-in-picture option: use CompositionLayout\.pip\(\) for it$/],
  ['IvsComposition', 'an unknown PiP position', 'layout.pipPosition', ivs({ layout: pip({ pipPosition: 'CENTER' }) }), /^must be one of TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT, got "CENTER"$/],
  ['IvsComposition', 'an unknown PiP behavior', 'layout.pipBehavior', ivs({ layout: pip({ pipBehavior: 'FLOATING' }) }), /^must be one of STATIC, DYNAMIC, got "FLOATING"$/],
  ['IvsComposition', 'a PiP participant attribute with a space', 'layout.pipParticipantAttribute', ivs({ layout: pip({ pipParticipantAttribute: 'is guest' }) }), /^"is guest" does not match/],
  ['IvsComposition', 'a PiP participant attribute of 129 characters', 'layout.pipParticipantAttribute', ivs({ layout: pip({ pipParticipantAttribute: 'g'.repeat(129) }) }), /^must be 0 to 128 characters long, got 129/],
  ['IvsComposition', 'a PiP participant attribute on a grid', 'layout.pipParticipantAttribute', ivs({ layout: grid({ pipParticipantAttribute: 'guest' }) }), /^is a picture-in-picture option/],
  ['IvsComposition', 'an aspect ratio on picture-in-picture', 'layout.videoAspectRatio', ivs({ layout: pip({ videoAspectRatio: VideoAspectRatio.SQUARE }) }), /^is a grid option: use CompositionLayout\.grid\(\) for it$/],
  ['IvsComposition', 'an unknown aspect ratio', 'layout.videoAspectRatio', ivs({ layout: grid({ videoAspectRatio: 'WIDE' }) }), /^must be one of AUTO, VIDEO, SQUARE, PORTRAIT, got "WIDE"$/],
  ['IvsComposition', 'an unknown fill mode', 'layout.videoFillMode', ivs({ layout: grid({ videoFillMode: 'STRETCH' }) }), /^must be one of FILL, COVER, CONTAIN, got "STRETCH"$/],
  ['IvsComposition', 'a featured participant attribute with a space', 'layout.featuredParticipantAttribute', ivs({ layout: grid({ featuredParticipantAttribute: 'is host' }) }), /^"is host" does not match/],
  ['IvsComposition', 'a featured participant attribute of 129 characters', 'layout.featuredParticipantAttribute', ivs({ layout: pip({ featuredParticipantAttribute: 'h'.repeat(129) }) }), /^must be 0 to 128 characters long, got 129/],
  ['IvsComposition', '51 tags', 'tags', ivs({ tags: manyTags(51) }), /^at most 50 tags, got 51$/],
  ['IvsComposition', 'an empty tag key', 'tags', ivs({ tags: { '': 'value' } }), /^must be 1 to 128 characters long, got 0/],
  ['IvsComposition', 'a tag key of 129 characters', 'tags', ivs({ tags: { ['k'.repeat(129)]: 'value' } }), /^must be 1 to 128 characters long, got 129/],
  ['IvsComposition', 'a tag key with the aws: prefix', 'tags', ivs({ tags: { 'aws:team': 'media' } }), /^the key "aws:team" uses the reserved prefix aws:$/],
  ['IvsComposition', 'a tag key with the AWS: prefix', 'tags', ivs({ tags: { 'AWS:team': 'media' } }), /^the key "AWS:team" uses the reserved prefix aws:$/],
  ['IvsComposition', 'a tag value of 257 characters', 'tags.team', ivs({ tags: { team: 'v'.repeat(257) } }), /^must be at most 256 characters long, got 257/],
  ['IvsComposition', 'a start timeout of 0', 'startTimeout', ivs({ startTimeout: Duration.seconds(0) }), /^must be from 1 s to 480 s, got 0 s$/],
  ['IvsComposition', 'a start timeout beyond the handler\'s time', 'startTimeout', ivs({ startTimeout: Duration.minutes(9) }), /^must be from 1 s to 480 s, got 540 s$/],
  ['IvsComposition', 'a start timeout in fractions of a second', 'startTimeout', ivs({ startTimeout: Duration.millis(1500) }), /^must be a whole number from 1 s to 480 s, got 1.5 s$/],
  ['IvsComposition', 'a start timeout token in minutes', 'startTimeout', ivs({ startTimeout: Duration.minutes(numberToken('Timeout')) }), /^a token duration must be given with Duration\.seconds\(\), got one in minutes$/],
];

const TOKENS: TokenInput<IvsCompositionProps>[] = [
  ['IvsComposition', 'stage', 'fromStageArn(token)', ivs({ stage: IvsStage.fromStageArn(stringToken('StageArn')) }), { stageArn: { Ref: 'StageArn' } }],
  ['IvsComposition', 'channel.channel', 'fromChannelArn(token)', broadcast({ channel: IvsChannel.fromChannelArn(stringToken('ChannelArn')) }), { destinations: [{ channel: { channelArn: { Ref: 'ChannelArn' } } }] }],
  ['IvsComposition', 'channel.encoderConfiguration', 'fromEncoderConfigurationArn(token)', broadcast({ encoderConfiguration: IvsEncoderConfiguration.fromEncoderConfigurationArn(stringToken('EncoderArn')) }), {
    destinations: [{ channel: { encoderConfigurationArn: { Ref: 'EncoderArn' } } }],
  }],
  ['IvsComposition', 'channel.name', 'a string token', broadcast({ name: stringToken('Name') }), { destinations: [{ name: { Ref: 'Name' } }] }],
  ['IvsComposition', 's3.storageConfiguration', 'fromStorageConfigurationArn(token)', recording({ storageConfiguration: IvsStorageConfiguration.fromStorageConfigurationArn(stringToken('StorageArn')) }), {
    destinations: [{ s3: { storageConfigurationArn: { Ref: 'StorageArn' } } }],
  }],
  ['IvsComposition', 's3.encoderConfiguration', 'fromEncoderConfigurationArn(token)', recording({ encoderConfiguration: IvsEncoderConfiguration.fromEncoderConfigurationArn(stringToken('EncoderArn')) }), {
    destinations: [{ s3: { encoderConfigurationArns: [{ Ref: 'EncoderArn' }] } }],
  }],
  ['IvsComposition', 's3.name', 'a string token', recording({ name: stringToken('Name') }), { destinations: [{ name: { Ref: 'Name' } }] }],
  ['IvsComposition', 's3.hlsTargetSegmentDuration', 'Duration.seconds(token)', recording({ hlsTargetSegmentDuration: Duration.seconds(numberToken('Segment')) }), {
    destinations: [{ s3: { recordingConfiguration: { hlsConfiguration: { targetSegmentDurationSeconds: { Ref: 'Segment' } } } } }],
  }],
  ['IvsComposition', 's3.thumbnails.interval', 'Duration.seconds(token)', recording({ thumbnails: { interval: Duration.seconds(numberToken('Interval')) } }), {
    destinations: [{ s3: { thumbnailConfigurations: [{ targetIntervalSeconds: { Ref: 'Interval' } }] } }],
  }],
  ['IvsComposition', 's3.thumbnails.storage', 'a list token', recording({ thumbnails: { storage: Token.asList({ Ref: 'Storage' }) as ThumbnailStorage[] } }), {
    destinations: [{ s3: { thumbnailConfigurations: [{ storage: { Ref: 'Storage' } }] } }],
  }],
  ['IvsComposition', 'layout.gridGap', 'a number token', ivs({ layout: grid({ gridGap: numberToken('Gap') }) }), { layout: { grid: { gridGap: { Ref: 'Gap' } } } }],
  ['IvsComposition', 'layout.pipOffset', 'a number token', ivs({ layout: pip({ pipOffset: numberToken('Offset') }) }), { layout: { pip: { pipOffset: { Ref: 'Offset' } } } }],
  ['IvsComposition', 'layout.pipWidth', 'a number token', ivs({ layout: pip({ pipWidth: numberToken('Width') }) }), { layout: { pip: { pipWidth: { Ref: 'Width' } } } }],
  ['IvsComposition', 'layout.pipHeight', 'a number token', ivs({ layout: pip({ pipHeight: numberToken('Height') }) }), { layout: { pip: { pipHeight: { Ref: 'Height' } } } }],
  ['IvsComposition', 'layout.pipParticipantAttribute', 'a string token', ivs({ layout: pip({ pipParticipantAttribute: stringToken('Guest') }) }), { layout: { pip: { pipParticipantAttribute: { Ref: 'Guest' } } } }],
  ['IvsComposition', 'layout.featuredParticipantAttribute', 'a string token', ivs({ layout: grid({ featuredParticipantAttribute: stringToken('Host') }) }), { layout: { grid: { featuredParticipantAttribute: { Ref: 'Host' } } } }],
  ['IvsComposition', 'tags.team', 'a string token', ivs({ tags: { team: stringToken('Team') } }), { tags: { team: { Ref: 'Team' } } }],
  ['IvsComposition', 'startTimeout', 'Duration.seconds(token)', ivs({ startTimeout: Duration.seconds(numberToken('Timeout')) }), { StartTimeoutSeconds: { Ref: 'Timeout' } }],
];

/** The props of the bad-input table that cannot hold a token, keyed `<construct> <prop>`, with the reason. */
const NOT_TOKENIZABLE: Record<string, string> = {
  'IvsComposition channel': 'the destination struct, whose absence (with no s3) is the error; its members take tokens (channel.*)',
  'IvsComposition layout': 'a CompositionLayout object: grid or picture-in-picture is chosen at synth by CompositionLayout.grid() or .pip()',
  'IvsComposition layout.pipPosition': 'an enum: other languages can pass only its members',
  'IvsComposition layout.pipBehavior': 'an enum: other languages can pass only its members',
  'IvsComposition layout.videoAspectRatio': 'an enum: other languages can pass only its members',
  'IvsComposition layout.videoFillMode': 'an enum: other languages can pass only its members',
  'IvsComposition s3.thumbnails.storage[0]': 'an enum member of the list (the whole list may be a list token: s3.thumbnails.storage)',
  'IvsComposition tags': 'the tag map and its keys: CloudFormation takes no token as a map key; the values take tokens (tags.<key>)',
};

describeBadInput('IvsComposition', {
  build: (stack, props) => new IvsComposition(stack, ID, props),
  resourceType: 'Custom::IvsComposition',
  everyProp: [
    ivs({
      layout: CompositionLayout.pip({
        featuredParticipantAttribute: 'host',
        omitStoppedVideo: true,
        videoFillMode: VideoFillMode.COVER,
        gridGap: 2,
        pipParticipantAttribute: 'guest',
        pipBehavior: PipBehavior.DYNAMIC,
        pipOffset: 8,
        pipPosition: PipPosition.TOP_LEFT,
        pipWidth: 320,
        pipHeight: 180,
      }),
      channel: { channel: IvsChannel.fromChannelArn(CHANNEL_ARN), encoderConfiguration: IvsEncoderConfiguration.fromEncoderConfigurationArn(ENCODER_ARN), name: 'live' },
      s3: {
        storageConfiguration: IvsStorageConfiguration.fromStorageConfigurationArn(STORAGE_ARN),
        encoderConfiguration: IvsEncoderConfiguration.fromEncoderConfigurationArn(ENCODER_ARN),
        hlsTargetSegmentDuration: Duration.seconds(4),
        thumbnails: { interval: Duration.seconds(30), storage: [ThumbnailStorage.LATEST] },
        name: 'recording',
      },
      tags: { team: 'media' },
      startTimeout: Duration.minutes(3),
    }),
    ivs({ layout: grid({ featuredParticipantAttribute: 'host', videoFillMode: VideoFillMode.FILL, gridGap: 4, videoAspectRatio: VideoAspectRatio.SQUARE }) }),
  ],
  minRows: 57,
}, BAD_INPUT, TOKENS, NOT_TOKENIZABLE);
