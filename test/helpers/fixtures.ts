/**
 * Resource identifiers the tests share: one account and Region, and an
 * existing resource of each kind the constructs work on, in valid form.
 */
export const TEST_ENV = { account: '123456789012', region: 'us-east-1' };

export const STREAM_ARN = 'arn:aws:kinesisvideo:us-east-1:123456789012:stream/camera/1700000000000';

export const STAGE_ARN = 'arn:aws:ivs:us-east-1:123456789012:stage/AbCdEf123456';
export const CHANNEL_ARN = 'arn:aws:ivs:us-east-1:123456789012:channel/Ch4nnel1';
export const ENCODER_ARN = 'arn:aws:ivs:us-east-1:123456789012:encoder-configuration/Enc0der1';
export const STORAGE_ARN = 'arn:aws:ivs:us-east-1:123456789012:storage-configuration/St0rage1';

export const PIPELINE_ID = '0f2b4c6d-8e9f-4a1b-9c3d-5e7f9a1b3c5d';
export const PIPELINE_ARN = `arn:aws:chime:us-east-1:123456789012:media-pipeline/${PIPELINE_ID}`;
export const DOMAIN_ARN = 'arn:aws:chime:us-east-1:123456789012:voice-profile-domain/8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
