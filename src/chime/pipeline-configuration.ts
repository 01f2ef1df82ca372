import { ArnFormat, Names, Stack, Token } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { requireSpeakerConsent } from './consent';
import { ImportedConfiguration, METADATA_KEY, configurationArnOf, grantCreatePipelinesOn, grantRunTasksOf } from './imported-configuration';
import { CHIME_MODEL } from './model.generated';
import type { IMediaInsightsPipelineConfiguration } from './pipeline-configuration-ref';
import type { PipelineConfigurationProperties } from './pipeline-configuration.contract';
import { OWNER_TAG_KEY, PIPELINE_CONFIGURATION_RESOURCE_TYPE, RESERVED_TAG_PREFIX } from './pipeline-configuration.contract';
import type { VoiceAnalyticsSink } from './voice-analytics-sink';
import { Acknowledgments } from '../core/acknowledgments';
import { acknowledgeRegulated, REGULATED_ACKNOWLEDGMENTS } from '../core/compliance';
import { KindPolicy } from '../core/grants';
import { kindResource } from '../core/kind-resource';
import { LiveMediaProvider } from '../core/provider';
import { PropValidator } from '../core/validation';
import type { KvsStream } from '../kvs/stream';

/** The service principal of Chime SDK media pipelines: it assumes the resource access role. */
export const MEDIA_PIPELINES_PRINCIPAL = 'mediapipelines.chime.amazonaws.com';

/** The runtime metadata key naming a pipeline's configuration in its events (a top-level key of `detail`). */
export const CONFIGURATION_METADATA_KEY = METADATA_KEY;

const CREATE = 'com.amazonaws.chimesdkmediapipelines#CreateMediaInsightsPipelineConfigurationRequest';
const SNS_SINK = 'com.amazonaws.chimesdkmediapipelines#SnsTopicSinkConfiguration';
const TAG = 'com.amazonaws.chimesdkmediapipelines#Tag';

/** Properties of a `MediaInsightsPipelineConfiguration`. */
export interface MediaInsightsPipelineConfigurationProps {
  /**
   * The configuration's name (2-64 of `0-9 a-z A-Z . _ -`), unique in the
   * account and Region. Changing it replaces the configuration.
   *
   * @default - a name made from the construct path
   */
  readonly configurationName?: string;

  /**
   * Whether the voice analytics processor enables voice tone analysis.
   *
   * @default false
   */
  readonly voiceToneAnalysis?: boolean;

  /**
   * Whether the voice analytics processor enables speaker search. Requires
   * `speakerConsentAcknowledged`.
   *
   * @default false
   */
  readonly speakerSearch?: boolean;

  /**
   * That you give notice to and obtain consent from every speaker, as the AWS
   * Service Terms require for speaker search (voiceprints are biometric data).
   * Must be true when `speakerSearch` is.
   *
   * @default false
   */
  readonly speakerConsentAcknowledged?: boolean;

  /** Where the results go: one sink of each type at most, 1 to 4 of them. */
  readonly sinks: VoiceAnalyticsSink[];

  /**
   * Tags of the configuration: up to 199, keys of 1 to 128 characters not
   * starting with `aws:` or `cdk-live-media:`, values of up to 256
   * characters. Changed in place (TagResource, UntagResource): a change
   * never replaces the configuration. The handler adds one tag of its own,
   * `cdk-live-media:resource` (the stack ID and logical ID of the resource),
   * by which a rollback recognizes the configuration as this resource's.
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };

  /**
   * The resource access role the service assumes to read the streams and
   * publish to the sinks. A role you give gets no grants from this construct
   * when it is imported (`Role.fromRoleArn`): grant it yourself.
   *
   * @default - a role trusted by mediapipelines.chime.amazonaws.com for this account, granted what the sinks and pipelines need
   */
  readonly role?: iam.IRole;
}

/**
 * A Chime SDK media insights pipeline configuration with a voice analytics
 * processor and its sinks (CloudFormation's configuration resource cannot
 * express a voice analytics processor). Role and sinks update in place; a new
 * name replaces the configuration.
 */
export class MediaInsightsPipelineConfiguration extends Construct implements IMediaInsightsPipelineConfiguration {
  /**
   * A configuration of the stack's account and Region, by ARN
   * (`arn:<partition>:chime:<region>:<account>:media-insights-pipeline-configuration/<name>`).
   *
   * @param scope the construct to add the reference to
   * @param id its ID, unique within `scope`
   * @param configurationArn the configuration's ARN, validated at synth
   */
  public static fromConfigurationArn(scope: Construct, id: string, configurationArn: string): IMediaInsightsPipelineConfiguration {
    return new ImportedConfiguration(scope, id, { arn: configurationArn });
  }

  /**
   * A configuration of the stack's account and Region, by name.
   *
   * @param scope the construct to add the reference to
   * @param id its ID, unique within `scope`
   * @param configurationName the configuration's name (2-64 of `0-9 a-z A-Z . _ -`), validated at synth
   */
  public static fromConfigurationName(scope: Construct, id: string, configurationName: string): IMediaInsightsPipelineConfiguration {
    return new ImportedConfiguration(scope, id, { name: configurationName });
  }

  /** The configuration's name. */
  public readonly configurationName: string;
  /** The configuration's ARN (from the resource: depending on it orders a deployment after the configuration). */
  public readonly configurationArn: string;
  /** The resource access role. */
  public readonly role: iam.IRole;
  /** Whether voice tone analysis is enabled. */
  public readonly voiceToneAnalysis: boolean;
  /** Whether speaker search is enabled. */
  public readonly speakerSearch: boolean;
  /**
   * The MediaInsightsRuntimeMetadata to give the pipelines you create from this
   * configuration yourself, so that `onPipelineStateChange` routes their events too.
   */
  public readonly pipelineRuntimeMetadata: { [key: string]: string };

  private readonly nameBasedArn: string;

  /**
   * @param scope the construct to add it to, in the stack whose shared handler it uses
   * @param id the construct's ID, unique within `scope`
   * @param props its properties, validated at synth
   */
  constructor(scope: Construct, id: string, props: MediaInsightsPipelineConfigurationProps) {
    super(scope, id);
    this.configurationName = props.configurationName ?? Names.uniqueResourceName(this, { maxLength: 64, separator: '-' });
    this.voiceToneAnalysis = props.voiceToneAnalysis ?? false;
    this.speakerSearch = props.speakerSearch ?? false;
    this.role = props.role ?? this.newResourceAccessRole();
    const properties = this.validate(props);
    this.pipelineRuntimeMetadata = { [CONFIGURATION_METADATA_KEY]: this.configurationName };

    // The ARN is name-based, so IAM can name it before the configuration exists.
    this.nameBasedArn = configurationArnOf(this, this.configurationName);
    const provider = LiveMediaProvider.of(this);
    provider.grantWithoutResourceType(['chime:CreateMediaInsightsPipelineConfiguration']);
    // The delete path in the kind's own policy, which the custom resources depend on: a configuration
    // a previous template created (or named) stays deletable (README, "Grants that outlive the resources").
    const policy = KindPolicy.of(this, 'MediaInsightsPipelineConfiguration');
    const everyConfiguration = configurationArnOf(this, '*');
    // Get and ListTagsForResource: a name taken on create (the rollback of a rename finds the old
    // configuration, whose cleanup Delete never ran) is adopted only if its owner tag names this resource.
    policy.grantOnType([
      'chime:DeleteMediaInsightsPipelineConfiguration', 'chime:GetMediaInsightsPipelineConfiguration',
      'chime:ListTagsForResource', 'chime:UpdateMediaInsightsPipelineConfiguration',
    ], everyConfiguration);
    // Tags change in place, on this configuration only (CreateMediaInsightsPipelineConfiguration
    // with Tags needs no chime:TagResource: it has no dependent actions). Granted without tags
    // too: removing the last tag is an UntagResource.
    policy.grant(['chime:TagResource', 'chime:UntagResource'], { arn: this.nameBasedArn, typeWildcard: everyConfiguration });
    provider.addToRolePolicy({
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: this.role.roleArn,
      Condition: { StringEquals: { 'iam:PassedToService': MEDIA_PIPELINES_PRINCIPAL } },
    });

    const resource = kindResource(this, 'Resource', {
      policy,
      resourceType: PIPELINE_CONFIGURATION_RESOURCE_TYPE,
      properties,
      // The role and its grants exist before the configuration names it.
      dependsOn: [this.role],
    });
    this.configurationArn = resource.getAttString('Arn');
  }

  /**
   * Lets the resource access role read a Kinesis Video stream
   * (`kinesisvideo:GetDataEndpoint`, `kinesisvideo:GetMedia`, as the Chime SDK
   * developer guide lists). Pipelines of this construct library call it for their streams.
   */
  public grantStreamRead(stream: KvsStream): void {
    const arn = stream.streamArn ?? Stack.of(this).formatArn({ service: 'kinesisvideo', resource: 'stream', resourceName: `${stream.streamName}/*`, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['kinesisvideo:GetDataEndpoint', 'kinesisvideo:GetMedia'], resources: [arn] }));
  }

  /**
   * Lets `grantee` create pipelines from this configuration
   * (`chime:CreateMediaInsightsPipeline` on the configuration) and read and
   * delete pipelines (`chime:GetMediaPipeline`, `chime:DeleteMediaPipeline` on
   * the account's `media-pipeline/*`: a pipeline's ID is only known once it exists).
   */
  public grantCreatePipelines(grantee: iam.IGrantable): iam.Grant {
    return grantCreatePipelinesOn(this, this.nameBasedArn, grantee);
  }

  /**
   * Lets `grantee` start, read and stop the voice analytics tasks this
   * configuration enables (`chime:Start/Get/StopVoiceToneAnalysisTask`,
   * `chime:Start/Get/StopSpeakerSearchTask`) on the account's `media-pipeline/*`.
   */
  public grantRunTasks(grantee: iam.IGrantable): iam.Grant {
    const kinds = [...(this.voiceToneAnalysis ? ['VoiceToneAnalysis'] : []), ...(this.speakerSearch ? ['SpeakerSearch'] : [])];
    return grantRunTasksOf(this, kinds, grantee);
  }

  /**
   * Routes the "Media Insights State Change" events (started, paused, stopped,
   * failed) of this configuration's pipelines to a target. The events name the
   * pipeline, not its configuration: the rule matches the runtime metadata the
   * pipelines carry (`pipelineRuntimeMetadata`), which the service adds to
   * each event's `detail`.
   */
  public onPipelineStateChange(id: string, options: events.OnEventOptions = {}): events.Rule {
    const rule = new events.Rule(this, id, {
      description: options.description ?? `Media Insights State Change of the pipelines of ${this.configurationName}`,
      ruleName: options.ruleName,
      crossStackScope: options.crossStackScope,
      eventPattern: {
        ...options.eventPattern,
        source: ['aws.chime'],
        detailType: ['Media Insights State Change'],
        detail: { ...options.eventPattern?.detail, [CONFIGURATION_METADATA_KEY]: [this.configurationName] },
      },
    });
    if (options.target) rule.addTarget(options.target);
    return rule;
  }

  private validate(props: MediaInsightsPipelineConfigurationProps): PipelineConfigurationProperties {
    const v = new PropValidator(this, 'MediaInsightsPipelineConfiguration');
    v.string('configurationName', this.configurationName, CHIME_MODEL.member(CREATE, 'MediaInsightsPipelineConfigurationName'));
    v.string('role', this.role.roleArn, CHIME_MODEL.member(CREATE, 'ResourceAccessRoleArn'), 'an IAM role ARN');
    v.arnInStack('role', this.role.roleArn, { service: 'iam', noun: 'role', resource: 'role/.+', what: 'an IAM role ARN', why: 'the service cannot use a cross-account role' });
    if (!this.voiceToneAnalysis && !this.speakerSearch) v.fail('voiceToneAnalysis', 'enable voiceToneAnalysis, speakerSearch or both: a voice analytics processor with neither does nothing');
    if (this.speakerSearch) requireSpeakerConsent(v, props.speakerConsentAcknowledged);
    if (props.sinks.length === 0) v.fail('sinks', 'give at least one sink: voice analytics results go only to the sinks');
    const elements: PipelineConfigurationProperties['Elements'] = [{
      Type: 'VoiceAnalyticsProcessor',
      VoiceAnalyticsProcessorConfiguration: {
        SpeakerSearchStatus: this.speakerSearch ? 'Enabled' : 'Disabled',
        VoiceToneAnalysisStatus: this.voiceToneAnalysis ? 'Enabled' : 'Disabled',
      },
    }];
    const types = new Set<string>();
    props.sinks.forEach((sink, i) => {
      const prop = `sinks[${i}]`;
      const { elementType, element } = sink._bind(this, this.role, v, prop);
      if (types.has(elementType)) v.fail(prop, `a second ${elementType}: a configuration takes each element type once`);
      types.add(elementType);
      v.string(prop, sink.targetArn, CHIME_MODEL.member(SNS_SINK, 'InsightsTarget'));
      v.arnInStack(prop, sink.targetArn, { service: sink.service, noun: 'sink', why: 'all processors and sinks must be in the account and Region of the configuration' });
      elements.push(element as PipelineConfigurationProperties['Elements'][number]);
    });
    const tags = this.validateTags(v, props.tags);
    v.throwIfInvalid();
    return { Name: this.configurationName, ResourceAccessRoleArn: this.role.roleArn, Elements: elements, Tags: tags };
  }

  /**
   * The model's Tag and TagList constraints, less the handler's owner tag;
   * `aws:` is reserved for AWS's own tags, `cdk-live-media:` for the handler's.
   */
  private validateTags(v: PropValidator, tags: { [key: string]: string } | undefined): { [key: string]: string } | undefined {
    if (tags === undefined || Token.isUnresolved(tags)) return tags;
    const entries = Object.entries(tags);
    const max = (CHIME_MODEL.shape('com.amazonaws.chimesdkmediapipelines#TagList').length?.max ?? Infinity) - 1;
    if (entries.length > max) v.fail('tags', `at most ${max} tags (the service takes ${max + 1}, one is the handler's ${OWNER_TAG_KEY}), got ${entries.length}`);
    for (const [key, value] of entries) {
      v.string('tags', key, CHIME_MODEL.member(TAG, 'Key'), 'a tag key');
      if (!Token.isUnresolved(key) && key.toLowerCase().startsWith('aws:')) v.fail('tags', `the key ${JSON.stringify(key)} uses the prefix aws:, reserved for AWS`);
      if (!Token.isUnresolved(key) && key.toLowerCase().startsWith(RESERVED_TAG_PREFIX)) {
        v.fail('tags', `the key ${JSON.stringify(key)} uses the prefix ${RESERVED_TAG_PREFIX}, reserved for the handler's own tags (${OWNER_TAG_KEY})`);
      }
      v.string(`tags.${key}`, value, CHIME_MODEL.member(TAG, 'Value'), 'a tag value');
    }
    return entries.length > 0 ? tags : undefined;
  }

  private newResourceAccessRole(): iam.Role {
    const stack = Stack.of(this);
    const role = new iam.Role(this, 'ResourceAccessRole', {
      description: 'Chime SDK media insights pipelines: read the source streams, publish voice analytics results',
      assumedBy: new iam.ServicePrincipal(MEDIA_PIPELINES_PRINCIPAL).withConditions({
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:chime:*:${stack.account}:*` },
      }),
    });
    acknowledgeRegulated(new Acknowledgments(role), REGULATED_ACKNOWLEDGMENTS.resourceAccessRole);
    return role;
  }
}
