/**
 * The contract between the constructs (src/) and the shared handler (lambda/):
 * the custom resource types, the properties each construct sends and the
 * attributes each handler answers with. Both sides import this module.
 *
 * CloudFormation delivers every scalar of ResourceProperties as a string
 * (42 -> "42", true -> "true"), so the handler never reads properties
 * directly: it decodes them with the `decode*` functions below, which restore
 * numbers and booleans and reject anything else.
 */

/** The `Custom::` resource types, one per construct; the handler dispatches on them. */
export const RESOURCE_TYPES = {
  kvsImageGeneration: 'Custom::KvsImageGeneration',
  ivsComposition: 'Custom::IvsComposition',
  voiceAnalyticsTask: 'Custom::VoiceAnalyticsTask',
} as const;

/** What CloudFormation hands the handler for a property object of type T. */
export type Wire<T> = T extends number | boolean
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { readonly [K in keyof T]: Wire<T[K]> }
      : T;

// ---------------------------------------------------------------------------
// KvsImageGeneration: mirrors the UpdateImageGenerationConfiguration input.
// ---------------------------------------------------------------------------

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
}

/** The attributes (response Data) of a KvsImageGeneration resource. */
export interface KvsImageGenerationAttributes {
  readonly StreamName: string;
  readonly Status: string;
  readonly DestinationUri: string;
  readonly Format: string;
  readonly SamplingInterval: string;
}

/** The stream name in a stream ARN (`arn:...:stream/<name>/<creationTime>`); undefined if malformed. */
export function streamNameOfArn(streamArn: string): string | undefined {
  return /^arn:[^:]+:kinesisvideo:[^:]*:[^:]*:stream\/([^/]+)\/[^/]+$/.exec(streamArn)?.[1];
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
  };
}

// ---------------------------------------------------------------------------
// Decoding helpers (strict: a value that is not what the contract says is a bug).
// ---------------------------------------------------------------------------

export function decodeInteger(value: unknown, path: string): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) {
    throw new Error(`Property ${path} must be an integer, got ${JSON.stringify(value)}`);
  }
  return n;
}

export function optionalInteger(value: unknown, path: string): number | undefined {
  return value === undefined || value === null || value === '' ? undefined : decodeInteger(value, path);
}

export function decodeBoolean(value: unknown, path: string): boolean {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new Error(`Property ${path} must be a boolean, got ${JSON.stringify(value)}`);
}

export function optionalBoolean(value: unknown, path: string): boolean | undefined {
  return value === undefined || value === null || value === '' ? undefined : decodeBoolean(value, path);
}

export function requiredString(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new Error(`Property ${path} must be a non-empty string, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function optionalString(value: unknown, path: string): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : requiredString(value, path);
}

export function asObject(value: unknown, path: string): Record<string, any> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`Property ${path} must be an object, got ${JSON.stringify(value)}`);
  }
  return value as Record<string, any>;
}
