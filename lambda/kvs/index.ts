/** The kvs handlers: bundled on their own into assets/handler/kvs/index.js (scripts/bundle-handler.ts), loaded by lambda/index.ts on the service's first event. */
export { onKvsImageGenerationEvent } from './image-generation';
export { onKvsNotificationEvent } from './notification';
export { onKvsMediaStorageEvent } from './media-storage';
