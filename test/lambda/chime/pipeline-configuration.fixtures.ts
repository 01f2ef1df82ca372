/** Shared setup of the pipeline configuration handler's tests (pipeline-configuration*.test.ts). */
import { ChimeSDKMediaPipelinesClient } from '@aws-sdk/client-chime-sdk-media-pipelines';
import { mockClient } from 'aws-sdk-client-mock';
import type { PipelineConfigurationProperties } from '../../../src/chime/pipeline-configuration.contract';

export const chime = mockClient(ChimeSDKMediaPipelinesClient);
export const ROLE = 'arn:aws:iam::123456789012:role/ResourceAccessRole';
export const ARN = 'arn:aws:chime:us-east-1:123456789012:media-insights-pipeline-configuration/calls';
export const NEW_ARN = 'arn:aws:chime:us-east-1:123456789012:media-insights-pipeline-configuration/calls-v2';
export const CONFIG_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
/** cfnEvent's StackId. */
export const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/TestStack/11111111-2222-3333-4444-555555555555';
/** The owner tag value of the resource `Resource` of cfnEvent's stack (its StackId and LogicalResourceId). */
export const OWNER = `${STACK_ID}/Resource`;
/** A configuration named `calls`: voice tone analysis to an SNS topic, no tags. */
export const PROPS: PipelineConfigurationProperties = {
  Name: 'calls',
  ResourceAccessRoleArn: ROLE,
  Elements: [
    { Type: 'VoiceAnalyticsProcessor', VoiceAnalyticsProcessorConfiguration: { SpeakerSearchStatus: 'Disabled', VoiceToneAnalysisStatus: 'Enabled' } },
    { Type: 'SnsTopicSink', SnsTopicSinkConfiguration: { InsightsTarget: 'arn:aws:sns:us-east-1:123456789012:results' } },
  ],
};
/** The commands sent, in order, by name. */
export const sent = () => chime.calls().map((c) => (c.args[0] as object).constructor.name);
