import { ChimeSDKMediaPipelinesClient } from '@aws-sdk/client-chime-sdk-media-pipelines';
import { clientConfig, configureClient } from '../sdk';

/** The Chime SDK media pipelines client of the Chime handlers. */
export function chimeMediaPipelinesClient(): ChimeSDKMediaPipelinesClient {
  return configureClient(new ChimeSDKMediaPipelinesClient(clientConfig()));
}
