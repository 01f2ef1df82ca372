/**
 * The contract between KvsImageGeneration (src/kvs/image-generation.ts) and its handler (lambda/kvs/image-generation.ts): the custom
 * resource type, the properties the construct sends and the attributes the
 * handler answers with. This module and src/core/wire.ts are the only src/
 * modules lambda/ may import: no aws-cdk-lib, no constructs.
 *
 * CloudFormation delivers every scalar of ResourceProperties as a string, so
 * the handler decodes properties with the strict helpers of src/core/wire.ts.
 */
import { asObject, decodeInteger, optionalBoolean, optionalInteger, optionalString, requiredString } from '../core/wire';
import type { PropertyUpdate, Wire } from '../core/wire';

/** The custom resource type; the handler dispatches on it. */
export const KVS_IMAGE_GENERATION_RESOURCE_TYPE = 'Custom::KvsImageGeneration';


export interface ImageGenerationConfigurationContract {
  readonly Status: 'ENABLED' | 'DISABLED';
  readonly ImageSelectorType: 'SERVER_TIMESTAMP' | 'PRODUCER_TIMESTAMP';
  readonly DestinationConfig: { readonly Uri: string; readonly DestinationRegion: string };
  /** Milliseconds. */
  readonly SamplingInterval: number;
  readonly Format: 'JPEG' | 'PNG';
  /** Only `JPEGQuality` exists; the API takes its value as a string. */
  readonly FormatConfig?: { readonly JPEGQuality: string };
  readonly WidthPixels?: number;
  readonly HeightPixels?: number;
}

export interface KvsImageGenerationProperties {
  /** The stream's ARN; one of StreamARN and StreamName is given. */
  readonly StreamARN?: string;
  readonly StreamName?: string;
  readonly ImageGenerationConfiguration: ImageGenerationConfigurationContract;
  /** Take over a configuration the stream already has that this resource did not write. Only sent when true. */
  readonly OverwriteExisting?: boolean;
}

/** What an Update of each property does (see PropertyUpdate); the handler and docs/custom-resources.md read it. */
export const KVS_IMAGE_GENERATION_UPDATES: Record<keyof KvsImageGenerationProperties, PropertyUpdate> = {
  StreamARN: 'replacement',
  StreamName: 'replacement',
  ImageGenerationConfiguration: 'in place',
  OverwriteExisting: 'handler only',
};

/** The attributes (response Data) of a KvsImageGeneration resource. */
export interface KvsImageGenerationAttributes {
  readonly StreamName: string;
  readonly Status: string;
  readonly DestinationUri: string;
  readonly Format: string;
  readonly SamplingInterval: string;
  /** RUNNING, or ENDED once an update found the stream deleted (the physical ID then starts with `ended:`). */
  readonly State: string;
}

export function decodeKvsImageGenerationProperties(raw: unknown): KvsImageGenerationProperties {
  const wire = asObject(raw, 'ResourceProperties') as Wire<KvsImageGenerationProperties>;
  const config = asObject(wire.ImageGenerationConfiguration, 'ImageGenerationConfiguration') as Wire<ImageGenerationConfigurationContract>;
  const path = 'ImageGenerationConfiguration';
  return {
    StreamARN: optionalString(wire.StreamARN, 'StreamARN'),
    StreamName: optionalString(wire.StreamName, 'StreamName'),
    ImageGenerationConfiguration: {
      Status: config.Status,
      ImageSelectorType: config.ImageSelectorType,
      DestinationConfig: {
        Uri: requiredString(config.DestinationConfig?.Uri, `${path}.DestinationConfig.Uri`),
        DestinationRegion: requiredString(config.DestinationConfig?.DestinationRegion, `${path}.DestinationConfig.DestinationRegion`),
      },
      SamplingInterval: decodeInteger(config.SamplingInterval, `${path}.SamplingInterval`),
      Format: config.Format,
      FormatConfig: config.FormatConfig && { JPEGQuality: requiredString(config.FormatConfig.JPEGQuality, `${path}.FormatConfig.JPEGQuality`) },
      WidthPixels: optionalInteger(config.WidthPixels, `${path}.WidthPixels`),
      HeightPixels: optionalInteger(config.HeightPixels, `${path}.HeightPixels`),
    },
    OverwriteExisting: optionalBoolean(wire.OverwriteExisting, 'OverwriteExisting'),
  };
}
