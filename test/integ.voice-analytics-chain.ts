/**
 * Integ test of the voice analytics chain in one stack: a media insights
 * pipeline configuration (voice tone analysis, results to an SQS queue), a
 * pipeline on a Kinesis Video stream of the stack, and a voice tone analysis
 * task on it. The assertions read the pipeline and the task back.
 *
 * No producer sends audio during the test: the pipeline and the task are not
 * waited for (a pipeline ends 15 s after its stream goes quiet; the
 * assertions accept it ended, as the stack resource does).
 *
 *   npx projen integ integ.voice-analytics-chain.ts       # verify the snapshot offline
 */
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, Stack } from 'aws-cdk-lib';
import { CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import {
  KvsMediaInsightsPipeline, KvsStream, MediaInsightsPipelineConfiguration, VoiceAnalysis, VoiceAnalyticsSink, VoiceAnalyticsTask,
} from '../src';

const app = new App();
const stack = new Stack(app, 'CdkLiveMediaIntegVoiceAnalyticsChain');

const stream = new CfnStream(stack, 'CallAudio', { dataRetentionInHours: 1 });
const results = new Queue(stack, 'Results', { enforceSSL: true });
const configuration = new MediaInsightsPipelineConfiguration(stack, 'Configuration', {
  voiceToneAnalysis: true,
  sinks: [VoiceAnalyticsSink.sqsQueue(results)],
});
const pipeline = new KvsMediaInsightsPipeline(stack, 'Pipeline', {
  configuration,
  sources: [{ stream: KvsStream.fromCfnStream(stream) }],
  mediaSampleRate: 8000,
});
const task = new VoiceAnalyticsTask(stack, 'VoiceTone', {
  pipeline,
  analysis: VoiceAnalysis.voiceToneAnalysis(),
  waitForInProgress: false,
});

const integ = new IntegTest(app, 'VoiceAnalyticsChain', { testCases: [stack] });

// The pipeline was made from our configuration and carries our runtime metadata.
integ.assertions
  .awsApiCall('@aws-sdk/client-chime-sdk-media-pipelines', 'GetMediaPipeline', { MediaPipelineId: pipeline.pipelineId })
  .expect(ExpectedResult.objectLike({
    MediaPipeline: {
      MediaInsightsPipeline: {
        MediaPipelineId: pipeline.pipelineId,
        MediaInsightsPipelineConfigurationArn: configuration.configurationArn,
        Status: Match.stringLikeRegexp('^(Initializing|InProgress|Stopping|Stopped)$'),
      },
    },
  }));

// The service knows the task, on our pipeline.
integ.assertions
  .awsApiCall('@aws-sdk/client-chime-sdk-media-pipelines', 'GetVoiceToneAnalysisTask', {
    Identifier: task.pipelineIdentifier,
    VoiceToneAnalysisTaskId: task.taskId,
  })
  .expect(ExpectedResult.objectLike({ VoiceToneAnalysisTask: { VoiceToneAnalysisTaskId: task.taskId } }));
