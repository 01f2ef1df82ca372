/** The Chime SDK voice handlers: bundled on their own into assets/handler/chime/voice/index.js (scripts/bundle-handler.ts) with the voice client, loaded by lambda/index.ts on the first voice profile domain event. */
export { onVoiceProfileDomainEvent } from '../voice-profile-domain';
