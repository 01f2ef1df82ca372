/**
 * The contract between IvsComposition (src/ivs) and its handler (lambda/ivs): the custom
 * resource type, the properties the construct sends and the attributes the
 * handler answers with. This module and src/core/wire.ts are the only src/
 * modules lambda/ may import: no aws-cdk-lib, no constructs.
 *
 * CloudFormation delivers every scalar of ResourceProperties as a string, so
 * the handler decodes properties with the strict helpers of src/core/wire.ts.
 */
import { asObject, decodeInteger, optionalBoolean, optionalInteger, optionalString, requiredString } from '../core/wire';
import type { PropertyUpdate, Wire } from '../core/wire';

/** The custom resource type; the handler dispatches on it. */
export const IVS_COMPOSITION_RESOURCE_TYPE = 'Custom::IvsComposition';


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

/** What an Update of each property does (see PropertyUpdate); the handler and docs/custom-resources.md read it. */
export const IVS_COMPOSITION_UPDATES: Record<keyof IvsCompositionProperties, PropertyUpdate> = {
  stageArn: 'replacement',
  layout: 'replacement',
  destinations: 'replacement',
  // TagResource, UntagResource.
  tags: 'in place',
  StartTimeoutSeconds: 'handler only',
};

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
  /** RUNNING, or ENDED once an update found the stage deleted (the physical ID then starts with `ended:`). */
  readonly State: string;
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

export function decodeLayout(layout: Wire<CompositionLayoutContract>): CompositionLayoutContract {
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

export function decodeLayoutCommon(layout: Wire<LayoutCommonContract>, path: string): LayoutCommonContract {
  return {
    featuredParticipantAttribute: optionalString(layout.featuredParticipantAttribute, `${path}.featuredParticipantAttribute`),
    omitStoppedVideo: optionalBoolean(layout.omitStoppedVideo, `${path}.omitStoppedVideo`),
    videoFillMode: layout.videoFillMode,
    gridGap: optionalInteger(layout.gridGap, `${path}.gridGap`),
  };
}

export function decodeDestination(destination: Wire<CompositionDestinationContract>, path: string): CompositionDestinationContract {
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

export function listOf<T>(value: readonly T[] | undefined, path: string): T[] {
  if (!Array.isArray(value)) throw new Error(`Property ${path} must be a list, got ${JSON.stringify(value)}`);
  return [...value];
}

export function decodeTags(tags: Record<string, unknown>): Record<string, string> {
  for (const [key, value] of Object.entries(tags)) {
    if (typeof value !== 'string') throw new Error(`Property tags.${key} must be a string, got ${JSON.stringify(value)}`);
  }
  return tags as Record<string, string>;
}
