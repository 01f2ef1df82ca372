/**
 * The one handler behind every cdk-live-media custom resource. aws-cdk-lib's
 * CustomResourceProvider entrypoint calls it and answers CloudFormation with
 * what it returns or throws. The dispatch table is built from the services'
 * contracts: each names its resource type, each handler lives in its
 * service's folder.
 */
import type { CloudFormationCustomResourceEvent, Context, SQSEvent } from 'aws-lambda';
import { onMediaInsightsPipelineEvent } from './chime/media-insights-pipeline';
import { onPipelineConfigurationEvent } from './chime/pipeline-configuration';
import { onVoiceAnalyticsTaskEvent } from './chime/voice-analytics-task';
import { onVoiceProfileDomainEvent } from './chime/voice-profile-domain';
import { onIvsCompositionEvent } from './ivs/composition';
import { onIvsStageCompositionTeardownEvent } from './ivs/stage-composition-teardown';
import { onStageKeeperMessages } from './ivs/stage-keeper';
import { onKvsImageGenerationEvent } from './kvs/image-generation';
import { onKvsNotificationEvent } from './kvs/notification';
import { Deadline } from './shared/deadline';
import { describeError } from './shared/errors';
import type { HandlerResponse, ResourceHandler } from './shared/types';
import { VOICE_ANALYTICS_TASK_RESOURCE_TYPE } from '../src/chime/contract';
import { PIPELINE_CONFIGURATION_RESOURCE_TYPE } from '../src/chime/contract-configuration';
import { VOICE_PROFILE_DOMAIN_RESOURCE_TYPE } from '../src/chime/contract-domain';
import { MEDIA_INSIGHTS_PIPELINE_RESOURCE_TYPE } from '../src/chime/contract-pipeline';
import { IVS_COMPOSITION_RESOURCE_TYPE, IVS_STAGE_COMPOSITION_TEARDOWN_RESOURCE_TYPE } from '../src/ivs/contract';
import { KVS_IMAGE_GENERATION_RESOURCE_TYPE, KVS_NOTIFICATION_RESOURCE_TYPE } from '../src/kvs/contract';


const HANDLERS: Record<string, ResourceHandler> = {
  [KVS_IMAGE_GENERATION_RESOURCE_TYPE]: onKvsImageGenerationEvent,
  [KVS_NOTIFICATION_RESOURCE_TYPE]: onKvsNotificationEvent,
  [IVS_COMPOSITION_RESOURCE_TYPE]: onIvsCompositionEvent,
  [IVS_STAGE_COMPOSITION_TEARDOWN_RESOURCE_TYPE]: onIvsStageCompositionTeardownEvent,
  [VOICE_ANALYTICS_TASK_RESOURCE_TYPE]: onVoiceAnalyticsTaskEvent,
  [PIPELINE_CONFIGURATION_RESOURCE_TYPE]: onPipelineConfigurationEvent,
  [MEDIA_INSIGHTS_PIPELINE_RESOURCE_TYPE]: onMediaInsightsPipelineEvent,
  [VOICE_PROFILE_DOMAIN_RESOURCE_TYPE]: onVoiceProfileDomainEvent,
};
/** Response Data must stay well under CloudFormation's 4096-byte response limit. */
export const MAX_DATA_BYTES = 2_048;

/** The Reason CloudFormation shows is kept short: the whole response is limited to 4096 bytes. */
const MAX_REASON_CHARS = 1_500;

export async function handler(event: CloudFormationCustomResourceEvent, context: Context): Promise<HandlerResponse> {
  const onEvent = HANDLERS[event.ResourceType];
  const doing = `${event.RequestType} ${event.ResourceType} ${event.LogicalResourceId}`;
  try {
    if (!onEvent) throw new Error(`cdk-live-media has no handler for resource type ${event.ResourceType}`);
    const deadline = Deadline.fromContext(context);
    const response = await deadline.race(onEvent(event, deadline), doing);
    const dataBytes = Buffer.byteLength(JSON.stringify(response.Data ?? {}));
    if (dataBytes > MAX_DATA_BYTES) throw new Error(`Response Data of ${dataBytes} bytes is over the ${MAX_DATA_BYTES}-byte limit`);
    return response;
  } catch (error) {
    console.error(`${doing} failed:`, error);
    // The entrypoint reports the error's stack as the Reason: make it the message alone.
    const reason = describeError(error).slice(0, MAX_REASON_CHARS);
    const failure = new Error(reason);
    failure.stack = reason;
    throw failure;
  }
}

/** The runtime function of IvsStageComposition: the same asset, handler `index.stageKeeper`. */
export async function stageKeeper(event: SQSEvent): Promise<void> {
  await onStageKeeperMessages(event);
}
