/**
 * What a MediaInsightsPipelineConfiguration of this stack and one imported by
 * name or ARN share: the ARNs their grants name, the grants themselves, and
 * the imported configuration (returned as IMediaInsightsPipelineConfiguration,
 * so not exported from the package).
 */
import { Annotations, Arn, ArnFormat, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { IConstruct } from 'constructs';
import { CHIME_MODEL } from './model.generated';
import type { IMediaInsightsPipelineConfiguration } from './pipeline-configuration-ref';
import { typeWildcardArn } from '../core/arns';
import { PropValidator } from '../core/validation';
import type { KvsStream } from '../kvs/stream';

/** The runtime metadata key naming a pipeline's configuration in its events (re-exported as CONFIGURATION_METADATA_KEY). */
export const METADATA_KEY = 'cdkLiveMediaConfiguration';

const CREATE = 'com.amazonaws.chimesdkmediapipelines#CreateMediaInsightsPipelineConfigurationRequest';
const CREATE_PIPELINE = 'com.amazonaws.chimesdkmediapipelines#CreateMediaInsightsPipelineRequest';
/** The resource part of a configuration ARN (the name's model pattern). */
const CONFIGURATION_RESOURCE = 'media-insights-pipeline-configuration/[0-9a-zA-Z._-]+';

/** The configuration ARN of `name` in the stack of `scope` (name-based: IAM can name it before it exists). */
export function configurationArnOf(scope: IConstruct, name: string): string {
  return Stack.of(scope).formatArn({ service: 'chime', resource: 'media-insights-pipeline-configuration', resourceName: name, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
}

/** `chime:CreateMediaInsightsPipeline` on the configuration; `chime:GetMediaPipeline`, `chime:DeleteMediaPipeline` on the pipelines. */
export function grantCreatePipelinesOn(scope: IConstruct, configurationArn: string, grantee: iam.IGrantable): iam.Grant {
  iam.Grant.addToPrincipal({ grantee, actions: ['chime:CreateMediaInsightsPipeline'], resourceArns: [configurationArn] });
  return iam.Grant.addToPrincipal({ grantee, actions: ['chime:GetMediaPipeline', 'chime:DeleteMediaPipeline'], resourceArns: [typeWildcardArn(scope, 'chime', 'media-pipeline')] });
}

/** Start, Get and Stop<Kind>Task of each kind on the pipelines. */
export function grantRunTasksOf(scope: IConstruct, kinds: string[], grantee: iam.IGrantable): iam.Grant {
  const actions = kinds.flatMap((kind) => ['Start', 'Get', 'Stop'].map((verb) => `chime:${verb}${kind}Task`));
  return iam.Grant.addToPrincipal({ grantee, actions, resourceArns: [typeWildcardArn(scope, 'chime', 'media-pipeline')] });
}

/**
 * A configuration that exists outside this stack (or this construct library),
 * in the stack's account and Region, known by name or ARN. Its processor
 * features and its resource access role are not known.
 */
export class ImportedConfiguration extends Construct implements IMediaInsightsPipelineConfiguration {
  public readonly configurationArn: string;
  public readonly configurationName: string;
  public readonly pipelineRuntimeMetadata: { [key: string]: string };

  /** Validates the ARN or the name at synth (tokens are skipped). */
  constructor(scope: Construct, id: string, reference: { readonly arn?: string; readonly name?: string }) {
    super(scope, id);
    const v = new PropValidator(this, 'MediaInsightsPipelineConfiguration');
    if (reference.arn !== undefined && !Token.isUnresolved(reference.arn) && !reference.arn.startsWith('arn:')) {
      v.fail('configurationArn', `${JSON.stringify(reference.arn)} is not an ARN: for a configuration known by name use MediaInsightsPipelineConfiguration.fromConfigurationName`);
    } else if (reference.arn !== undefined) {
      v.string('configurationArn', reference.arn, CHIME_MODEL.member(CREATE_PIPELINE, 'MediaInsightsPipelineConfigurationArn'), 'a media insights pipeline configuration ARN');
      v.arnInStack('configurationArn', reference.arn, {
        service: 'chime',
        noun: 'configuration',
        resource: CONFIGURATION_RESOURCE,
        what: 'a media insights pipeline configuration ARN',
        why: 'a pipeline and its configuration are in the account and Region of the stack',
      });
    } else if (!Token.isUnresolved(reference.name) && reference.name!.startsWith('arn:')) {
      v.fail('configurationName', `${JSON.stringify(reference.name)} is an ARN, given to fromConfigurationName: use MediaInsightsPipelineConfiguration.fromConfigurationArn`);
    } else {
      v.string('configurationName', reference.name, CHIME_MODEL.member(CREATE, 'MediaInsightsPipelineConfigurationName'));
    }
    v.throwIfInvalid();
    this.configurationArn = reference.arn ?? configurationArnOf(this, reference.name!);
    this.configurationName = reference.name ?? Arn.split(reference.arn!, ArnFormat.SLASH_RESOURCE_NAME).resourceName!;
    this.pipelineRuntimeMetadata = { [METADATA_KEY]: this.configurationName };
  }

  public grantCreatePipelines(grantee: iam.IGrantable): iam.Grant {
    return grantCreatePipelinesOn(this, this.configurationArn, grantee);
  }

  /** Both kinds of task: which ones the imported configuration enables is not known. */
  public grantRunTasks(grantee: iam.IGrantable): iam.Grant {
    return grantRunTasksOf(this, ['VoiceToneAnalysis', 'SpeakerSearch'], grantee);
  }

  /** The imported configuration's resource access role is not known: says what to grant it, grants nothing. */
  public grantStreamRead(stream: KvsStream): void {
    Annotations.of(this).addWarningV2('cdk-live-media:importedConfigurationStreamRead',
      `The resource access role of the imported configuration ${this.configurationName} is not known: grant it kinesisvideo:GetDataEndpoint and kinesisvideo:GetMedia on the stream ${stream.streamArn ?? stream.streamName} yourself`);
  }
}
