/**
 * The one handler behind every cdk-live-media custom resource. aws-cdk-lib's
 * CustomResourceProvider entrypoint calls it and answers CloudFormation with
 * what it returns or throws. The dispatch table is built from the services'
 * contracts: each names its resource type, each handler lives in its
 * service's folder.
 */
import type { CloudFormationCustomResourceEvent, Context, SQSEvent } from 'aws-lambda';
import { Deadline } from './shared/deadline';
import { describeError } from './shared/errors';
import type { HandlerResponse, ResourceHandler } from './shared/types';
import { MEDIA_INSIGHTS_PIPELINE_RESOURCE_TYPE } from '../src/chime/kvs-media-insights-pipeline.contract';
import { PIPELINE_CONFIGURATION_RESOURCE_TYPE } from '../src/chime/pipeline-configuration.contract';
import { VOICE_ANALYTICS_TASK_RESOURCE_TYPE } from '../src/chime/voice-analytics-task.contract';
import { VOICE_PROFILE_DOMAIN_RESOURCE_TYPE } from '../src/chime/voice-profile-domain.contract';
import { IVS_COMPOSITION_RESOURCE_TYPE } from '../src/ivs/composition.contract';
import { IVS_STAGE_COMPOSITION_TEARDOWN_RESOURCE_TYPE } from '../src/ivs/stage-composition.contract';
import { KVS_IMAGE_GENERATION_RESOURCE_TYPE } from '../src/kvs/image-generation.contract';
import { KVS_MEDIA_STORAGE_RESOURCE_TYPE } from '../src/kvs/media-storage.contract';
import { KVS_NOTIFICATION_RESOURCE_TYPE } from '../src/kvs/notification.contract';

/*
 * Each service's handlers are bundled on their own with their SDK client
 * (scripts/bundle-handler.ts) and loaded when the service's first event
 * arrives: a cold start parses and evaluates one client, not all four.
 * A `require` inside a function, which the bundler keeps as a require of the
 * service's file; under Jest it loads the TypeScript module.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const kvs = () => require('./kvs') as typeof import('./kvs');
const ivs = () => require('./ivs') as typeof import('./ivs');
const chime = () => require('./chime') as typeof import('./chime');
const chimeVoice = () => require('./chime/voice') as typeof import('./chime/voice');

const HANDLERS: Record<string, () => ResourceHandler> = {
  [KVS_IMAGE_GENERATION_RESOURCE_TYPE]: () => kvs().onKvsImageGenerationEvent,
  [KVS_NOTIFICATION_RESOURCE_TYPE]: () => kvs().onKvsNotificationEvent,
  [KVS_MEDIA_STORAGE_RESOURCE_TYPE]: () => kvs().onKvsMediaStorageEvent,
  [IVS_COMPOSITION_RESOURCE_TYPE]: () => ivs().onIvsCompositionEvent,
  [IVS_STAGE_COMPOSITION_TEARDOWN_RESOURCE_TYPE]: () => ivs().onIvsStageCompositionTeardownEvent,
  [VOICE_ANALYTICS_TASK_RESOURCE_TYPE]: () => chime().onVoiceAnalyticsTaskEvent,
  [PIPELINE_CONFIGURATION_RESOURCE_TYPE]: () => chime().onPipelineConfigurationEvent,
  [MEDIA_INSIGHTS_PIPELINE_RESOURCE_TYPE]: () => chime().onMediaInsightsPipelineEvent,
  [VOICE_PROFILE_DOMAIN_RESOURCE_TYPE]: () => chimeVoice().onVoiceProfileDomainEvent,
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** Response Data must stay well under CloudFormation's 4096-byte response limit. */
export const MAX_DATA_BYTES = 2_048;

/** The Reason CloudFormation shows is kept short: the whole response is limited to 4096 bytes. */
const MAX_REASON_CHARS = 1_500;

export async function handler(event: CloudFormationCustomResourceEvent, context: Context): Promise<HandlerResponse> {
  const loadHandler = HANDLERS[event.ResourceType];
  const doing = `${event.RequestType} ${event.ResourceType} ${event.LogicalResourceId}`;
  try {
    if (!loadHandler) throw new Error(`cdk-live-media has no handler for resource type ${event.ResourceType}`);
    const onEvent = loadHandler();
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
  await ivs().onStageKeeperMessages(event);
}
