/** Shared setup of the voice profile domain handler's tests (voice-profile-domain*.test.ts). */
import { ChimeSDKVoiceClient } from '@aws-sdk/client-chime-sdk-voice';
import { mockClient } from 'aws-sdk-client-mock';
import { DOMAIN_ARN } from '../../helpers/fixtures';

export const voice = mockClient(ChimeSDKVoiceClient);
/** The domain the tests start from, and the one a replacement creates. */
export const DOMAIN_ID = DOMAIN_ARN.split('/')[1];
export const NEW_DOMAIN_ID = '1f2e3d4c-5b6a-4978-8a6b-5c4d3e2f1a0b';
export const domainArnOf = (id: string) => DOMAIN_ARN.replace(DOMAIN_ID, id);
/** The domain's key, and the new key that replaces it. */
export const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
export const NEW_KEY = 'arn:aws:kms:us-east-1:123456789012:key/9876abcd-12ab-34cd-56ef-1234567890ab';
