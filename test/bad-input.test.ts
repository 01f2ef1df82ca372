/**
 * Issue 5: invalid props of the three constructs, each rejected at synth with
 * an error naming the construct path and the prop (BAD_INPUT), and the same
 * props given as unresolved tokens accepted and sent to the handler as they
 * are (TOKENS), or listed in NOT_TOKENIZABLE with the reason they cannot be.
 */
import { App, Duration, Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import {
  CompositionLayout,
  ImageDestination,
  ImageFormat,
  ImageSelectorType,
  IvsChannel,
  IvsComposition,
  IvsEncoderConfiguration,
  IvsStage,
  IvsStorageConfiguration,
  KvsImageGeneration,
  KvsStream,
  MediaInsightsPipeline,
  PipBehavior,
  PipPosition,
  ThumbnailStorage,
  VideoAspectRatio,
  VideoFillMode,
  VoiceAnalysis,
  VoiceAnalyticsTask,
  VoiceToneLanguage,
} from '../src';
import type {
  ChannelDestinationOptions,
  GridLayoutOptions,
  IvsCompositionProps,
  KvsImageGenerationProps,
  PipLayoutOptions,
  S3DestinationOptions,
  VoiceAnalyticsTaskProps,
} from '../src';
import { CHANNEL_ARN, DOMAIN_ARN, ENCODER_ARN, PIPELINE_ARN, PIPELINE_ID, STAGE_ARN, STORAGE_ARN, STREAM_ARN, TEST_ENV as ENV } from './helpers/fixtures';
import { PropValidator } from '../src/core/validation';

/** The id of the construct under test; its path is `TestStack/Subject`. */
const ID = 'Subject';


/** The props of each construct, by the construct's name. */
interface PropsOf {
  KvsImageGeneration: KvsImageGenerationProps;
  IvsComposition: IvsCompositionProps;
  VoiceAnalyticsTask: VoiceAnalyticsTaskProps;
}
type ConstructName = keyof PropsOf;
type PropsBuilder<C extends ConstructName> = (stack: Stack) => PropsOf[C];

type Change<P> = Partial<P> | ((stack: Stack) => Partial<P>);

/** Complete, valid props with `change` applied. */
function complete<P>(valid: P, change: Change<P>): (stack: Stack) => P {
  return (stack) => ({ ...valid, ...(typeof change === 'function' ? change(stack) : change) });
}

function kvs(change: Change<KvsImageGenerationProps>) {
  return complete<KvsImageGenerationProps>({ stream: KvsStream.fromStreamName('camera'), destination: ImageDestination.fromUri('s3://bucket/prefix') }, change);
}

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

function chime(change: Change<VoiceAnalyticsTaskProps>) {
  return complete<VoiceAnalyticsTaskProps>({
    mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineId(PIPELINE_ID),
    analysis: VoiceAnalysis.voiceToneAnalysis(),
    source: KvsStream.fromStreamArn(STREAM_ARN),
  }, change);
}

/** Layout options the types forbid (unknown enum values, options of the other layout), as other languages may pass them. */
const grid = (options: GridLayoutOptions | object) => CompositionLayout.grid(options as GridLayoutOptions);
const pip = (options: PipLayoutOptions | object) => CompositionLayout.pip(options as PipLayoutOptions);
const manyTags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`key${i}`, 'value']));
const numberToken = (ref: string) => Token.asNumber({ Ref: ref });
const stringToken = (ref: string) => Token.asString({ Ref: ref });

/** Per construct: how to build it, its custom resource type, and props that set every validated prop to a valid value. */
interface ConstructUnderTest<C extends ConstructName> {
  readonly build: (stack: Stack, props: PropsOf[C]) => void;
  readonly resourceType: string;
  readonly everyProp: PropsBuilder<C>[];
}

const CONSTRUCTS: { [C in ConstructName]: ConstructUnderTest<C> } = {
  KvsImageGeneration: {
    build: (stack, props) => new KvsImageGeneration(stack, ID, props),
    resourceType: 'Custom::KvsImageGeneration',
    everyProp: [(stack) => ({
      stream: KvsStream.fromStreamArn(STREAM_ARN),
      destination: ImageDestination.fromBucket(Bucket.fromBucketName(stack, 'Bucket', 'bucket'), { keyPrefix: 'images/' }),
      samplingInterval: Duration.seconds(1),
      format: ImageFormat.JPEG,
      jpegQuality: 80,
      widthPixels: 640,
      heightPixels: 480,
      imageSelectorType: ImageSelectorType.PRODUCER_TIMESTAMP,
      enabled: true,
    }), kvs({ stream: KvsStream.fromStreamName('camera') })],
  },
  IvsComposition: {
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
  },
  VoiceAnalyticsTask: {
    build: (stack, props) => new VoiceAnalyticsTask(stack, ID, props),
    resourceType: 'Custom::VoiceAnalyticsTask',
    everyProp: [
      chime({ analysis: VoiceAnalysis.voiceToneAnalysis({ languageCode: VoiceToneLanguage.EN_US }), channelId: 1, fragmentNumber: '1234', startTimeout: Duration.minutes(1) }),
      chime({
        mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineArn(PIPELINE_ARN),
        analysis: VoiceAnalysis.speakerSearch({ voiceProfileDomainArn: DOMAIN_ARN }),
      }),
    ],
  },
};

/** A row: the construct, the case, the prop the error names, complete props but for the bad value, and what the error says about the prop. */
type BadInput = { [C in ConstructName]: [construct: C, name: string, prop: string, props: PropsBuilder<C>, message: RegExp] }[ConstructName];

const BAD_INPUT: BadInput[] = [
  ['KvsImageGeneration', 'a sampling interval under 200 ms', 'samplingInterval', kvs({ samplingInterval: Duration.millis(199) }), /^must be from 200 to 2147483647, got 199$/],
  ['KvsImageGeneration', 'a sampling interval over the 32-bit limit', 'samplingInterval', kvs({ samplingInterval: Duration.millis(2 ** 31) }), /^must be from 200 to 2147483647, got 2147483648$/],
  ['KvsImageGeneration', 'a sampling interval in fractions of a millisecond', 'samplingInterval', kvs({ samplingInterval: Duration.millis(200.5) }), /^must be a whole number from 200 to 2147483647, got 200.5$/],
  ['KvsImageGeneration', 'a sampling interval token in seconds', 'samplingInterval', kvs({ samplingInterval: Duration.seconds(numberToken('Interval')) }), /^a token duration must be given with Duration\.millis\(\), got one in seconds$/],
  ['KvsImageGeneration', 'an unknown format', 'format', kvs({ format: 'GIF' as ImageFormat }), /^must be one of JPEG, PNG, got "GIF"$/],
  ['KvsImageGeneration', 'JPEG quality 0', 'jpegQuality', kvs({ jpegQuality: 0 }), /^must be from 1 to 100, got 0$/],
  ['KvsImageGeneration', 'JPEG quality 101', 'jpegQuality', kvs({ jpegQuality: 101 }), /^must be from 1 to 100, got 101$/],
  ['KvsImageGeneration', 'JPEG quality not whole', 'jpegQuality', kvs({ jpegQuality: 50.5 }), /^must be a whole number from 1 to 100, got 50.5$/],
  ['KvsImageGeneration', 'JPEG quality with PNG', 'jpegQuality', kvs({ format: ImageFormat.PNG, jpegQuality: 80 }), /^only applies to ImageFormat\.JPEG, but format is PNG$/],
  ['KvsImageGeneration', 'width 0', 'widthPixels', kvs({ widthPixels: 0 }), /^must be from 1 to 3840, got 0$/],
  ['KvsImageGeneration', 'width 3841', 'widthPixels', kvs({ widthPixels: 3841 }), /^must be from 1 to 3840, got 3841$/],
  ['KvsImageGeneration', 'width not whole', 'widthPixels', kvs({ widthPixels: 640.5 }), /^must be a whole number from 1 to 3840, got 640.5$/],
  ['KvsImageGeneration', 'height 0', 'heightPixels', kvs({ heightPixels: 0 }), /^must be from 1 to 2160, got 0$/],
  ['KvsImageGeneration', 'height 2161', 'heightPixels', kvs({ heightPixels: 2161 }), /^must be from 1 to 2160, got 2161$/],
  ['KvsImageGeneration', 'an unknown image selector type', 'imageSelectorType', kvs({ imageSelectorType: 'ARRIVAL_TIMESTAMP' as ImageSelectorType }), /^must be one of SERVER_TIMESTAMP, PRODUCER_TIMESTAMP, got "ARRIVAL_TIMESTAMP"$/],
  ['KvsImageGeneration', 'a stream name with a space', 'stream', kvs({ stream: KvsStream.fromStreamName('my camera') }), /^"my camera" does not match .* \(a Kinesis Video stream name\)$/],
  ['KvsImageGeneration', 'a stream name too long', 'stream', kvs({ stream: KvsStream.fromStreamName('x'.repeat(257)) }), /^must be 1 to 256 characters long, got 257/],
  ['KvsImageGeneration', 'an empty stream name', 'stream', kvs({ stream: KvsStream.fromStreamName('') }), /^must be 1 to 256 characters long, got 0/],
  ['KvsImageGeneration', 'a stream ARN of another service', 'stream', kvs({ stream: KvsStream.fromStreamArn('arn:aws:kinesis:us-east-1:123456789012:stream/camera') }), /^".*" does not match .*kinesisvideo.* \(a Kinesis Video stream ARN\)$/],
  ['KvsImageGeneration', 'a stream ARN without its creation time', 'stream', kvs({ stream: KvsStream.fromStreamArn('arn:aws:kinesisvideo:us-east-1:123456789012:stream/camera') }), /^".*stream\/camera" does not match/],
  ['KvsImageGeneration', 'a stream in another Region', 'stream', kvs({ stream: KvsStream.fromStreamArn(STREAM_ARN.replace('us-east-1', 'eu-west-1')) }), /^the stream is in Region eu-west-1 but the stack is in us-east-1/],
  ['KvsImageGeneration', 'a CfnStream without retention', 'stream', kvs((stack) => ({ stream: KvsStream.fromCfnStream(new CfnStream(stack, 'Stream', {})) })), /^image generation needs data retention: set dataRetentionInHours above 0 on the CfnStream$/],
  ['KvsImageGeneration', 'a CfnStream with retention 0', 'stream', kvs((stack) => ({ stream: KvsStream.fromCfnStream(new CfnStream(stack, 'Stream', { dataRetentionInHours: 0 })) })), /^image generation needs data retention/],
  ['KvsImageGeneration', 'a URI without a scheme', 'destination', kvs({ destination: ImageDestination.fromUri('bucket/prefix') }), /^"bucket\/prefix" does not match .* \(e\.g\. s3:\/\/bucket\/prefix\)$/],
  ['KvsImageGeneration', 'a URI too long', 'destination', kvs({ destination: ImageDestination.fromUri(`s3://b/${'p'.repeat(249)}`) }), /^must be 1 to 255 characters long, got 256/],
  ['KvsImageGeneration', 'an empty URI', 'destination', kvs({ destination: ImageDestination.fromUri('') }), /^must be 1 to 255 characters long, got 0/],
  ['KvsImageGeneration', 'a key prefix with *', 'destination', kvs((stack) => ({ destination: ImageDestination.fromBucket(Bucket.fromBucketName(stack, 'Bucket', 'bucket'), { keyPrefix: 'a*' }) })), /^the key prefix "a\*" must not contain '\*'$/],

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
  ['IvsComposition', 'an HLS segment of 1 s', 's3.hlsTargetSegmentDuration', recording({ hlsTargetSegmentDuration: Duration.seconds(1) }), /^must be from 2 to 10, got 1$/],
  ['IvsComposition', 'an HLS segment of 11 s', 's3.hlsTargetSegmentDuration', recording({ hlsTargetSegmentDuration: Duration.seconds(11) }), /^must be from 2 to 10, got 11$/],
  ['IvsComposition', 'an HLS segment in fractions of a second', 's3.hlsTargetSegmentDuration', recording({ hlsTargetSegmentDuration: Duration.millis(2500) }), /^must be a whole number from 2 to 10, got 2.5$/],
  ['IvsComposition', 'an HLS segment token in minutes', 's3.hlsTargetSegmentDuration', recording({ hlsTargetSegmentDuration: Duration.minutes(numberToken('Segment')) }), /^a token duration must be given with Duration\.seconds\(\), got one in minutes$/],
  ['IvsComposition', 'a thumbnail interval of 0 s', 's3.thumbnails.interval', recording({ thumbnails: { interval: Duration.seconds(0) } }), /^must be from 1 to 86400, got 0$/],
  ['IvsComposition', 'a thumbnail interval over a day', 's3.thumbnails.interval', recording({ thumbnails: { interval: Duration.seconds(86_401) } }), /^must be from 1 to 86400, got 86401$/],
  ['IvsComposition', 'a thumbnail interval in fractions of a second', 's3.thumbnails.interval', recording({ thumbnails: { interval: Duration.millis(1500) } }), /^must be a whole number from 1 to 86400, got 1.5$/],
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
  ['IvsComposition', 'a start timeout of 0', 'startTimeout', ivs({ startTimeout: Duration.seconds(0) }), /^must be from 1 to 480, got 0$/],
  ['IvsComposition', 'a start timeout beyond the handler\'s time', 'startTimeout', ivs({ startTimeout: Duration.minutes(9) }), /^must be from 1 to 480, got 540$/],
  ['IvsComposition', 'a start timeout in fractions of a second', 'startTimeout', ivs({ startTimeout: Duration.millis(1500) }), /^must be a whole number from 1 to 480, got 1.5$/],
  ['IvsComposition', 'a start timeout token in minutes', 'startTimeout', ivs({ startTimeout: Duration.minutes(numberToken('Timeout')) }), /^a token duration must be given with Duration\.seconds\(\), got one in minutes$/],

  ['VoiceAnalyticsTask', 'a pipeline ID that is not a UUID', 'mediaInsightsPipeline', chime({ mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineId('my-pipeline') }), /^must be 36 to 36 characters long, got 11/],
  ['VoiceAnalyticsTask', 'an empty pipeline ID', 'mediaInsightsPipeline', chime({ mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineId('') }), /^must be 36 to 36 characters long, got 0/],
  ['VoiceAnalyticsTask', 'a pipeline ID with a character outside the UUID alphabet', 'mediaInsightsPipeline', chime({ mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineId(PIPELINE_ID.replace('0', 'g')) }), /^".*" does not match .* \(a media insights pipeline ID, a UUID\)$/],
  ['VoiceAnalyticsTask', 'a blank pipeline ARN', 'mediaInsightsPipeline', chime({ mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineArn(' ') }), /^" " does not match \\S$/],
  ['VoiceAnalyticsTask', 'a pipeline ARN of another service', 'mediaInsightsPipeline', chime({ mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineArn(STREAM_ARN) }), /^".*" is not a media insights pipeline ARN/],
  ['VoiceAnalyticsTask', 'a pipeline ARN of another resource type', 'mediaInsightsPipeline', chime({ mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineArn(DOMAIN_ARN) }), /^".*" is not a media insights pipeline ARN/],
  ['VoiceAnalyticsTask', 'a pipeline in another Region', 'mediaInsightsPipeline', chime({ mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineArn(PIPELINE_ARN.replace('us-east-1', 'eu-west-1')) }), /^the pipeline is in Region eu-west-1 but the stack is in us-east-1$/],
  ['VoiceAnalyticsTask', 'a pipeline in another account', 'mediaInsightsPipeline', chime({ mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineArn(PIPELINE_ARN.replace('123456789012', '210987654321')) }), /^the pipeline is in account 210987654321 but the stack is in 123456789012$/],
  ['VoiceAnalyticsTask', 'an analysis of an unknown kind', 'analysis', chime({ analysis: { kind: 'Transcription' } as unknown as VoiceAnalysis }), /^must be one of VoiceToneAnalysis, SpeakerSearch, got "Transcription"$/],
  ['VoiceAnalyticsTask', 'a language the service does not analyse', 'analysis.languageCode', chime({ analysis: VoiceAnalysis.voiceToneAnalysis({ languageCode: 'fr-FR' as VoiceToneLanguage }) }), /^must be one of en-US, got "fr-FR"$/],
  ['VoiceAnalyticsTask', 'a voice profile domain that is not an ARN', 'analysis.voiceProfileDomainArn', chime({ analysis: VoiceAnalysis.speakerSearch({ voiceProfileDomainArn: 'my-domain' }) }), /^"my-domain" does not match .* \(a voice profile domain ARN\)$/],
  ['VoiceAnalyticsTask', 'an empty voice profile domain ARN', 'analysis.voiceProfileDomainArn', chime({ analysis: VoiceAnalysis.speakerSearch({ voiceProfileDomainArn: '' }) }), /^must be 1 to 1024 characters long, got 0/],
  ['VoiceAnalyticsTask', 'a voice profile domain ARN over 1024 characters', 'analysis.voiceProfileDomainArn', chime({ analysis: VoiceAnalysis.speakerSearch({ voiceProfileDomainArn: `${DOMAIN_ARN}${'a'.repeat(1024)}` }) }), /^must be 1 to 1024 characters long, got 11\d\d/],
  ['VoiceAnalyticsTask', 'a voice profile domain ARN of another resource type', 'analysis.voiceProfileDomainArn', chime({ analysis: VoiceAnalysis.speakerSearch({ voiceProfileDomainArn: PIPELINE_ARN }) }), /^".*" is not a voice profile domain ARN/],
  ['VoiceAnalyticsTask', 'a voice profile domain ARN of another service', 'analysis.voiceProfileDomainArn', chime({ analysis: VoiceAnalysis.speakerSearch({ voiceProfileDomainArn: DOMAIN_ARN.replace(':chime:', ':voiceid:') }) }), /^".*:voiceid:.*" is not a voice profile domain ARN \(arn:<partition>:chime:/],
  ['VoiceAnalyticsTask', 'a stream known by name only', 'source', chime({ source: KvsStream.fromStreamName('agent-call') }), /^the stream "agent-call" is known by name only .* use KvsStream\.fromCfnStream or KvsStream\.fromStreamArn$/],
  ['VoiceAnalyticsTask', 'a stream ARN without its creation time', 'source', chime({ source: KvsStream.fromStreamArn('arn:aws:kinesisvideo:us-east-1:123456789012:stream/agent-call') }), /^".*" does not match .* \(a Kinesis Video stream ARN\)$/],
  ['VoiceAnalyticsTask', 'a stream ARN of another service', 'source', chime({ source: KvsStream.fromStreamArn('arn:aws:kinesis:us-east-1:123456789012:stream/agent-call/1') }), /^".*" does not match/],
  ['VoiceAnalyticsTask', 'a stream ARN over 1024 characters', 'source', chime({ source: KvsStream.fromStreamArn(`arn:aws:kinesisvideo:us-east-1:123456789012:stream/${'s'.repeat(1000)}/1`) }), /^must be 1 to 1024 characters long, got 10\d\d/],
  ['VoiceAnalyticsTask', 'channel 2', 'channelId', chime({ channelId: 2 }), /^must be from 0 to 1, got 2$/],
  ['VoiceAnalyticsTask', 'channel -1', 'channelId', chime({ channelId: -1 }), /^must be from 0 to 1, got -1$/],
  ['VoiceAnalyticsTask', 'a channel that is not a whole number', 'channelId', chime({ channelId: 0.5 }), /^must be a whole number from 0 to 1, got 0.5$/],
  ['VoiceAnalyticsTask', 'a fragment number with letters', 'fragmentNumber', chime({ fragmentNumber: '12ab' }), /^"12ab" does not match \^\[0-9\]\+\$ \(digits only\)$/],
  ['VoiceAnalyticsTask', 'an empty fragment number', 'fragmentNumber', chime({ fragmentNumber: '' }), /^must be 1 to 128 characters long, got 0/],
  ['VoiceAnalyticsTask', 'a fragment number over 128 digits', 'fragmentNumber', chime({ fragmentNumber: '1'.repeat(129) }), /^must be 1 to 128 characters long, got 129/],
  ['VoiceAnalyticsTask', 'a start timeout over 8 minutes', 'startTimeout', chime({ startTimeout: Duration.minutes(9) }), /^must be from 10 to 480, got 540$/],
  ['VoiceAnalyticsTask', 'a start timeout under 10 seconds', 'startTimeout', chime({ startTimeout: Duration.seconds(5) }), /^must be from 10 to 480, got 5$/],
  ['VoiceAnalyticsTask', 'a start timeout in fractions of a second', 'startTimeout', chime({ startTimeout: Duration.millis(30_500) }), /^must be a whole number from 10 to 480, got 30.5$/],
  ['VoiceAnalyticsTask', 'a start timeout in fractions of a millisecond', 'startTimeout', chime({ startTimeout: Duration.millis(30_000.5) }), /^must be a whole number from 10 to 480, got 30.0005$/],
  ['VoiceAnalyticsTask', 'a start timeout token in minutes', 'startTimeout', chime({ startTimeout: Duration.minutes(numberToken('Timeout')) }), /^a token duration must be given with Duration\.seconds\(\), got one in minutes$/],
  ['VoiceAnalyticsTask', 'a start timeout without waiting', 'startTimeout', chime({ waitForInProgress: false, startTimeout: Duration.minutes(1) }), /^only applies when waitForInProgress is true$/],
];

/** A row: the construct, the prop, how the token is given, complete props with the token in that prop, and what the handler is sent. */
type TokenInput = {
  [C in ConstructName]: [construct: C, prop: string, how: string, props: PropsBuilder<C>, sent: Record<string, unknown>]
}[ConstructName];

const TOKENS: TokenInput[] = [
  ['KvsImageGeneration', 'samplingInterval', 'Duration.millis(token)', kvs({ samplingInterval: Duration.millis(numberToken('Interval')) }), { ImageGenerationConfiguration: { SamplingInterval: { Ref: 'Interval' } } }],
  ['KvsImageGeneration', 'jpegQuality', 'a number token', kvs({ jpegQuality: numberToken('Quality') }), { ImageGenerationConfiguration: { FormatConfig: { JPEGQuality: { Ref: 'Quality' } } } }],
  ['KvsImageGeneration', 'widthPixels', 'a number token', kvs({ widthPixels: numberToken('Width') }), { ImageGenerationConfiguration: { WidthPixels: { Ref: 'Width' } } }],
  ['KvsImageGeneration', 'heightPixels', 'a number token', kvs({ heightPixels: numberToken('Height') }), { ImageGenerationConfiguration: { HeightPixels: { Ref: 'Height' } } }],
  ['KvsImageGeneration', 'stream', 'fromStreamName(token)', kvs({ stream: KvsStream.fromStreamName(stringToken('StreamName')) }), { StreamName: { Ref: 'StreamName' } }],
  ['KvsImageGeneration', 'stream', 'fromStreamArn(token)', kvs({ stream: KvsStream.fromStreamArn(stringToken('StreamArn')) }), { StreamARN: { Ref: 'StreamArn' } }],
  ['KvsImageGeneration', 'stream', 'a CfnStream whose retention is a token', kvs((stack) => ({ stream: KvsStream.fromCfnStream(new CfnStream(stack, 'Stream', { dataRetentionInHours: numberToken('Retention') })) })), { StreamARN: { 'Fn::GetAtt': ['Stream', 'Arn'] } }],
  ['KvsImageGeneration', 'destination', 'fromUri(token)', kvs({ destination: ImageDestination.fromUri(stringToken('Uri')) }), { ImageGenerationConfiguration: { DestinationConfig: { Uri: { Ref: 'Uri' } } } }],
  ['KvsImageGeneration', 'destination', 'fromBucket with a token bucket name and key prefix', kvs((stack) => ({ destination: ImageDestination.fromBucket(Bucket.fromBucketName(stack, 'Bucket', stringToken('BucketName')), { keyPrefix: stringToken('KeyPrefix') }) })), {
    ImageGenerationConfiguration: { DestinationConfig: { Uri: { 'Fn::Join': ['', ['s3://', { Ref: 'BucketName' }, '/', { Ref: 'KeyPrefix' }]] } } },
  }],

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

  ['VoiceAnalyticsTask', 'mediaInsightsPipeline', 'fromPipelineId(token)', chime({ mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineId(stringToken('PipelineId')) }), { Identifier: { Ref: 'PipelineId' } }],
  ['VoiceAnalyticsTask', 'mediaInsightsPipeline', 'fromPipelineArn(token)', chime({ mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineArn(stringToken('PipelineArn')) }), { Identifier: { Ref: 'PipelineArn' } }],
  ['VoiceAnalyticsTask', 'analysis.voiceProfileDomainArn', 'a string token', chime({ analysis: VoiceAnalysis.speakerSearch({ voiceProfileDomainArn: stringToken('DomainArn') }) }), { VoiceProfileDomainArn: { Ref: 'DomainArn' } }],
  ['VoiceAnalyticsTask', 'source', 'fromStreamArn(token)', chime({ source: KvsStream.fromStreamArn(stringToken('StreamArn')) }), { KinesisVideoStreamSourceTaskConfiguration: { StreamArn: { Ref: 'StreamArn' } } }],
  ['VoiceAnalyticsTask', 'source', 'a CfnStream (its Arn attribute), retention unset', chime((stack) => ({ source: KvsStream.fromCfnStream(new CfnStream(stack, 'Stream', {})) })), {
    KinesisVideoStreamSourceTaskConfiguration: { StreamArn: { 'Fn::GetAtt': ['Stream', 'Arn'] } },
  }],
  ['VoiceAnalyticsTask', 'channelId', 'a number token', chime({ channelId: numberToken('Channel') }), { KinesisVideoStreamSourceTaskConfiguration: { ChannelId: { Ref: 'Channel' } } }],
  ['VoiceAnalyticsTask', 'fragmentNumber', 'a string token', chime({ fragmentNumber: stringToken('Fragment') }), { KinesisVideoStreamSourceTaskConfiguration: { FragmentNumber: { Ref: 'Fragment' } } }],
  ['VoiceAnalyticsTask', 'startTimeout', 'Duration.seconds(token)', chime({ startTimeout: Duration.seconds(numberToken('Timeout')) }), { StartTimeoutSeconds: { Ref: 'Timeout' } }],
];

/** The props of the bad-input table that cannot hold a token, keyed `<construct> <prop>`, with the reason. */
const NOT_TOKENIZABLE: Record<string, string> = {
  'KvsImageGeneration format': 'an enum: other languages can pass only its members, and jpegQuality is checked against it at synth',
  'KvsImageGeneration imageSelectorType': 'an enum: other languages can pass only its members',
  'IvsComposition channel': 'the destination struct, whose absence (with no s3) is the error; its members take tokens (channel.*)',
  'IvsComposition layout': 'a CompositionLayout object: grid or picture-in-picture is chosen at synth by CompositionLayout.grid() or .pip()',
  'IvsComposition layout.pipPosition': 'an enum: other languages can pass only its members',
  'IvsComposition layout.pipBehavior': 'an enum: other languages can pass only its members',
  'IvsComposition layout.videoAspectRatio': 'an enum: other languages can pass only its members',
  'IvsComposition layout.videoFillMode': 'an enum: other languages can pass only its members',
  'IvsComposition s3.thumbnails.storage[0]': 'an enum member of the list (the whole list may be a list token: s3.thumbnails.storage)',
  'IvsComposition tags': 'the tag map and its keys: CloudFormation takes no token as a map key; the values take tokens (tags.<key>)',
  'VoiceAnalyticsTask analysis': 'a VoiceAnalysis object: its kind picks the API and the IAM actions at synth',
  'VoiceAnalyticsTask analysis.languageCode': 'an enum: other languages can pass only its members',
};

function newStack() {
  return new Stack(new App(), 'TestStack', { env: ENV });
}

/** Builds the construct in a stack of its own; the cast stands for the correlation of the construct and its props that TypeScript cannot follow. */
function build(construct: ConstructName, props: PropsBuilder<ConstructName>): Stack {
  const stack = newStack();
  (CONSTRUCTS[construct].build as (stack: Stack, props: unknown) => void)(stack, props(stack));
  return stack;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('bad input', () => {
  test.each(BAD_INPUT)('%s rejects %s, naming the construct path and %s', (construct, _name, prop, props, message) => {
    let error: unknown;
    try {
      build(construct, props as PropsBuilder<ConstructName>);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    const [header, ...problems] = (error as Error).message.split('\n');
    expect(header).toBe(`${construct} at 'TestStack/${ID}' has invalid props:`);
    // The props are valid but for the row's value: every problem is about the row's prop (or an entry of it).
    expect(problems).toEqual(problems.map(() => expect.stringMatching(new RegExp(`^  - ${escape(prop)}(\\[\\d+\\]|\\.[^ :]+)?: `))));
    const about = problems.filter((p) => p.startsWith(`  - ${prop}: `)).map((p) => p.slice(`  - ${prop}: `.length));
    expect(about).toContainEqual(expect.stringMatching(message));
  });

  test('the table has at least 60 rows, covers the three constructs, and names each case once', () => {
    expect(BAD_INPUT.length).toBeGreaterThanOrEqual(60);
    expect(new Set(BAD_INPUT.map(([construct]) => construct))).toEqual(new Set(Object.keys(CONSTRUCTS)));
    const cases = BAD_INPUT.map(([construct, name]) => `${construct} ${name}`);
    expect(cases.filter((c, i) => cases.indexOf(c) !== i)).toEqual([]);
  });

  test.each(Object.keys(CONSTRUCTS) as ConstructName[])('every prop %s checks has a row', (construct) => {
    const methods = ['string', 'integer', 'oneOf', 'duration'] as const;
    const spies = methods.map((method) => jest.spyOn(PropValidator.prototype, method));
    try {
      for (const props of CONSTRUCTS[construct].everyProp) build(construct, props as PropsBuilder<ConstructName>);
      const checked = new Set(spies.flatMap((spy) => spy.mock.calls.map(([prop]) => prop)));
      expect(checked.size).toBeGreaterThan(0);
      const rows = new Set(BAD_INPUT.filter((row) => row[0] === construct).map(([, , prop]) => prop));
      expect([...checked].filter((prop) => !rows.has(prop))).toEqual([]);
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
  });
});

describe('tokens in the same props', () => {
  test.each(TOKENS)('%s accepts a token in %s (%s) and sends it to the handler', (construct, _prop, _how, props, sent) => {
    let stack: Stack | undefined;
    expect(() => { stack = build(construct, props as PropsBuilder<ConstructName>); }).not.toThrow();
    Template.fromStack(stack!).hasResourceProperties(CONSTRUCTS[construct].resourceType, sent);
  });

  test('every prop of the bad-input table has a token row or a reason it cannot hold a token', () => {
    const bad = new Set(BAD_INPUT.map(([construct, , prop]) => `${construct} ${prop}`));
    const tokenized = new Set(TOKENS.map(([construct, prop]) => `${construct} ${prop}`));
    expect([...bad].filter((key) => !tokenized.has(key) && !(key in NOT_TOKENIZABLE))).toEqual([]);
    expect([...tokenized].filter((key) => key in NOT_TOKENIZABLE)).toEqual([]);
    expect([...tokenized, ...Object.keys(NOT_TOKENIZABLE)].filter((key) => !bad.has(key))).toEqual([]);
  });
});
