import { MEDIA_INSIGHTS_PIPELINE_RESOURCE_TYPE } from './chime/kvs-media-insights-pipeline.contract';
import { PIPELINE_CONFIGURATION_RESOURCE_TYPE } from './chime/pipeline-configuration.contract';
import { VOICE_ANALYTICS_TASK_RESOURCE_TYPE } from './chime/voice-analytics-task.contract';
import { VOICE_PROFILE_DOMAIN_RESOURCE_TYPE } from './chime/voice-profile-domain.contract';
import { IVS_COMPOSITION_RESOURCE_TYPE } from './ivs/composition.contract';
import { IVS_STAGE_COMPOSITION_TEARDOWN_RESOURCE_TYPE } from './ivs/stage-composition.contract';
import { KVS_IMAGE_GENERATION_RESOURCE_TYPE } from './kvs/image-generation.contract';
import { KVS_MEDIA_STORAGE_RESOURCE_TYPE } from './kvs/media-storage.contract';
import { KVS_NOTIFICATION_RESOURCE_TYPE } from './kvs/notification.contract';

/**
 * The CloudFormation types of the library's custom resources, for
 * assertions in your tests:
 * `Template.fromStack(stack).resourceCountIs(LiveMediaResourceTypes.IVS_COMPOSITION, 1)`.
 * Their properties (the names as the template has them), which changes
 * replace the object and the attributes: docs/custom-resources.md.
 */
export class LiveMediaResourceTypes {
  /** `Custom::KvsImageGeneration`, of a `KvsImageGeneration`. */
  public static readonly KVS_IMAGE_GENERATION: string = KVS_IMAGE_GENERATION_RESOURCE_TYPE;
  /** `Custom::KvsNotification`, of a `KvsNotificationConfiguration`. */
  public static readonly KVS_NOTIFICATION: string = KVS_NOTIFICATION_RESOURCE_TYPE;
  /** `Custom::KvsMediaStorage`, of a `KvsMediaStorageConfiguration`. */
  public static readonly KVS_MEDIA_STORAGE: string = KVS_MEDIA_STORAGE_RESOURCE_TYPE;
  /** `Custom::IvsComposition`, of an `IvsComposition`. */
  public static readonly IVS_COMPOSITION: string = IVS_COMPOSITION_RESOURCE_TYPE;
  /** `Custom::IvsStageCompositionTeardown`, of an `IvsStageComposition` (it stops the stage's compositions when the construct leaves the stack). */
  public static readonly IVS_STAGE_COMPOSITION_TEARDOWN: string = IVS_STAGE_COMPOSITION_TEARDOWN_RESOURCE_TYPE;
  /** `Custom::MediaInsightsPipelineConfiguration`, of a `MediaInsightsPipelineConfiguration`. */
  public static readonly MEDIA_INSIGHTS_PIPELINE_CONFIGURATION: string = PIPELINE_CONFIGURATION_RESOURCE_TYPE;
  /** `Custom::MediaInsightsPipeline`, of a `KvsMediaInsightsPipeline`. */
  public static readonly MEDIA_INSIGHTS_PIPELINE: string = MEDIA_INSIGHTS_PIPELINE_RESOURCE_TYPE;
  /** `Custom::VoiceAnalyticsTask`, of a `VoiceAnalyticsTask`. */
  public static readonly VOICE_ANALYTICS_TASK: string = VOICE_ANALYTICS_TASK_RESOURCE_TYPE;
  /** `Custom::VoiceProfileDomain`, of a `VoiceProfileDomain`. */
  public static readonly VOICE_PROFILE_DOMAIN: string = VOICE_PROFILE_DOMAIN_RESOURCE_TYPE;

  private constructor() {}
}
