/**
 * The contract between the constructs (src/) and the shared handler (lambda/):
 * the custom resource types, the properties each construct sends and the
 * attributes each handler answers with. Both sides import this module.
 *
 * CloudFormation delivers every scalar of ResourceProperties as a string
 * (42 -> "42", true -> "true"), so the handler never reads properties
 * directly: it decodes them with the `decode*` functions below, which restore
 * numbers and booleans and reject anything else.
 */

import { asObject, decodeBoolean, decodeInteger, optionalBoolean, optionalInteger, optionalString, requiredString } from './wire';
import type { Wire } from './wire';

export * from './wire';

/** The `Custom::` resource types, one per construct; the handler dispatches on them. */
export const RESOURCE_TYPES = {
  kvsImageGeneration: 'Custom::KvsImageGeneration',
  ivsComposition: 'Custom::IvsComposition',
  voiceAnalyticsTask: 'Custom::VoiceAnalyticsTask',
} as const;

// ---------------------------------------------------------------------------
// KvsImageGeneration: mirrors the UpdateImageGenerationConfiguration input.
// ---------------------------------------------------------------------------

export interface ImageGenerationConfigurationContract {
  readonly Status: 'ENABLED' | 'DISABLED';
  readonly ImageSelectorType: 'SERVER_TIMESTAMP' | 'PRODUCER_TIMESTAMP';
  readonly DestinationConfig: { readonly Uri: string; readonly DestinationRegion: string };
  /** Milliseconds. */
  readonly SamplingInterval: number;
  readonly Format: 'JPEG' | 'PNG';
  /** Only `JPEGQuality` exists; the API takes its value as a string. */
  readonly FormatConfig?: { readonly JPEGQuality: string };
  readonly WidthPixels?: number;
  readonly HeightPixels?: number;
}

export interface KvsImageGenerationProperties {
  /** The stream's ARN; one of StreamARN and StreamName is given. */
  readonly StreamARN?: string;
  readonly StreamName?: string;
  readonly ImageGenerationConfiguration: ImageGenerationConfigurationContract;
}

/** The attributes (response Data) of a KvsImageGeneration resource. */
export interface KvsImageGenerationAttributes {
  readonly StreamName: string;
  readonly Status: string;
  readonly DestinationUri: string;
  readonly Format: string;
  readonly SamplingInterval: string;
}

/** The stream name in a stream ARN (`arn:...:stream/<name>/<creationTime>`); undefined if malformed. */
export function streamNameOfArn(streamArn: string): string | undefined {
  return /^arn:[^:]+:kinesisvideo:[^:]*:[^:]*:stream\/([^/]+)\/[^/]+$/.exec(streamArn)?.[1];
}

export function decodeKvsImageGenerationProperties(raw: unknown): KvsImageGenerationProperties {
  const wire = asObject(raw, 'ResourceProperties') as Wire<KvsImageGenerationProperties>;
  const config = asObject(wire.ImageGenerationConfiguration, 'ImageGenerationConfiguration') as Wire<ImageGenerationConfigurationContract>;
  const path = 'ImageGenerationConfiguration';
  return {
    StreamARN: optionalString(wire.StreamARN, 'StreamARN'),
    StreamName: optionalString(wire.StreamName, 'StreamName'),
    ImageGenerationConfiguration: {
      Status: config.Status,
      ImageSelectorType: config.ImageSelectorType,
      DestinationConfig: {
        Uri: requiredString(config.DestinationConfig?.Uri, `${path}.DestinationConfig.Uri`),
        DestinationRegion: requiredString(config.DestinationConfig?.DestinationRegion, `${path}.DestinationConfig.DestinationRegion`),
      },
      SamplingInterval: decodeInteger(config.SamplingInterval, `${path}.SamplingInterval`),
      Format: config.Format,
      FormatConfig: config.FormatConfig && { JPEGQuality: requiredString(config.FormatConfig.JPEGQuality, `${path}.FormatConfig.JPEGQuality`) },
      WidthPixels: optionalInteger(config.WidthPixels, `${path}.WidthPixels`),
      HeightPixels: optionalInteger(config.HeightPixels, `${path}.HeightPixels`),
    },
  };
}

// ---------------------------------------------------------------------------
// IvsComposition: mirrors the StartComposition input (camelCase, as the API
// takes it), plus how long Create waits for the composition to become ACTIVE.
// The idempotency token is not a property: the handler derives it from the
// CloudFormation request.
// ---------------------------------------------------------------------------

export type VideoFillModeValue = 'FILL' | 'COVER' | 'CONTAIN';

/** The members grid and picture-in-picture layouts share. */
export interface LayoutCommonContract {
  readonly featuredParticipantAttribute?: string;
  readonly omitStoppedVideo?: boolean;
  readonly videoFillMode?: VideoFillModeValue;
  readonly gridGap?: number;
}

export interface GridConfigurationContract extends LayoutCommonContract {
  readonly videoAspectRatio?: 'AUTO' | 'VIDEO' | 'SQUARE' | 'PORTRAIT';
}

export interface PipConfigurationContract extends LayoutCommonContract {
  readonly pipParticipantAttribute?: string;
  readonly pipBehavior?: 'STATIC' | 'DYNAMIC';
  readonly pipOffset?: number;
  readonly pipPosition?: 'TOP_LEFT' | 'TOP_RIGHT' | 'BOTTOM_LEFT' | 'BOTTOM_RIGHT';
  readonly pipWidth?: number;
  readonly pipHeight?: number;
}

/** Exactly one of `grid` and `pip`. */
export interface CompositionLayoutContract {
  readonly grid?: GridConfigurationContract;
  readonly pip?: PipConfigurationContract;
}

export interface ChannelDestinationContract {
  readonly channelArn: string;
  readonly encoderConfigurationArn?: string;
}

export interface ThumbnailConfigurationContract {
  readonly targetIntervalSeconds?: number;
  readonly storage?: ('SEQUENTIAL' | 'LATEST')[];
}

export interface S3DestinationContract {
  readonly storageConfigurationArn: string;
  /** Exactly one. */
  readonly encoderConfigurationArns: string[];
  readonly recordingConfiguration?: {
    readonly format?: 'HLS';
    readonly hlsConfiguration?: { readonly targetSegmentDurationSeconds?: number };
  };
  /** At most one. */
  readonly thumbnailConfigurations?: ThumbnailConfigurationContract[];
}

/** Exactly one of `channel` and `s3`. */
export interface CompositionDestinationContract {
  readonly name?: string;
  readonly channel?: ChannelDestinationContract;
  readonly s3?: S3DestinationContract;
}

export interface IvsCompositionProperties {
  readonly stageArn: string;
  readonly layout: CompositionLayoutContract;
  /** One or two: at most one channel and one s3 destination. */
  readonly destinations: CompositionDestinationContract[];
  readonly tags?: Record<string, string>;
  /** How long Create (and the start half of a replacement) waits for ACTIVE, in seconds. */
  readonly StartTimeoutSeconds: number;
}

/**
 * The attributes (response Data) of an IvsComposition resource. The S3 keys
 * are present only for a composition with an S3 destination, the channel key
 * only for one with a channel destination.
 */
export interface IvsCompositionAttributes {
  readonly CompositionArn: string;
  readonly ChannelDestinationId?: string;
  readonly S3DestinationId?: string;
  /** Empty when the service did not report it. */
  readonly S3RecordingPrefix?: string;
}

/** The longest `startTimeout` a construct accepts: with the stop wait of a replacement it fits the handler's 10 minutes. */
export const IVS_COMPOSITION_MAX_START_TIMEOUT_SECONDS = 480;

/** How long a Delete or a replacement waits for a stopped composition to be gone. */
export const IVS_COMPOSITION_STOP_WAIT_SECONDS = 60;

export function decodeIvsCompositionProperties(raw: unknown): IvsCompositionProperties {
  const wire = asObject(raw, 'ResourceProperties') as Wire<IvsCompositionProperties>;
  return {
    stageArn: requiredString(wire.stageArn, 'stageArn'),
    layout: decodeLayout(wire.layout === undefined ? { grid: {} } : asObject(wire.layout, 'layout')),
    destinations: listOf(wire.destinations, 'destinations').map((d, i) => decodeDestination(asObject(d, `destinations[${i}]`), `destinations[${i}]`)),
    tags: wire.tags === undefined ? undefined : decodeTags(asObject(wire.tags, 'tags')),
    StartTimeoutSeconds: decodeInteger(wire.StartTimeoutSeconds, 'StartTimeoutSeconds'),
  };
}

function decodeLayout(layout: Wire<CompositionLayoutContract>): CompositionLayoutContract {
  if (layout.grid !== undefined && layout.pip !== undefined) {
    throw new Error('Property layout must have one of grid and pip, not both');
  }
  if (layout.pip !== undefined) {
    const pip = asObject(layout.pip, 'layout.pip') as Wire<PipConfigurationContract>;
    return {
      pip: {
        ...decodeLayoutCommon(pip, 'layout.pip'),
        pipParticipantAttribute: optionalString(pip.pipParticipantAttribute, 'layout.pip.pipParticipantAttribute'),
        pipBehavior: pip.pipBehavior,
        pipOffset: optionalInteger(pip.pipOffset, 'layout.pip.pipOffset'),
        pipPosition: pip.pipPosition,
        pipWidth: optionalInteger(pip.pipWidth, 'layout.pip.pipWidth'),
        pipHeight: optionalInteger(pip.pipHeight, 'layout.pip.pipHeight'),
      },
    };
  }
  // CloudFormation may drop an empty object: no grid options is the default grid.
  const grid = asObject(layout.grid ?? {}, 'layout.grid') as Wire<GridConfigurationContract>;
  return { grid: { ...decodeLayoutCommon(grid, 'layout.grid'), videoAspectRatio: grid.videoAspectRatio } };
}

function decodeLayoutCommon(layout: Wire<LayoutCommonContract>, path: string): LayoutCommonContract {
  return {
    featuredParticipantAttribute: optionalString(layout.featuredParticipantAttribute, `${path}.featuredParticipantAttribute`),
    omitStoppedVideo: optionalBoolean(layout.omitStoppedVideo, `${path}.omitStoppedVideo`),
    videoFillMode: layout.videoFillMode,
    gridGap: optionalInteger(layout.gridGap, `${path}.gridGap`),
  };
}

function decodeDestination(destination: Wire<CompositionDestinationContract>, path: string): CompositionDestinationContract {
  const { channel, s3 } = destination;
  if ((channel === undefined) === (s3 === undefined)) {
    throw new Error(`Property ${path} must have one of channel and s3`);
  }
  const name = optionalString(destination.name, `${path}.name`);
  if (channel !== undefined) {
    const c = asObject(channel, `${path}.channel`) as Wire<ChannelDestinationContract>;
    return {
      name,
      channel: {
        channelArn: requiredString(c.channelArn, `${path}.channel.channelArn`),
        encoderConfigurationArn: optionalString(c.encoderConfigurationArn, `${path}.channel.encoderConfigurationArn`),
      },
    };
  }
  const s = asObject(s3, `${path}.s3`) as Wire<S3DestinationContract>;
  const recording = s.recordingConfiguration && asObject(s.recordingConfiguration, `${path}.s3.recordingConfiguration`) as Wire<S3DestinationContract['recordingConfiguration']>;
  const hls = recording?.hlsConfiguration;
  const thumbnails = s.thumbnailConfigurations;
  return {
    name,
    s3: {
      storageConfigurationArn: requiredString(s.storageConfigurationArn, `${path}.s3.storageConfigurationArn`),
      encoderConfigurationArns: listOf(s.encoderConfigurationArns, `${path}.s3.encoderConfigurationArns`).map((arn, i) => requiredString(arn, `${path}.s3.encoderConfigurationArns[${i}]`)),
      recordingConfiguration: recording && {
        format: recording.format,
        hlsConfiguration: hls && {
          targetSegmentDurationSeconds: optionalInteger(hls.targetSegmentDurationSeconds, `${path}.s3.recordingConfiguration.hlsConfiguration.targetSegmentDurationSeconds`),
        },
      },
      thumbnailConfigurations: thumbnails === undefined
        ? undefined
        : listOf(thumbnails, `${path}.s3.thumbnailConfigurations`).map((t, i) => {
          const at = `${path}.s3.thumbnailConfigurations[${i}]`;
          const thumbnail = asObject(t, at) as Wire<ThumbnailConfigurationContract>;
          return {
            targetIntervalSeconds: optionalInteger(thumbnail.targetIntervalSeconds, `${at}.targetIntervalSeconds`),
            storage: thumbnail.storage && listOf(thumbnail.storage, `${at}.storage`),
          };
        }),
    },
  };
}

function listOf<T>(value: readonly T[] | undefined, path: string): T[] {
  if (!Array.isArray(value)) throw new Error(`Property ${path} must be a list, got ${JSON.stringify(value)}`);
  return [...value];
}

function decodeTags(tags: Record<string, unknown>): Record<string, string> {
  for (const [key, value] of Object.entries(tags)) {
    if (typeof value !== 'string') throw new Error(`Property tags.${key} must be a string, got ${JSON.stringify(value)}`);
  }
  return tags as Record<string, string>;
}

// ---------------------------------------------------------------------------
// VoiceAnalyticsTask: mirrors the Start*Task input of the Chime SDK media
// pipelines API (StartVoiceToneAnalysisTask or StartSpeakerSearchTask, picked
// by Kind), plus how the handler waits for the task. The ClientRequestToken is
// not a property: the handler derives it from the CloudFormation request.
// ---------------------------------------------------------------------------

/** The two kinds of task; each names its three APIs: Start<Kind>Task, Get<Kind>Task, Stop<Kind>Task. */
export const VOICE_ANALYSIS_KINDS = ['VoiceToneAnalysis', 'SpeakerSearch'] as const;
export type VoiceAnalysisKindContract = (typeof VOICE_ANALYSIS_KINDS)[number];

/**
 * The longest wait for a task to reach InProgress. The handler runs for at
 * most 10 minutes and answers 15 s before that; the rest is kept for stopping
 * the old task (update), retrying a conflicting start and stopping a task that
 * did not start.
 */
export const VOICE_ANALYTICS_MAX_START_TIMEOUT_SECONDS = 480;

export interface KinesisVideoStreamSourceTaskConfigurationContract {
  readonly StreamArn: string;
  /** 0 or 1. */
  readonly ChannelId: number;
  /** Digits, 1-128 of them. */
  readonly FragmentNumber?: string;
}

interface VoiceAnalyticsTaskCommonProperties {
  /** The media insights pipeline's ID or ARN. */
  readonly Identifier: string;
  readonly KinesisVideoStreamSourceTaskConfiguration: KinesisVideoStreamSourceTaskConfigurationContract;
  /** Whether Create waits for the task to be InProgress. */
  readonly WaitForInProgress: boolean;
  /** How long Create waits, at most VOICE_ANALYTICS_MAX_START_TIMEOUT_SECONDS. */
  readonly StartTimeoutSeconds: number;
}

export interface VoiceToneAnalysisTaskProperties extends VoiceAnalyticsTaskCommonProperties {
  readonly Kind: 'VoiceToneAnalysis';
  readonly LanguageCode: string;
}

export interface SpeakerSearchTaskProperties extends VoiceAnalyticsTaskCommonProperties {
  readonly Kind: 'SpeakerSearch';
  readonly VoiceProfileDomainArn: string;
}

export type VoiceAnalyticsTaskProperties = VoiceToneAnalysisTaskProperties | SpeakerSearchTaskProperties;

/** The attributes (response Data) of a VoiceAnalyticsTask resource. */
export interface VoiceAnalyticsTaskAttributes {
  readonly TaskId: string;
  readonly PipelineIdentifier: string;
}

/** The Start<Kind>Task input these properties stand for, without the ClientRequestToken. */
export function startTaskInput(props: VoiceAnalyticsTaskProperties) {
  const common = { Identifier: props.Identifier, KinesisVideoStreamSourceTaskConfiguration: props.KinesisVideoStreamSourceTaskConfiguration };
  return props.Kind === 'VoiceToneAnalysis'
    ? { ...common, LanguageCode: props.LanguageCode }
    : { ...common, VoiceProfileDomainArn: props.VoiceProfileDomainArn };
}

export function decodeVoiceAnalyticsTaskProperties(raw: unknown): VoiceAnalyticsTaskProperties {
  const wire = asObject(raw, 'ResourceProperties') as Wire<VoiceAnalyticsTaskProperties>;
  const source = asObject(wire.KinesisVideoStreamSourceTaskConfiguration, 'KinesisVideoStreamSourceTaskConfiguration') as Wire<KinesisVideoStreamSourceTaskConfigurationContract>;
  const sourcePath = 'KinesisVideoStreamSourceTaskConfiguration';
  const common = {
    Identifier: requiredString(wire.Identifier, 'Identifier'),
    KinesisVideoStreamSourceTaskConfiguration: {
      StreamArn: requiredString(source.StreamArn, `${sourcePath}.StreamArn`),
      ChannelId: decodeInteger(source.ChannelId, `${sourcePath}.ChannelId`),
      FragmentNumber: optionalString(source.FragmentNumber, `${sourcePath}.FragmentNumber`),
    },
    WaitForInProgress: decodeBoolean(wire.WaitForInProgress, 'WaitForInProgress'),
    StartTimeoutSeconds: decodeInteger(wire.StartTimeoutSeconds, 'StartTimeoutSeconds'),
  };
  switch (wire.Kind) {
    case 'VoiceToneAnalysis':
      return { Kind: wire.Kind, ...common, LanguageCode: requiredString(wire.LanguageCode, 'LanguageCode') };
    case 'SpeakerSearch':
      return { Kind: wire.Kind, ...common, VoiceProfileDomainArn: requiredString(wire.VoiceProfileDomainArn, 'VoiceProfileDomainArn') };
    default:
      throw new Error(`Property Kind must be one of ${VOICE_ANALYSIS_KINDS.join(', ')}, got ${JSON.stringify((wire as { Kind?: unknown }).Kind)}`);
  }
}
