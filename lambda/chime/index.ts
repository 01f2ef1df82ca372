/** The Chime SDK media pipelines handlers: bundled on their own into assets/handler/chime/index.js (scripts/bundle-handler.ts) with the media pipelines client, loaded by lambda/index.ts on the service's first event. */
export { onMediaInsightsPipelineEvent } from './kvs-media-insights-pipeline';
export { onPipelineConfigurationEvent } from './pipeline-configuration';
export { onVoiceAnalyticsTaskEvent } from './voice-analytics-task';
