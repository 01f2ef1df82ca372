/**
 * The contract between MediaInsightsPipelineConfiguration (src/chime) and its
 * handler (lambda/chime/pipeline-configuration.ts). Imports only src/core/wire.ts.
 */
import { asObject, requiredString } from '../core/wire';
import type { PropertyUpdate } from '../core/wire';

/** The custom resource type; the handler dispatches on it. */
export const PIPELINE_CONFIGURATION_RESOURCE_TYPE = 'Custom::MediaInsightsPipelineConfiguration';

// The handler's owner tag (shared with the other kinds that tag what they create).
export { OWNER_TAG_KEY, RESERVED_TAG_PREFIX } from '../core/wire';

/** One element of the configuration, as the API takes it (only string members: nothing to decode). */
export interface PipelineConfigurationElementContract {
  readonly Type: string;
  readonly [configuration: string]: unknown;
}

export interface PipelineConfigurationProperties {
  /** The configuration's name: it cannot be updated, a new name replaces the configuration. */
  readonly Name: string;
  readonly ResourceAccessRoleArn: string;
  readonly Elements: PipelineConfigurationElementContract[];
  /** Tags by key: changed in place (TagResource, UntagResource), never a replacement. */
  readonly Tags?: Record<string, string>;
}

/** What an Update of each property does (see PropertyUpdate); the handler and docs/custom-resources.md read it. */
export const PIPELINE_CONFIGURATION_UPDATES: Record<keyof PipelineConfigurationProperties, PropertyUpdate> = {
  Name: 'replacement',
  ResourceAccessRoleArn: 'in place',
  Elements: 'in place',
  Tags: 'in place',
};

/** The attributes (response Data) of a MediaInsightsPipelineConfiguration resource. */
export interface PipelineConfigurationAttributes {
  readonly Arn: string;
  readonly Id: string;
  readonly Name: string;
}

export function decodePipelineConfigurationProperties(raw: unknown): PipelineConfigurationProperties {
  const wire = asObject(raw, 'ResourceProperties');
  if (!Array.isArray(wire.Elements) || wire.Elements.length === 0) {
    throw new Error(`Property Elements must be a non-empty list, got ${JSON.stringify(wire.Elements)}`);
  }
  const elements = wire.Elements.map((e: unknown, i: number) => {
    const element = asObject(e, `Elements[${i}]`);
    return { ...element, Type: requiredString(element.Type, `Elements[${i}].Type`) };
  });
  return {
    Name: requiredString(wire.Name, 'Name'),
    ResourceAccessRoleArn: requiredString(wire.ResourceAccessRoleArn, 'ResourceAccessRoleArn'),
    Elements: elements,
    Tags: wire.Tags === undefined ? undefined : decodeTags(asObject(wire.Tags, 'Tags')),
  };
}

function decodeTags(tags: Record<string, unknown>): Record<string, string> {
  for (const [key, value] of Object.entries(tags)) {
    if (typeof value !== 'string') throw new Error(`Property Tags.${key} must be a string, got ${JSON.stringify(value)}`);
  }
  return tags as Record<string, string>;
}
