/** The ivs handlers: bundled on their own into assets/handler/ivs/index.js (scripts/bundle-handler.ts), loaded by lambda/index.ts on the service's first event. */
export { onIvsCompositionEvent } from './composition';
export { onIvsStageCompositionTeardownEvent } from './stage-composition-teardown';
export { onStageKeeperMessages } from './stage-keeper';
