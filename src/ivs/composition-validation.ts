/**
 * Turns IvsComposition props into the StartComposition input of the
 * contract, checking every value against the IVS real-time model on the way
 * (tokens are skipped: they are only known at deploy time).
 */
import { Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { channelClaimedBy, channelTakenMessage } from './channel-claims';
import type {
  CompositionDestinationContract,
  CompositionLayoutContract,
  LayoutCommonContract,
  ThumbnailConfigurationContract,
} from './composition.contract';
import type { ChannelDestinationOptions, S3DestinationOptions, ThumbnailOptions } from './destinations';
import { CompositionLayout } from './layout';
import type { LayoutOptions } from './layout';
import { IVS_MODEL } from './model.generated';
import type { IvsStage } from './resources';
import type { MemberConstraint } from '../core/model';
import type { PropValidator } from '../core/validation';

const member = (structure: string, name: string) => IVS_MODEL.member(structure, name);
const enumValues = (id: string) => IVS_MODEL.enumValues(id);
const shape = (id: string) => IVS_MODEL.shape(id);

const NS = 'com.amazonaws.ivsrealtime#';
const START = `${NS}StartCompositionRequest`;
const GRID = `${NS}GridConfiguration`;
const PIP = `${NS}PipConfiguration`;
const DESTINATION = `${NS}DestinationConfiguration`;
const CHANNEL = `${NS}ChannelDestinationConfiguration`;
const S3 = `${NS}S3DestinationConfiguration`;
const THUMBNAIL = `${NS}CompositionThumbnailConfiguration`;
const HLS = `${NS}CompositionRecordingHlsConfiguration`;

/** Options that only a picture-in-picture layout has. */
const PIP_ONLY = ['pipParticipantAttribute', 'pipBehavior', 'pipOffset', 'pipPosition', 'pipWidth', 'pipHeight'] as const;

export function layoutContract(v: PropValidator, layout: CompositionLayout): CompositionLayoutContract {
  const { gridOptions: grid, pipOptions: pip } = layout;
  if ((grid === undefined) === (pip === undefined)) {
    v.fail('layout', 'must be made with CompositionLayout.grid() or CompositionLayout.pip()');
    return {};
  }
  if (grid) {
    for (const key of PIP_ONLY) {
      if ((grid as Record<string, unknown>)[key] !== undefined) {
        v.fail(`layout.${key}`, 'is a picture-in-picture option: use CompositionLayout.pip() for it');
      }
    }
    v.oneOf('layout.videoAspectRatio', grid.videoAspectRatio, enumValues(`${NS}VideoAspectRatio`));
    return { grid: { ...commonLayout(v, grid, GRID), videoAspectRatio: grid.videoAspectRatio } };
  }
  if ((pip as Record<string, unknown>).videoAspectRatio !== undefined) {
    v.fail('layout.videoAspectRatio', 'is a grid option: use CompositionLayout.grid() for it');
  }
  const p = pip!;
  v.string('layout.pipParticipantAttribute', p.pipParticipantAttribute, member(PIP, 'pipParticipantAttribute'));
  v.oneOf('layout.pipBehavior', p.pipBehavior, enumValues(`${NS}PipBehavior`));
  v.oneOf('layout.pipPosition', p.pipPosition, enumValues(`${NS}PipPosition`));
  for (const key of ['pipOffset', 'pipWidth', 'pipHeight'] as const) {
    v.integer(`layout.${key}`, p[key], member(PIP, key));
  }
  return {
    pip: {
      ...commonLayout(v, p, PIP),
      pipParticipantAttribute: p.pipParticipantAttribute,
      pipBehavior: p.pipBehavior,
      pipOffset: p.pipOffset,
      pipPosition: p.pipPosition,
      pipWidth: p.pipWidth,
      pipHeight: p.pipHeight,
    },
  };
}

function commonLayout(v: PropValidator, options: LayoutOptions, structure: string): LayoutCommonContract {
  v.string('layout.featuredParticipantAttribute', options.featuredParticipantAttribute, member(structure, 'featuredParticipantAttribute'));
  v.oneOf('layout.videoFillMode', options.videoFillMode, enumValues(`${NS}VideoFillMode`));
  v.integer('layout.gridGap', options.gridGap, member(structure, 'gridGap'));
  return {
    featuredParticipantAttribute: options.featuredParticipantAttribute,
    omitStoppedVideo: options.omitStoppedVideo,
    videoFillMode: options.videoFillMode,
    gridGap: options.gridGap,
  };
}

export function destinationsContract(
  v: PropValidator,
  channel: ChannelDestinationOptions | undefined,
  s3: S3DestinationOptions | undefined,
): CompositionDestinationContract[] {
  const destinations: CompositionDestinationContract[] = [];
  if (!channel && !s3) {
    v.fail('channel', 'a composition needs a destination: give channel, s3 or both');
  }
  if (channel) {
    const encoderArn = channel.encoderConfiguration?.encoderConfigurationArn;
    if (!channel.channel) v.fail('channel.channel', 'a channel destination needs a channel');
    arn(v, 'channel.channel', channel.channel?.channelArn, member(CHANNEL, 'channelArn'), 'an IVS channel ARN');
    arn(v, 'channel.encoderConfiguration', encoderArn, member(CHANNEL, 'encoderConfigurationArn'), 'an IVS encoder configuration ARN');
    v.string('channel.name', channel.name, member(DESTINATION, 'name'));
    destinations.push({
      name: channel.name,
      channel: { channelArn: channel.channel?.channelArn!, encoderConfigurationArn: encoderArn },
    });
  }
  if (s3) {
    const storageArn = s3.storageConfiguration?.storageConfigurationArn;
    const encoderArn = s3.encoderConfiguration?.encoderConfigurationArn;
    if (!storageArn) v.fail('s3.storageConfiguration', 'an S3 destination needs a storage configuration');
    arn(v, 's3.storageConfiguration', storageArn, member(S3, 'storageConfigurationArn'), 'an IVS storage configuration ARN');
    if (encoderArn === undefined) v.fail('s3.encoderConfiguration', 'an S3 destination needs exactly one encoder configuration');
    arn(v, 's3.encoderConfiguration', encoderArn, member(CHANNEL, 'encoderConfigurationArn'), 'an IVS encoder configuration ARN');
    v.string('s3.name', s3.name, member(DESTINATION, 'name'));
    const segmentSeconds = v.duration('s3.hlsTargetSegmentDuration', s3.hlsTargetSegmentDuration, 'seconds');
    v.integer('s3.hlsTargetSegmentDuration', segmentSeconds, member(HLS, 'targetSegmentDurationSeconds'), 's');
    destinations.push({
      name: s3.name,
      s3: {
        storageConfigurationArn: storageArn!,
        encoderConfigurationArns: [encoderArn!],
        recordingConfiguration: {
          format: 'HLS',
          hlsConfiguration: segmentSeconds === undefined ? undefined : { targetSegmentDurationSeconds: segmentSeconds },
        },
        thumbnailConfigurations: s3.thumbnails && [thumbnailContract(v, s3.thumbnails)],
      },
    });
  }
  return destinations;
}

function thumbnailContract(v: PropValidator, thumbnails: ThumbnailOptions): ThumbnailConfigurationContract {
  const intervalSeconds = v.duration('s3.thumbnails.interval', thumbnails.interval, 'seconds');
  v.integer('s3.thumbnails.interval', intervalSeconds, member(THUMBNAIL, 'targetIntervalSeconds'), 's');
  const storage = thumbnails.storage;
  if (storage && !Token.isUnresolved(storage)) {
    const allowed = enumValues(`${NS}ThumbnailStorageType`);
    storage.forEach((s, i) => v.oneOf(`s3.thumbnails.storage[${i}]`, s, allowed));
    const max = shape(`${NS}ThumbnailStorageTypeList`).length?.max ?? Infinity;
    if (new Set(storage).size !== storage.length) {
      v.fail('s3.thumbnails.storage', `each value at most once, got ${storage.join(', ')}`);
    } else if (storage.length > max) {
      v.fail('s3.thumbnails.storage', `at most ${max} values, got ${storage.length}`);
    }
  }
  return { targetIntervalSeconds: intervalSeconds, storage };
}

export function tagsContract(v: PropValidator, tags: Record<string, string> | undefined): Record<string, string> | undefined {
  if (tags === undefined || Token.isUnresolved(tags)) return tags;
  const entries = Object.entries(tags);
  const max = shape(`${NS}Tags`).length?.max ?? Infinity;
  if (entries.length > max) v.fail('tags', `at most ${max} tags, got ${entries.length}`);
  for (const [key, value] of entries) {
    v.string('tags', key, shapeConstraint(`${NS}TagKey`), 'a tag key');
    if (!Token.isUnresolved(key) && key.toLowerCase().startsWith('aws:')) v.fail('tags', `the key ${JSON.stringify(key)} uses the reserved prefix aws:`);
    v.string(`tags.${key}`, value, shapeConstraint(`${NS}TagValue`), 'a tag value');
  }
  return entries.length > 0 ? tags : undefined;
}

export function stageArnContract(v: PropValidator, stageArn: string | undefined): string {
  if (stageArn === undefined) v.fail('stage', 'a composition needs a stage');
  arn(v, 'stage', stageArn, member(START, 'stageArn'), 'an IVS real-time stage ARN');
  return stageArn!;
}

/**
 * Checks an ARN against its model pattern and, where both are known, that it
 * is in the stack's Region and account: a composition and the resources it
 * uses are in the stage's account and Region, where the handler runs.
 */
function arn(v: PropValidator, prop: string, value: string | undefined, constraint: MemberConstraint, hint: string): void {
  v.string(prop, value, constraint, hint);
  v.arnInStack(prop, value, { service: 'ivs', noun: 'ARN', why: 'a composition uses resources of its own account and Region' });
}

function shapeConstraint(id: string): MemberConstraint {
  return IVS_MODEL.constraint(id);
}

/** The props both composition constructs (IvsComposition, IvsStageComposition) take. */
export interface CompositionInput {
  readonly stage?: IvsStage;
  readonly layout?: CompositionLayout;
  readonly channel?: ChannelDestinationOptions;
  readonly s3?: S3DestinationOptions;
  readonly tags?: Record<string, string>;
}

/**
 * The stage, layout (grid by default), destinations and tags of a
 * composition construct at `scope`; its channel must not be another
 * construct's destination in the app already (claimed after all checks pass).
 */
export function compositionContract(v: PropValidator, scope: IConstruct, props: CompositionInput) {
  const stageArn = stageArnContract(v, props.stage?.stageArn);
  const layout = layoutContract(v, props.layout ?? CompositionLayout.grid());
  const destinations = destinationsContract(v, props.channel, props.s3);
  const channelTakenBy = props.channel?.channel && channelClaimedBy(scope, props.channel);
  if (channelTakenBy) v.fail('channel', channelTakenMessage(channelTakenBy));
  const tags = tagsContract(v, props.tags);
  return { stageArn, layout, destinations, tags };
}
