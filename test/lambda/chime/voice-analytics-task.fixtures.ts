/** Shared setup of the voice analytics task handler's tests (voice-analytics-task*.test.ts). */
import {
  ChimeSDKMediaPipelinesClient,
  GetSpeakerSearchTaskCommand,
  GetVoiceToneAnalysisTaskCommand,
  StartSpeakerSearchTaskCommand,
  StartVoiceToneAnalysisTaskCommand,
  StopSpeakerSearchTaskCommand,
  StopVoiceToneAnalysisTaskCommand,
} from '@aws-sdk/client-chime-sdk-media-pipelines';
import { mockClient } from 'aws-sdk-client-mock';
import { VOICE_ANALYTICS_TASK_RESOURCE_TYPE } from '../../../src/chime/voice-analytics-task.contract';
import type { SpeakerSearchTaskProperties, VoiceAnalyticsTaskProperties, VoiceToneAnalysisTaskProperties } from '../../../src/chime/voice-analytics-task.contract';
import type { VirtualClock } from '../../helpers/clock';
import { DOMAIN_ARN, PIPELINE_ID } from '../../helpers/fixtures';
import { commandsSent, useSdkMocks } from '../../helpers/sdk-mock';

export const chime = mockClient(ChimeSDKMediaPipelinesClient);
export const TYPE = VOICE_ANALYTICS_TASK_RESOURCE_TYPE;
export const TASK_ID = '11111111-2222-4333-8444-555555555555';
export const NEW_TASK_ID = '66666666-7777-4888-9999-000000000000';
export const STREAM_ARN = 'arn:aws:kinesisvideo:us-east-1:123456789012:stream/agent-call/1700000000000';
export const SOURCE = { StreamArn: STREAM_ARN, ChannelId: 1, FragmentNumber: '91343852333181432392682062607743920146264398491' };
export const OLD_ID = `${PIPELINE_ID}|${TASK_ID}`;
export const NEW_ID = `${PIPELINE_ID}|${NEW_TASK_ID}`;

export const TONE: VoiceToneAnalysisTaskProperties = {
  Kind: 'VoiceToneAnalysis',
  Identifier: PIPELINE_ID,
  LanguageCode: 'en-US',
  KinesisVideoStreamSourceTaskConfiguration: SOURCE,
  WaitForInProgress: true,
  StartTimeoutSeconds: 120,
};
export const SEARCH: SpeakerSearchTaskProperties = {
  Kind: 'SpeakerSearch',
  Identifier: PIPELINE_ID,
  VoiceProfileDomainArn: DOMAIN_ARN,
  KinesisVideoStreamSourceTaskConfiguration: SOURCE,
  WaitForInProgress: true,
  StartTimeoutSeconds: 120,
};

/** The three commands of a kind, and how its answers and inputs look. */
export const KINDS = [
  {
    kind: 'VoiceToneAnalysis',
    props: TONE as VoiceAnalyticsTaskProperties,
    Start: StartVoiceToneAnalysisTaskCommand as any,
    Get: GetVoiceToneAnalysisTaskCommand as any,
    Stop: StopVoiceToneAnalysisTaskCommand as any,
    idKey: 'VoiceToneAnalysisTaskId',
    startInput: { Identifier: PIPELINE_ID, LanguageCode: 'en-US', KinesisVideoStreamSourceTaskConfiguration: SOURCE },
    task: (id: string, status: string): any => ({ VoiceToneAnalysisTask: { VoiceToneAnalysisTaskId: id, VoiceToneAnalysisTaskStatus: status } }),
  },
  {
    kind: 'SpeakerSearch',
    props: SEARCH as VoiceAnalyticsTaskProperties,
    Start: StartSpeakerSearchTaskCommand as any,
    Get: GetSpeakerSearchTaskCommand as any,
    Stop: StopSpeakerSearchTaskCommand as any,
    idKey: 'SpeakerSearchTaskId',
    startInput: { Identifier: PIPELINE_ID, VoiceProfileDomainArn: DOMAIN_ARN, KinesisVideoStreamSourceTaskConfiguration: SOURCE },
    task: (id: string, status: string): any => ({ SpeakerSearchTask: { SpeakerSearchTaskId: id, SpeakerSearchTaskStatus: status } }),
  },
];

/** The names of the commands sent, in order. */
export const sent = () => commandsSent(chime);

/** Virtual time, reset before each test by useChimeMock. */
export let clock: VirtualClock;
/** Registers the per-test reset of the mock and the clock (useSdkMocks) in the calling test file. */
export function useChimeMock(): void {
  ({ clock } = useSdkMocks(chime));
}
