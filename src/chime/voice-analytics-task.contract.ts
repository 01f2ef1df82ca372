/**
 * The contract between VoiceAnalyticsTask (src/chime) and its handler (lambda/chime): the custom
 * resource type, the properties the construct sends and the attributes the
 * handler answers with. This module and src/core/wire.ts are the only src/
 * modules lambda/ may import: no aws-cdk-lib, no constructs.
 *
 * CloudFormation delivers every scalar of ResourceProperties as a string, so
 * the handler decodes properties with the strict helpers of src/core/wire.ts.
 */
import { asObject, decodeBoolean, decodeInteger, optionalString, requiredString } from '../core/wire';
import type { PropertyUpdate, Wire } from '../core/wire';

/** The custom resource type; the handler dispatches on it. */
export const VOICE_ANALYTICS_TASK_RESOURCE_TYPE = 'Custom::VoiceAnalyticsTask';


/** The two kinds of task; each names its three APIs: Start<Kind>Task, Get<Kind>Task, Stop<Kind>Task. */
export const VOICE_ANALYSIS_KINDS = ['VoiceToneAnalysis', 'SpeakerSearch'] as const;
export type VoiceAnalysisKindContract = (typeof VOICE_ANALYSIS_KINDS)[number];

/**
 * The longest wait for a task to reach InProgress. The handler runs for at
 * most 10 minutes and answers 45 s before that; the rest is kept for stopping
 * the old task (update), retrying a conflicting start and stopping a task that
 * did not start.
 */
export const VOICE_ANALYTICS_MAX_START_TIMEOUT_SECONDS = 480;

export interface KinesisVideoStreamSourceTaskConfigurationContract {
  readonly StreamArn: string;
  /** 0 or 1. */
  readonly ChannelId: number;
  /** Digits, 1-128 of them. */
  readonly FragmentNumber?: string;
}

interface VoiceAnalyticsTaskCommonProperties {
  /** The media insights pipeline's ID or ARN. */
  readonly Identifier: string;
  readonly KinesisVideoStreamSourceTaskConfiguration: KinesisVideoStreamSourceTaskConfigurationContract;
  /** Whether Create waits for the task to be InProgress. */
  readonly WaitForInProgress: boolean;
  /** How long Create waits, at most VOICE_ANALYTICS_MAX_START_TIMEOUT_SECONDS. */
  readonly StartTimeoutSeconds: number;
}

export interface VoiceToneAnalysisTaskProperties extends VoiceAnalyticsTaskCommonProperties {
  readonly Kind: 'VoiceToneAnalysis';
  readonly LanguageCode: string;
}

export interface SpeakerSearchTaskProperties extends VoiceAnalyticsTaskCommonProperties {
  readonly Kind: 'SpeakerSearch';
  readonly VoiceProfileDomainArn: string;
}

export type VoiceAnalyticsTaskProperties = VoiceToneAnalysisTaskProperties | SpeakerSearchTaskProperties;

/** What an Update of each property does (see PropertyUpdate); the handler and docs/custom-resources.md read it. */
export const VOICE_ANALYTICS_TASK_UPDATES: Record<keyof VoiceToneAnalysisTaskProperties | keyof SpeakerSearchTaskProperties, PropertyUpdate> = {
  Kind: 'replacement',
  Identifier: 'replacement',
  KinesisVideoStreamSourceTaskConfiguration: 'replacement',
  LanguageCode: 'replacement',
  VoiceProfileDomainArn: 'replacement',
  WaitForInProgress: 'handler only',
  StartTimeoutSeconds: 'handler only',
};

/** The attributes (response Data) of a VoiceAnalyticsTask resource. */
export interface VoiceAnalyticsTaskAttributes {
  readonly TaskId: string;
  readonly PipelineIdentifier: string;
  /** RUNNING, or ENDED once an update found the pipeline ended (the physical ID then starts with `ended:`). */
  readonly State: string;
}

/** The Start<Kind>Task input these properties stand for, without the ClientRequestToken. */
export function startTaskInput(props: VoiceAnalyticsTaskProperties) {
  const common = { Identifier: props.Identifier, KinesisVideoStreamSourceTaskConfiguration: props.KinesisVideoStreamSourceTaskConfiguration };
  return props.Kind === 'VoiceToneAnalysis'
    ? { ...common, LanguageCode: props.LanguageCode }
    : { ...common, VoiceProfileDomainArn: props.VoiceProfileDomainArn };
}

export function decodeVoiceAnalyticsTaskProperties(raw: unknown): VoiceAnalyticsTaskProperties {
  const wire = asObject(raw, 'ResourceProperties') as Wire<VoiceAnalyticsTaskProperties>;
  const source = asObject(wire.KinesisVideoStreamSourceTaskConfiguration, 'KinesisVideoStreamSourceTaskConfiguration') as Wire<KinesisVideoStreamSourceTaskConfigurationContract>;
  const sourcePath = 'KinesisVideoStreamSourceTaskConfiguration';
  const common = {
    Identifier: requiredString(wire.Identifier, 'Identifier'),
    KinesisVideoStreamSourceTaskConfiguration: {
      StreamArn: requiredString(source.StreamArn, `${sourcePath}.StreamArn`),
      ChannelId: decodeInteger(source.ChannelId, `${sourcePath}.ChannelId`),
      FragmentNumber: optionalString(source.FragmentNumber, `${sourcePath}.FragmentNumber`),
    },
    WaitForInProgress: decodeBoolean(wire.WaitForInProgress, 'WaitForInProgress'),
    StartTimeoutSeconds: decodeInteger(wire.StartTimeoutSeconds, 'StartTimeoutSeconds'),
  };
  switch (wire.Kind) {
    case 'VoiceToneAnalysis':
      return { Kind: wire.Kind, ...common, LanguageCode: requiredString(wire.LanguageCode, 'LanguageCode') };
    case 'SpeakerSearch':
      return { Kind: wire.Kind, ...common, VoiceProfileDomainArn: requiredString(wire.VoiceProfileDomainArn, 'VoiceProfileDomainArn') };
    default:
      throw new Error(`Property Kind must be one of ${VOICE_ANALYSIS_KINDS.join(', ')}, got ${JSON.stringify((wire as { Kind?: unknown }).Kind)}`);
  }
}
