/**
 * Integ test of VoiceAnalyticsTask: a voice tone analysis task on a media
 * insights pipeline that reads a Kinesis Video stream; the assertion reads the
 * task back from the Chime SDK media pipelines API.
 *
 * No CloudFormation resource creates a media insights pipeline (it is made at
 * run time, typically per call), so the pipeline is a parameter: create one
 * whose configuration has a voice analytics processor with voice tone analysis
 * enabled, then
 *
 *   CDK_LIVE_MEDIA_PIPELINE_ID=<id> npx projen integ:deploy integ.voice-analytics-task.ts
 *
 *   npx projen integ integ.voice-analytics-task.ts       # verify the snapshot offline
 */
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import { KvsStream, MediaInsightsPipeline, VoiceAnalysis, VoiceAnalyticsTask } from '../src';

const app = new App();
const stack = new Stack(app, 'CdkLiveMediaIntegVoiceAnalyticsTask');

const pipelineId = new CfnParameter(stack, 'MediaInsightsPipelineId', {
  type: 'String',
  description: 'A media insights pipeline whose configuration has a voice analytics processor with voice tone analysis enabled',
});
const stream = new CfnStream(stack, 'CallAudio', { dataRetentionInHours: 1 });

const task = new VoiceAnalyticsTask(stack, 'VoiceTone', {
  mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineId(pipelineId.valueAsString),
  analysis: VoiceAnalysis.voiceToneAnalysis(),
  source: KvsStream.fromCfnStream(stream),
  // No audio flows in the test: the task stays Initializing, which is enough to assert on.
  waitForInProgress: false,
});

const integ = new IntegTest(app, 'VoiceAnalyticsTask', {
  testCases: [stack],
  cdkCommandOptions: {
    deploy: { args: { parameters: { MediaInsightsPipelineId: process.env.CDK_LIVE_MEDIA_PIPELINE_ID ?? 'set-CDK_LIVE_MEDIA_PIPELINE_ID' } } },
  },
});

// The service knows the task, on our pipeline, and it has not failed.
integ.assertions
  .awsApiCall('@aws-sdk/client-chime-sdk-media-pipelines', 'GetVoiceToneAnalysisTask', {
    Identifier: task.pipelineIdentifier,
    VoiceToneAnalysisTaskId: task.taskId,
  })
  .expect(ExpectedResult.objectLike({
    VoiceToneAnalysisTask: {
      VoiceToneAnalysisTaskId: task.taskId,
      VoiceToneAnalysisTaskStatus: Match.stringLikeRegexp('^(NotStarted|Initializing|InProgress)$'),
    },
  }));
