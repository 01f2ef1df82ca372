// Kinesis Video Streams
export * from './kvs/stream';
export * from './kvs/image-destination';
export * from './kvs/image-generation-props';
export * from './kvs/image-generation';
export * from './kvs/image-delivered-options';
export * from './kvs/notification';
export * from './kvs/signaling-channel';
export * from './kvs/media-storage-props';
export * from './kvs/media-storage';
// IVS real-time (composition.ts re-exports its value types)
export * from './ivs/composition';
// Chime SDK media pipelines
export * from './chime/media-insights-pipeline-ref';
export * from './chime/voice-analytics-task-props';
export * from './chime/voice-analytics-task';
// IVS real-time: compositions that follow their stage
export * from './ivs/stage-composition-props';
export * from './ivs/stage-composition';
export * from './chime/voice-analysis';
export * from './chime/voice-analytics-sink';
export * from './chime/pipeline-configuration';
export * from './chime/pipeline-configuration-ref';
export * from './chime/kvs-media-insights-pipeline';
export * from './chime/voice-profile-domain';
// The one handler function per stack
export * from './core/handler';
export * from './core/handler-settings';
export * from './core/alarm-props';
// The custom resource types, for assertions on templates (docs/custom-resources.md)
export * from './resource-types';
