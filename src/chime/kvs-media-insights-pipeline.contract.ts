/**
 * The contract between KvsMediaInsightsPipeline (src/chime) and its handler
 * (lambda/chime/kvs-media-insights-pipeline.ts). Imports only src/core/wire.ts.
 */
import { asObject, decodeBoolean, decodeInteger, optionalString, requiredString } from '../core/wire';
import type { PropertyUpdate } from '../core/wire';

/** The custom resource type; the handler dispatches on it. */
export const MEDIA_INSIGHTS_PIPELINE_RESOURCE_TYPE = 'Custom::MediaInsightsPipeline';

/** The longest wait for a pipeline to be InProgress (the handler runs 10 minutes at most). */
export const PIPELINE_MAX_START_TIMEOUT_SECONDS = 480;

export interface PipelineChannelContract {
  /** 0 or 1. */
  readonly ChannelId: number;
  /** AGENT or CUSTOMER. */
  readonly ParticipantRole?: string;
}

export interface PipelineStreamContract {
  readonly StreamArn: string;
  readonly FragmentNumber?: string;
  readonly StreamChannelDefinition: {
    /** 1 or 2. */
    readonly NumberOfChannels: number;
    readonly ChannelDefinitions?: PipelineChannelContract[];
  };
}

export interface MediaInsightsPipelineProperties {
  readonly MediaInsightsPipelineConfigurationArn: string;
  readonly KinesisVideoStreamSourceRuntimeConfiguration: {
    readonly Streams: PipelineStreamContract[];
    readonly MediaEncoding: string;
    /** Hz. */
    readonly MediaSampleRate: number;
  };
  /** What identifies the stack resource in the pipeline's events. */
  readonly MediaInsightsRuntimeMetadata: Record<string, string>;
  /** Whether Create waits for the pipeline to be InProgress. */
  readonly WaitForInProgress: boolean;
  /** How long Create waits, at most PIPELINE_MAX_START_TIMEOUT_SECONDS. */
  readonly StartTimeoutSeconds: number;
}

/** What an Update of each property does (see PropertyUpdate); the handler and docs/custom-resources.md read it. */
export const MEDIA_INSIGHTS_PIPELINE_UPDATES: Record<keyof MediaInsightsPipelineProperties, PropertyUpdate> = {
  MediaInsightsPipelineConfigurationArn: 'replacement',
  KinesisVideoStreamSourceRuntimeConfiguration: 'replacement',
  MediaInsightsRuntimeMetadata: 'replacement',
  WaitForInProgress: 'handler only',
  StartTimeoutSeconds: 'handler only',
};

/**
 * Runtime metadata keys the handler adds to every pipeline: the stack
 * resource that created it and its creation properties (digests), and the
 * pipeline it replaced. A rollback reads them to return to the original.
 */
export const PIPELINE_OWNER_METADATA_KEY = 'cdkLiveMediaOwner';
export const PIPELINE_PROPERTIES_METADATA_KEY = 'cdkLiveMediaProperties';
export const PIPELINE_REPLACES_METADATA_KEY = 'cdkLiveMediaReplaces';

/** The attributes (response Data) of a MediaInsightsPipeline resource. */
export interface MediaInsightsPipelineAttributes {
  readonly PipelineId: string;
  readonly PipelineArn: string;
  /** `true` when an Update found the pipeline ended (it cannot be restarted in place). */
  readonly Ended: string;
}

/** The CreateMediaInsightsPipeline input these properties stand for, without the ClientRequestToken. */
export function createPipelineInput(props: MediaInsightsPipelineProperties) {
  const { MediaInsightsPipelineConfigurationArn, KinesisVideoStreamSourceRuntimeConfiguration, MediaInsightsRuntimeMetadata } = props;
  return { MediaInsightsPipelineConfigurationArn, KinesisVideoStreamSourceRuntimeConfiguration, MediaInsightsRuntimeMetadata };
}

export function decodeMediaInsightsPipelineProperties(raw: unknown): MediaInsightsPipelineProperties {
  const wire = asObject(raw, 'ResourceProperties');
  const source = asObject(wire.KinesisVideoStreamSourceRuntimeConfiguration, 'KinesisVideoStreamSourceRuntimeConfiguration');
  if (!Array.isArray(source.Streams)) throw new Error(`Property KinesisVideoStreamSourceRuntimeConfiguration.Streams must be a list, got ${JSON.stringify(source.Streams)}`);
  const streams = source.Streams.map((s: unknown, i: number): PipelineStreamContract => {
    const at = `KinesisVideoStreamSourceRuntimeConfiguration.Streams[${i}]`;
    const stream = asObject(s, at);
    const definition = asObject(stream.StreamChannelDefinition, `${at}.StreamChannelDefinition`);
    const channels = definition.ChannelDefinitions === undefined ? undefined : (definition.ChannelDefinitions as unknown[]).map((c, j) => {
      const channel = asObject(c, `${at}.StreamChannelDefinition.ChannelDefinitions[${j}]`);
      return {
        ChannelId: decodeInteger(channel.ChannelId, `${at}.StreamChannelDefinition.ChannelDefinitions[${j}].ChannelId`),
        ParticipantRole: optionalString(channel.ParticipantRole, `${at}.StreamChannelDefinition.ChannelDefinitions[${j}].ParticipantRole`),
      };
    });
    return {
      StreamArn: requiredString(stream.StreamArn, `${at}.StreamArn`),
      FragmentNumber: optionalString(stream.FragmentNumber, `${at}.FragmentNumber`),
      StreamChannelDefinition: {
        NumberOfChannels: decodeInteger(definition.NumberOfChannels, `${at}.StreamChannelDefinition.NumberOfChannels`),
        ChannelDefinitions: channels,
      },
    };
  });
  const metadata = asObject(wire.MediaInsightsRuntimeMetadata ?? {}, 'MediaInsightsRuntimeMetadata');
  return {
    MediaInsightsPipelineConfigurationArn: requiredString(wire.MediaInsightsPipelineConfigurationArn, 'MediaInsightsPipelineConfigurationArn'),
    KinesisVideoStreamSourceRuntimeConfiguration: {
      Streams: streams,
      MediaEncoding: requiredString(source.MediaEncoding, 'KinesisVideoStreamSourceRuntimeConfiguration.MediaEncoding'),
      MediaSampleRate: decodeInteger(source.MediaSampleRate, 'KinesisVideoStreamSourceRuntimeConfiguration.MediaSampleRate'),
    },
    MediaInsightsRuntimeMetadata: Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, requiredString(v, `MediaInsightsRuntimeMetadata.${k}`)])),
    WaitForInProgress: decodeBoolean(wire.WaitForInProgress, 'WaitForInProgress'),
    StartTimeoutSeconds: decodeInteger(wire.StartTimeoutSeconds, 'StartTimeoutSeconds'),
  };
}
