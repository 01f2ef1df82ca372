export * from './kvs-stream';
export * from './image-destination';
export * from './kvs-image-generation';
export * from './ivs-composition';
export * from './voice-analytics-task';
