import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { MediaInsightsPipeline } from './media-insights-pipeline-ref';
import { CHIME_MODEL } from './model.generated';
import { MediaInsightsPipelineConfiguration } from './pipeline-configuration';
import { pipelineFailureAlarm, pipelineFailureDetail, pipelineRule } from './pipeline-events';
import type { PipelineMatch } from './pipeline-events';
import { VoiceAnalysisKind } from './voice-analysis';
import type { VoiceAnalyticsTaskProps } from './voice-analytics-task-props';
import type { VoiceAnalyticsTaskProperties } from './voice-analytics-task.contract';
import { VOICE_ANALYTICS_MAX_START_TIMEOUT_SECONDS, VOICE_ANALYTICS_TASK_RESOURCE_TYPE } from './voice-analytics-task.contract';
import type { LiveMediaAlarmProps } from '../core/alarm-props';
import { typeWildcardArn } from '../core/arns';
import { KindPolicy } from '../core/grants';
import { kindResource } from '../core/kind-resource';
import { PropValidator } from '../core/validation';

/** The element of a pipeline configuration whose status follows the voice analytics tasks. */
const VOICE_ANALYTICS_ELEMENT = 'VoiceAnalyticsProcessor';
const member = (structure: string, name: string) => CHIME_MODEL.member(structure, name);
const enumValues = (id: string) => CHIME_MODEL.enumValues(id);

const START_TONE = 'com.amazonaws.chimesdkmediapipelines#StartVoiceToneAnalysisTaskRequest';
const START_SEARCH = 'com.amazonaws.chimesdkmediapipelines#StartSpeakerSearchTaskRequest';
const SOURCE = 'com.amazonaws.chimesdkmediapipelines#KinesisVideoStreamSourceTaskConfiguration';
const GUID = 'com.amazonaws.chimesdkmediapipelines#GuidString';
const MIN_START_TIMEOUT_SECONDS = 10;
const DEFAULT_START_TIMEOUT = Duration.minutes(3);

/**
 * A Chime SDK voice analytics task on a media insights pipeline: voice tone
 * analysis or speaker search of one channel of a Kinesis Video stream.
 *
 * Create starts the task (idempotently) and by default waits until it is
 * InProgress; any change replaces it (the old task is stopped first); delete
 * stops it. Results arrive as events to the pipeline's notification targets.
 */
export class VoiceAnalyticsTask extends Construct {
  /** The task's ID. */
  public readonly taskId: string;

  /** The pipeline identifier (ID or ARN, as given) the task runs on. */
  public readonly pipelineIdentifier: string;

  /**
   * `RUNNING`, or `ENDED` once an update found the task's media insights
   * pipeline ended (15 s after its stream goes quiet, 8 hours at most): the
   * resource then stands for a task that ended, and a later update or delete
   * does nothing.
   */
  public readonly state: string;

  /** The `detail` fields of the task's pipeline's events. */
  private readonly eventMatch: PipelineMatch;

  /**
   * @param scope the construct to add it to, in the stack whose shared handler it uses
   * @param id the construct's ID, unique within `scope`
   * @param props its properties, validated at synth
   */
  constructor(scope: Construct, id: string, props: VoiceAnalyticsTaskProps) {
    super(scope, id);
    const stack = Stack.of(this);
    props = this.withPipelineDefaults(props);
    const properties = this.validate(props);
    const { analysis } = props;
    const pipeline = props.mediaInsightsPipeline!;

    const typeWildcard = typeWildcardArn(stack, 'chime', 'media-pipeline');
    // A pipeline of the stack has its ID only once created, after the handler's
    // role: naming it in the role would be a dependency cycle.
    const pipelineArn = props.pipeline ? typeWildcard : pipeline.pipelineArn ?? stack.formatArn({
      service: 'chime',
      resource: 'media-pipeline',
      resourceName: pipeline.pipelineId,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    // The Service Authorization Reference lists media-pipeline (or voice-connector)
    // as the only resource of the six actions: none on the voice profile domain.
    // Start on this pipeline; Get and Stop of BOTH kinds on every pipeline of
    // the account and Region: a task a previous template started (on another
    // pipeline, or of the other kind) is stopped under this template's policy.
    // GetMediaPipeline reads the pipeline an Update moves to before the running
    // task is stopped (a mistyped pipeline must not end it).
    // Events are per pipeline: a pipeline construct's runtime metadata, else the ARN (given or from the ID).
    this.eventMatch = props.pipeline?._eventMatch() ?? { mediaInsightsPipelineArn: [pipelineArn] };
    const policy = KindPolicy.of(this, 'VoiceAnalyticsTask');
    policy.grant([`chime:Start${analysis.kind}Task`], { arn: pipelineArn, typeWildcard });
    policy.grantOnType(
      ['chime:GetMediaPipeline', ...Object.values(VoiceAnalysisKind).flatMap((kind) => [`chime:Get${kind}Task`, `chime:Stop${kind}Task`])],
      typeWildcard,
    );

    const resource = kindResource(this, 'Resource', {
      policy, resourceType: VOICE_ANALYTICS_TASK_RESOURCE_TYPE, properties, dependsOn: [props.source!.cfnStream],
    });

    this.taskId = resource.getAttString('TaskId');
    this.pipelineIdentifier = resource.getAttString('PipelineIdentifier');
    this.state = resource.getAttString('State');
  }

  /**
   * A rule for the Media Insights State Change events of the task's pipeline
   * (the service sends them per pipeline, none per task), matched on the
   * pipeline construct's runtime metadata or on `mediaInsightsPipelineArn`.
   *
   * @param id the rule's construct ID, unique within this construct
   * @param options the target, description and further pattern of the rule
   */
  public onPipelineStateChange(id: string, options: events.OnEventOptions = {}): events.Rule {
    return pipelineRule(this, id, this.eventMatch, 'Media Insights State Change', options);
  }

  /**
   * A rule for the failures that concern the task: its pipeline's permanent
   * failure, or its VoiceAnalyticsProcessor element Failed (that element's
   * status follows the pipeline's voice analytics tasks).
   *
   * @param id the rule's construct ID, unique within this construct
   * @param options the target, description and further pattern of the rule
   */
  public onPipelineFailure(id: string, options: events.OnEventOptions = {}): events.Rule {
    return pipelineRule(this, id, pipelineFailureDetail(this.eventMatch, VOICE_ANALYTICS_ELEMENT), 'voice analytics failures', options);
  }

  /**
   * An alarm on the events of `onPipelineFailure` EventBridge matched
   * (`MatchedEvents` of a rule made for the alarm) over 5 minutes, at least
   * 1: best-effort events, the only signal the service gives.
   *
   * @param id the alarm's construct ID, unique within this construct
   * @param props threshold, period (default 5 minutes) and evaluation
   */
  public alarmPipelineFailure(id: string, props?: LiveMediaAlarmProps): cloudwatch.Alarm {
    return pipelineFailureAlarm(this, id, 'VoiceAnalyticsTask', pipelineFailureDetail(this.eventMatch, VOICE_ANALYTICS_ELEMENT), props);
  }

  /**
   * The props with `mediaInsightsPipeline`, `source`, `channelId` and `waitForInProgress` filled in
   * from `pipeline` (a pipeline construct of the stack), checking that exactly
   * one pipeline is given and that its configuration enables the analysis.
   */
  private withPipelineDefaults(props: VoiceAnalyticsTaskProps): VoiceAnalyticsTaskProps {
    const v = new PropValidator(this, 'VoiceAnalyticsTask');
    const construct = props.pipeline;
    if ((props.mediaInsightsPipeline === undefined) === (construct === undefined)) {
      v.fail('pipeline', 'give pipeline (a KvsMediaInsightsPipeline) or mediaInsightsPipeline (an ID or ARN), exactly one');
    } else if (construct === undefined && props.source === undefined) {
      v.fail('source', 'required with mediaInsightsPipeline (only a pipeline construct knows its stream)');
    }
    // Only a configuration of the stack knows which analyses it enables (an imported one does not).
    const configuration = construct?.configuration instanceof MediaInsightsPipelineConfiguration ? construct.configuration : undefined;
    const kind = props.analysis.kind;
    if (configuration && !(kind === VoiceAnalysisKind.SPEAKER_SEARCH ? configuration.speakerSearch : configuration.voiceToneAnalysis)) {
      v.fail('analysis', `the pipeline's configuration ${configuration.node.path} does not enable ${kind === VoiceAnalysisKind.SPEAKER_SEARCH ? 'speakerSearch' : 'voiceToneAnalysis'}`);
    }
    v.throwIfInvalid();
    if (!construct) return props;
    return {
      ...props,
      mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineId(construct.pipelineId),
      source: props.source ?? construct.stream,
      channelId: props.channelId ?? (props.source === undefined ? construct.channelId : undefined),
      // The pipeline is created by this deployment: no audio flows yet unless a feed is live.
      waitForInProgress: props.waitForInProgress ?? false,
    };
  }

  private validate(props: VoiceAnalyticsTaskProps): VoiceAnalyticsTaskProperties {
    const v = new PropValidator(this, 'VoiceAnalyticsTask');
    const { analysis } = props;
    const pipeline = props.mediaInsightsPipeline!;
    const source = props.source!;
    const startInput = analysis.kind === VoiceAnalysisKind.SPEAKER_SEARCH ? START_SEARCH : START_TONE;

    if (pipeline.pipelineArn !== undefined) {
      v.string('mediaInsightsPipeline', pipeline.pipelineArn, member(startInput, 'Identifier'));
      // The handler calls the API in the stack's Region and account, where the pipeline must be.
      v.arnInStack('mediaInsightsPipeline', pipeline.pipelineArn, {
        service: 'chime',
        resource: 'media-pipeline/[a-fA-F0-9-]{36}',
        noun: 'pipeline',
        what: 'a media insights pipeline ARN',
      });
    } else if (pipeline.pipelineId?.startsWith('arn:')) {
      v.fail('mediaInsightsPipeline', `${JSON.stringify(pipeline.pipelineId)} is an ARN, given to fromPipelineId: use MediaInsightsPipeline.fromPipelineArn`);
    } else {
      v.string('mediaInsightsPipeline', pipeline.pipelineId, CHIME_MODEL.constraint(GUID), 'a media insights pipeline ID, a UUID');
    }

    v.oneOf('analysis', analysis.kind, Object.values(VoiceAnalysisKind));
    if (analysis.kind === VoiceAnalysisKind.VOICE_TONE_ANALYSIS) {
      v.oneOf('analysis.languageCode', analysis.languageCode, enumValues('com.amazonaws.chimesdkmediapipelines#VoiceAnalyticsLanguageCode'));
    } else if (analysis.kind === VoiceAnalysisKind.SPEAKER_SEARCH) {
      const prop = 'analysis.voiceProfileDomainArn';
      v.string(prop, analysis.voiceProfileDomainArn, member(START_SEARCH, 'VoiceProfileDomainArn'), 'a voice profile domain ARN');
      v.arnInStack(prop, analysis.voiceProfileDomainArn, {
        service: 'chime',
        resource: 'voice-profile-domain/.+',
        noun: 'voice profile domain',
        what: 'a voice profile domain ARN',
      });
    }

    if (source.streamArn === undefined) {
      v.fail('source', `the stream ${JSON.stringify(source.streamName)} is known by name only and the task needs its ARN, which ends in the stream's creation time: use KvsStream.fromCfnStream or KvsStream.fromStreamArn`);
    } else {
      v.string('source', source.streamArn, member(SOURCE, 'StreamArn'), 'a Kinesis Video stream ARN');
    }
    const channelId = props.channelId ?? 0;
    v.integer('channelId', channelId, member(SOURCE, 'ChannelId'));
    v.string('fragmentNumber', props.fragmentNumber, member(SOURCE, 'FragmentNumber'), 'digits only');

    const wait = props.waitForInProgress ?? true;
    if (!wait && props.startTimeout !== undefined) {
      v.fail('startTimeout', 'only applies when waitForInProgress is true');
    }
    const timeoutSeconds = v.duration('startTimeout', props.startTimeout ?? DEFAULT_START_TIMEOUT, 'seconds');
    v.integer('startTimeout', timeoutSeconds, { min: MIN_START_TIMEOUT_SECONDS, max: VOICE_ANALYTICS_MAX_START_TIMEOUT_SECONDS }, 's');
    v.throwIfInvalid();

    const common = {
      Identifier: pipeline.identifier,
      KinesisVideoStreamSourceTaskConfiguration: { StreamArn: source.streamArn!, ChannelId: channelId, FragmentNumber: props.fragmentNumber },
      WaitForInProgress: wait,
      StartTimeoutSeconds: timeoutSeconds!,
    };
    return analysis.kind === VoiceAnalysisKind.SPEAKER_SEARCH
      ? { Kind: 'SpeakerSearch', ...common, VoiceProfileDomainArn: analysis.voiceProfileDomainArn! }
      : { Kind: 'VoiceToneAnalysis', ...common, LanguageCode: analysis.languageCode! };
  }
}
