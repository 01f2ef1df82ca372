import { ChimeSDKVoiceClient } from '@aws-sdk/client-chime-sdk-voice';
import { clientConfig, configureClient } from '../sdk';

/** The Chime SDK voice client of the voice profile domain handler. */
export function chimeVoiceClient(): ChimeSDKVoiceClient {
  return configureClient(new ChimeSDKVoiceClient(clientConfig()));
}
