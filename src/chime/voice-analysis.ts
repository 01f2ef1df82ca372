import type { VoiceProfileDomain } from './voice-profile-domain';

/** The language of a voice tone analysis. */
export enum VoiceToneLanguage {
  /** US English, the only language the service supports today. */
  EN_US = 'en-US',
}

/** The kind of a voice analytics task; each kind has its own Start, Get and Stop APIs. */
export enum VoiceAnalysisKind {
  /** Voice tone analysis (Start/Get/StopVoiceToneAnalysisTask): the speaker's sentiment. */
  VOICE_TONE_ANALYSIS = 'VoiceToneAnalysis',
  /** Speaker search (Start/Get/StopSpeakerSearchTask): matches against a voice profile domain. */
  SPEAKER_SEARCH = 'SpeakerSearch',
}

/** Options of a voice tone analysis task. */
export interface VoiceToneAnalysisOptions {
  /**
   * The language spoken.
   *
   * @default VoiceToneLanguage.EN_US
   */
  readonly languageCode?: VoiceToneLanguage;
}

/** Options of a speaker search task: the voice profile domain, as a construct or by ARN (exactly one). */
export interface SpeakerSearchOptions {
  /**
   * The ARN of the voice profile domain that holds the voice profiles to
   * search (`arn:<partition>:chime:<region>:<account>:voice-profile-domain/<id>`).
   *
   * @default - the ARN of `voiceProfileDomain`
   */
  readonly voiceProfileDomainArn?: string;

  /**
   * The voice profile domain of this stack that holds the voice profiles.
   *
   * @default - the domain named by `voiceProfileDomainArn`
   */
  readonly voiceProfileDomain?: VoiceProfileDomain;
}

/** What a `VoiceAnalyticsTask` analyses, with what that kind of analysis needs. */
export abstract class VoiceAnalysis {
  /** Voice tone analysis: predicts the speaker's sentiment (negative, neutral or positive). */
  public static voiceToneAnalysis(options: VoiceToneAnalysisOptions = {}): VoiceAnalysis {
    return new VoiceToneAnalysis(options.languageCode ?? VoiceToneLanguage.EN_US);
  }

  /** Speaker search: compares the speaker's voice with the profiles of a voice profile domain. */
  public static speakerSearch(options: SpeakerSearchOptions): VoiceAnalysis {
    if ((options.voiceProfileDomainArn === undefined) === (options.voiceProfileDomain === undefined)) {
      throw new Error('VoiceAnalysis.speakerSearch: give voiceProfileDomain or voiceProfileDomainArn, exactly one');
    }
    return new SpeakerSearch(options.voiceProfileDomainArn ?? options.voiceProfileDomain!.domainArn, options.voiceProfileDomain);
  }

  /** The kind of task. */
  public abstract readonly kind: VoiceAnalysisKind;

  /** The language code, for voice tone analysis. */
  public abstract readonly languageCode?: string;

  /** The voice profile domain's ARN, for speaker search. */
  public abstract readonly voiceProfileDomainArn?: string;

  /** The voice profile domain construct, for speaker search on a domain of the stack. */
  public abstract readonly voiceProfileDomain?: VoiceProfileDomain;
}

class VoiceToneAnalysis extends VoiceAnalysis {
  public readonly kind = VoiceAnalysisKind.VOICE_TONE_ANALYSIS;
  public readonly voiceProfileDomainArn?: string = undefined;
  public readonly voiceProfileDomain?: VoiceProfileDomain = undefined;
  constructor(public readonly languageCode: string) {
    super();
  }
}

class SpeakerSearch extends VoiceAnalysis {
  public readonly kind = VoiceAnalysisKind.SPEAKER_SEARCH;
  public readonly languageCode?: string = undefined;
  constructor(public readonly voiceProfileDomainArn: string, public readonly voiceProfileDomain: VoiceProfileDomain | undefined) {
    super();
  }
}
