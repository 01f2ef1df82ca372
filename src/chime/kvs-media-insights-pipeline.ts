import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { MEDIA_INSIGHTS_PIPELINE_RESOURCE_TYPE, PIPELINE_MAX_START_TIMEOUT_SECONDS } from './kvs-media-insights-pipeline.contract';
import type { MediaInsightsPipelineProperties, PipelineStreamContract } from './kvs-media-insights-pipeline.contract';
import { CHIME_MODEL } from './model.generated';
import type { IMediaInsightsPipelineConfiguration } from './pipeline-configuration-ref';
import { pipelineFailureAlarm, pipelineFailureDetail, pipelineRule } from './pipeline-events';
import type { PipelineMatch } from './pipeline-events';
import type { LiveMediaAlarmProps } from '../core/alarm-props';
import { typeWildcardArn } from '../core/arns';
import { KindPolicy } from '../core/grants';
import { kindResource } from '../core/kind-resource';
import { LiveMediaProvider } from '../core/provider';
import { PropValidator } from '../core/validation';
import type { KvsStream } from '../kvs/stream';

/** The encoding of the audio on the streams. */
export enum PipelineMediaEncoding {
  /** Signed 16-bit little-endian PCM (not WAV), the only encoding the service takes. */
  PCM = 'pcm',
}

/** Who speaks on a channel. */
export enum ParticipantRole {
  /** The agent. */
  AGENT = 'AGENT',
  /** The customer. */
  CUSTOMER = 'CUSTOMER',
}

/** One audio channel of a source stream. */
export interface PipelineChannel {
  /** The channel: 0 or 1. */
  readonly channelId: number;
  /**
   * Who speaks on it.
   *
   * @default - not said
   */
  readonly participantRole?: ParticipantRole;
}

/** A Kinesis Video stream a pipeline reads, with its channels. */
export interface PipelineSource {
  /** The stream, known by ARN (`KvsStream.fromCfnStream` or `KvsStream.fromStreamArn`). */
  readonly stream: KvsStream;
  /**
   * How many audio channels the stream carries: 1 or 2.
   *
   * @default 1
   */
  readonly numberOfChannels?: number;
  /**
   * The channels, with who speaks on each.
   *
   * @default - not described
   */
  readonly channels?: PipelineChannel[];
  /**
   * The fragment to start from (digits only, up to 128).
   *
   * @default - the newest fragment
   */
  readonly fragmentNumber?: string;
}

/** Properties of a `KvsMediaInsightsPipeline`. */
export interface KvsMediaInsightsPipelineProps {
  /**
   * The configuration the pipeline runs: one of the stack, or one imported
   * with `MediaInsightsPipelineConfiguration.fromConfigurationArn` or
   * `fromConfigurationName` (grant its resource access role the stream reads yourself).
   */
  readonly configuration: IMediaInsightsPipelineConfiguration;
  /** The streams it reads: one or two. */
  readonly sources: PipelineSource[];
  /** The audio's sample rate in Hz, from 8000 to 48000: it must match the audio on the streams. */
  readonly mediaSampleRate: number;
  /**
   * The audio's encoding.
   *
   * @default PipelineMediaEncoding.PCM
   */
  readonly mediaEncoding?: PipelineMediaEncoding;
  /**
   * Whether the deployment waits for the pipeline to be InProgress. A pipeline
   * waits for fragments on its streams and ends 15 s after they stop: with no
   * producer running during the deployment, do not wait.
   *
   * @default false
   */
  readonly waitForInProgress?: boolean;
  /**
   * How long the deployment waits, in whole seconds from 10 seconds to 8
   * minutes. Only with `waitForInProgress`.
   *
   * @default Duration.minutes(3)
   */
  readonly startTimeout?: Duration;
}

const RUNTIME = 'com.amazonaws.chimesdkmediapipelines#KinesisVideoStreamSourceRuntimeConfiguration';
const STREAM = 'com.amazonaws.chimesdkmediapipelines#StreamConfiguration';
const CHANNELS = 'com.amazonaws.chimesdkmediapipelines#StreamChannelDefinition';
const CHANNEL = 'com.amazonaws.chimesdkmediapipelines#ChannelDefinition';

/**
 * A Chime SDK media insights pipeline (CreateMediaInsightsPipeline, which has
 * no CloudFormation resource) from a configuration on Kinesis Video streams.
 *
 * A pipeline ends 15 s after its streams stop sending fragments and 8 hours
 * after it starts at most: in a stack it suits a continuous feed or a test.
 * For per-call use, create pipelines from your own function (see the
 * configuration's `grantCreatePipelines`). An ended pipeline stays an ended
 * resource: deleting it succeeds, and an update that changes nothing the
 * service sees keeps it (attribute `Ended`); any other change creates a new
 * pipeline. Each pipeline carries runtime metadata naming its configuration,
 * stack and construct path, which its EventBridge events repeat.
 */
export class KvsMediaInsightsPipeline extends Construct {
  /** The pipeline's ID. */
  public readonly pipelineId: string;
  /** The pipeline's ARN. */
  public readonly pipelineArn: string;
  /** The first source's stream: what a voice analytics task on this pipeline reads by default. */
  public readonly stream: KvsStream;
  /** The first source's first channel (0 when not described): what a task analyses by default. */
  public readonly channelId: number;
  /** The configuration it runs. */
  public readonly configuration: IMediaInsightsPipelineConfiguration;
  /** The runtime metadata the pipeline carries (its events repeat it in `detail`). */
  public readonly runtimeMetadata: { [key: string]: string };

  /**
   * @param scope the construct to add it to, in the stack whose shared handler it uses
   * @param id the construct's ID, unique within `scope`
   * @param props its properties, validated at synth
   */
  constructor(scope: Construct, id: string, props: KvsMediaInsightsPipelineProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.configuration = props.configuration;
    this.runtimeMetadata = {
      ...props.configuration.pipelineRuntimeMetadata,
      cdkLiveMediaStack: stack.stackName,
      cdkLiveMediaPath: this.node.path,
    };
    const properties = this.validate(props);
    this.stream = props.sources[0].stream;
    this.channelId = props.sources[0].channels?.[0]?.channelId ?? 0;

    const configurationArn = stack.formatArn({
      service: 'chime', resource: 'media-insights-pipeline-configuration', resourceName: props.configuration.configurationName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    const pipelines = typeWildcardArn(stack, 'chime', 'media-pipeline');
    const provider = LiveMediaProvider.of(this);
    // CreateMediaInsightsPipeline's resource is the configuration; a pipeline's ID is known only once it exists.
    provider.grant(['chime:CreateMediaInsightsPipeline'], {
      arn: configurationArn,
      typeWildcard: typeWildcardArn(stack, 'chime', 'media-insights-pipeline-configuration'),
    });
    // The delete path in the kind's own policy, which the custom resources depend on: a pipeline a
    // previous template created stays deletable (README, "Grants that outlive the resources").
    const policy = KindPolicy.of(this, 'KvsMediaInsightsPipeline');
    policy.grantOnType(['chime:DeleteMediaPipeline', 'chime:GetMediaPipeline'], pipelines);
    props.sources.forEach((source) => props.configuration.grantStreamRead(source.stream));

    const resource = kindResource(this, 'Resource', {
      policy,
      resourceType: MEDIA_INSIGHTS_PIPELINE_RESOURCE_TYPE,
      properties,
      // The configuration and its role's grants (the stream reads) come first.
      dependsOn: [props.configuration, ...props.sources.map((source) => source.stream.cfnStream)],
    });
    this.pipelineId = resource.getAttString('PipelineId');
    this.pipelineArn = resource.getAttString('PipelineArn');
  }

  /**
   * A rule for this pipeline's Media Insights State Change events (source
   * `aws.chime`), matched on the runtime metadata the pipeline carries (its
   * stack and construct path): the event's `resources` is empty, and a
   * replaced pipeline keeps matching. Best effort.
   *
   * @param id the rule's construct ID, unique within this construct
   * @param options the target, description and further pattern of the rule
   */
  public onPipelineStateChange(id: string, options: events.OnEventOptions = {}): events.Rule {
    return pipelineRule(this, id, this._eventMatch(), 'Media Insights State Change', options);
  }

  /**
   * A rule for this pipeline's failures, as `onPipelineStateChange`: eventType
   * `chime:MediaInsightsPermanentFailure`, or an element with status Failed
   * in `mediaInsightsPipelineElementStatuses` (present only when the
   * pipeline has several elements). Temporary failures, which the service
   * retries, are left out.
   *
   * @param id the rule's construct ID, unique within this construct
   * @param options the target, description and further pattern of the rule
   */
  public onPipelineFailure(id: string, options: events.OnEventOptions = {}): events.Rule {
    return pipelineRule(this, id, pipelineFailureDetail(this._eventMatch()), 'failures', options);
  }

  /**
   * An alarm for "this pipeline or one of its elements failed": the events
   * of `onPipelineFailure` EventBridge matched (`MatchedEvents` of a rule
   * made for the alarm) over 5 minutes, at least 1. Chime SDK media
   * pipelines publish no metric of their state: it rests on best-effort events.
   *
   * @param id the alarm's construct ID, unique within this construct
   * @param props threshold, period (default 5 minutes) and evaluation
   */
  public alarmPipelineFailure(id: string, props?: LiveMediaAlarmProps): cloudwatch.Alarm {
    return pipelineFailureAlarm(this, id, 'KvsMediaInsightsPipeline', pipelineFailureDetail(this._eventMatch()), props);
  }

  /** @internal The `detail` fields of this pipeline's events: its runtime metadata. */
  public _eventMatch(): PipelineMatch {
    const { cdkLiveMediaStack, cdkLiveMediaPath } = this.runtimeMetadata;
    return { cdkLiveMediaStack: [cdkLiveMediaStack], cdkLiveMediaPath: [cdkLiveMediaPath] };
  }

  private validate(props: KvsMediaInsightsPipelineProps): MediaInsightsPipelineProperties {
    const v = new PropValidator(this, 'KvsMediaInsightsPipeline');
    const member = (structure: string, name: string) => CHIME_MODEL.member(structure, name);
    if (props.sources.length < 1 || props.sources.length > 2) v.fail('sources', `give one or two streams, got ${props.sources.length}`);
    const streams = props.sources.map((source, i): PipelineStreamContract => {
      const at = `sources[${i}]`;
      if (source.stream.streamArn === undefined) {
        v.fail(`${at}.stream`, `the stream ${JSON.stringify(source.stream.streamName)} is known by name only and the pipeline needs its ARN: use KvsStream.fromCfnStream or KvsStream.fromStreamArn`);
      } else {
        v.string(`${at}.stream`, source.stream.streamArn, member(STREAM, 'StreamArn'), 'a Kinesis Video stream ARN');
        v.arnInStack(`${at}.stream`, source.stream.streamArn, { service: 'kinesisvideo', noun: 'stream' });
      }
      const numberOfChannels = source.numberOfChannels ?? 1;
      v.integer(`${at}.numberOfChannels`, numberOfChannels, member(CHANNELS, 'NumberOfChannels'));
      const channels = source.channels;
      if (channels !== undefined && (channels.length < 1 || channels.length > numberOfChannels)) {
        v.fail(`${at}.channels`, `describe 1 to numberOfChannels (${numberOfChannels}) channels, got ${channels.length}`);
      }
      channels?.forEach((c, j) => {
        v.integer(`${at}.channels[${j}].channelId`, c.channelId, member(CHANNEL, 'ChannelId'));
        if (c.channelId >= numberOfChannels) v.fail(`${at}.channels[${j}].channelId`, `channel ${c.channelId} does not exist in a stream of ${numberOfChannels} channel(s)`);
        v.oneOf(`${at}.channels[${j}].participantRole`, c.participantRole, CHIME_MODEL.enumValues('com.amazonaws.chimesdkmediapipelines#ParticipantRole'));
      });
      v.string(`${at}.fragmentNumber`, source.fragmentNumber, member(STREAM, 'FragmentNumber'), 'digits only');
      return {
        StreamArn: source.stream.streamArn!,
        FragmentNumber: source.fragmentNumber,
        StreamChannelDefinition: {
          NumberOfChannels: numberOfChannels,
          ChannelDefinitions: channels?.map((c) => ({ ChannelId: c.channelId, ParticipantRole: c.participantRole })),
        },
      };
    });
    const encoding = props.mediaEncoding ?? PipelineMediaEncoding.PCM;
    v.oneOf('mediaEncoding', encoding, CHIME_MODEL.enumValues('com.amazonaws.chimesdkmediapipelines#MediaEncoding'));
    v.integer('mediaSampleRate', props.mediaSampleRate, member(RUNTIME, 'MediaSampleRate'));
    const wait = props.waitForInProgress ?? false;
    if (!wait && props.startTimeout !== undefined) v.fail('startTimeout', 'only applies when waitForInProgress is true');
    const timeoutSeconds = v.duration('startTimeout', props.startTimeout ?? Duration.minutes(3), 'seconds');
    v.integer('startTimeout', timeoutSeconds, { min: 10, max: PIPELINE_MAX_START_TIMEOUT_SECONDS });
    v.throwIfInvalid();
    return {
      MediaInsightsPipelineConfigurationArn: props.configuration.configurationArn,
      KinesisVideoStreamSourceRuntimeConfiguration: { Streams: streams, MediaEncoding: encoding, MediaSampleRate: props.mediaSampleRate },
      MediaInsightsRuntimeMetadata: this.runtimeMetadata,
      WaitForInProgress: wait,
      StartTimeoutSeconds: timeoutSeconds!,
    };
  }
}
