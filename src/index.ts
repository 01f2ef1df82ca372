// Kinesis Video Streams
export * from './kvs/stream';
export * from './kvs/image-destination';
export * from './kvs/image-generation';
export * from './kvs/image-delivered-options';
export * from './kvs/notification';
// IVS real-time (composition.ts re-exports its value types)
export * from './ivs/composition';
// Chime SDK media pipelines
export * from './chime/voice-analytics-task';
// The one handler function per stack
export * from './core/handler';
export * from './core/handler-settings';
