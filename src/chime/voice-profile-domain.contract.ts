/**
 * The contract between VoiceProfileDomain (src/chime) and its handler
 * (lambda/chime/voice-profile-domain.ts). Imports only src/core/wire.ts.
 */
import { RESERVED_TAG_PREFIX, asObject, optionalString, requiredString } from '../core/wire';
import type { PropertyUpdate } from '../core/wire';

/** The custom resource type; the handler dispatches on it. */
export const VOICE_PROFILE_DOMAIN_RESOURCE_TYPE = 'Custom::VoiceProfileDomain';

export interface VoiceProfileDomainProperties {
  readonly Name: string;
  readonly Description?: string;
  /** The key cannot be updated: a new key replaces the domain. */
  readonly KmsKeyArn: string;
  readonly Tags: { readonly Key: string; readonly Value: string }[];
}

// The handler's owner tag, the same as the other kinds that tag what they create.
export { OWNER_TAG_KEY, RESERVED_TAG_PREFIX } from '../core/wire';

/**
 * The tag a domain created by a replacement (a new key) carries: the ID of the
 * domain it replaces, so that the rollback of that Update (the old
 * properties, the new domain's ID) finds the original and answers it again.
 */
export const REPLACES_TAG_KEY = `${RESERVED_TAG_PREFIX}replaces`;

/** What an Update of each property does (see PropertyUpdate); the handler and docs/custom-resources.md read it. */
export const VOICE_PROFILE_DOMAIN_UPDATES: Record<keyof VoiceProfileDomainProperties, PropertyUpdate> = {
  Name: 'in place',
  Description: 'in place',
  KmsKeyArn: 'replacement',
  Tags: 'in place',
};

/** The attributes (response Data) of a VoiceProfileDomain resource. */
export interface VoiceProfileDomainAttributes {
  readonly DomainId: string;
  readonly DomainArn: string;
}

export function decodeVoiceProfileDomainProperties(raw: unknown): VoiceProfileDomainProperties {
  const wire = asObject(raw, 'ResourceProperties');
  const tags = (wire.Tags ?? []) as unknown[];
  if (!Array.isArray(tags)) throw new Error(`Property Tags must be a list, got ${JSON.stringify(wire.Tags)}`);
  return {
    Name: requiredString(wire.Name, 'Name'),
    Description: optionalString(wire.Description, 'Description'),
    KmsKeyArn: requiredString(wire.KmsKeyArn, 'KmsKeyArn'),
    Tags: tags.map((t, i) => {
      const tag = asObject(t, `Tags[${i}]`);
      return { Key: requiredString(tag.Key, `Tags[${i}].Key`), Value: typeof tag.Value === 'string' ? tag.Value : requiredString(tag.Value, `Tags[${i}].Value`) };
    }),
  };
}
