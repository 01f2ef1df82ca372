import type { PropValidator } from '../core/validation';

/** Where to read about speaker search's consent requirement. */
export const SPEAKER_SEARCH_CONSENT_DOCS = 'https://docs.aws.amazon.com/chime-sdk/latest/dg/voice-analytics.html and the AWS Service Terms (Amazon Chime SDK), https://aws.amazon.com/service-terms/';

/**
 * Speaker search matches voices against enrolled voice profiles, which are
 * biometric data: the AWS Service Terms require notice to, and consent from,
 * each speaker (the console gates domain creation behind a consent checkbox).
 */
export function requireSpeakerConsent(v: PropValidator, acknowledged: boolean | undefined): void {
  if (acknowledged === true) return;
  v.fail('speakerConsentAcknowledged',
    'speaker search processes voiceprints (biometric data): the AWS Service Terms require you to give notice to and obtain ' +
    'consent from every speaker whose voice is enrolled or searched, as the law where they are requires. Set ' +
    `speakerConsentAcknowledged: true once you do. Read more: ${SPEAKER_SEARCH_CONSENT_DOCS}`);
}
