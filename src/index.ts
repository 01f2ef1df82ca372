// Kinesis Video Streams
export * from './kvs/stream';
export * from './kvs/image-destination';
export * from './kvs/image-generation';
// IVS real-time (composition.ts re-exports its value types)
export * from './ivs/composition';
// Chime SDK media pipelines
export * from './chime/voice-analytics-task';
// IVS real-time: compositions that follow their stage
export * from './ivs/stage-composition';
