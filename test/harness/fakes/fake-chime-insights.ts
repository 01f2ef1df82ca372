/**
 * The fake's media insights pipeline configurations and pipelines (Chime SDK
 * media pipelines). A pipeline created from a configuration is registered with
 * FakeChime as a pipeline tasks can run on, with the voice analytics features
 * its configuration enables.
 *
 * Lifecycle: a pipeline is created Initializing, the next GetMediaPipeline
 * shows it InProgress (unless `endPipeline` ended it: Stopped).
 * DeleteMediaPipeline removes it. A configuration with pipelines not ended
 * cannot be deleted (ConflictException). ClientRequestToken: the same token
 * with the same request answers the same object. Tags: a configuration's, set
 * by Create (Tags), changed by TagResource/UntagResource and listed by
 * ListTagsForResource on its ARN. Create of a name taken (with another token)
 * is a BadRequestException.
 */
import { randomUUID } from 'crypto';
import type { FakePipeline } from './fake-chime';
import { FAKE_ACCOUNT, FAKE_REGION, ServiceError } from './fake-common';

export interface FakeConfiguration {
  readonly name: string;
  readonly id: string;
  readonly arn: string;
  roleArn: string;
  elements: any[];
  readonly tags: Map<string, string>;
  readonly token?: string;
  readonly created: string;
  updated: string;
}

export interface FakeInsightsPipeline {
  readonly id: string;
  readonly arn: string;
  readonly configurationArn: string;
  status: 'Initializing' | 'InProgress' | 'Stopped' | 'Failed';
  readonly request: string;
  readonly token?: string;
  readonly metadata?: Record<string, string>;
  readonly created: string;
}

const ARN = `arn:aws:chime:${FAKE_REGION}:${FAKE_ACCOUNT}`;

export class FakeChimeInsights {
  public readonly configurations = new Map<string, FakeConfiguration>();
  public readonly pipelines = new Map<string, FakeInsightsPipeline>();

  public readonly operations = {
    CreateMediaInsightsPipelineConfiguration: (input: any) => this.createConfiguration(input),
    UpdateMediaInsightsPipelineConfiguration: (input: any) => this.updateConfiguration(input),
    GetMediaInsightsPipelineConfiguration: (input: any) => ({
      MediaInsightsPipelineConfiguration: this.renderConfiguration(this.configuration(input.Identifier)),
    }),
    DeleteMediaInsightsPipelineConfiguration: (input: any) => this.deleteConfiguration(input.Identifier),
    TagResource: (input: any) => this.tag(input.ResourceARN, input.Tags),
    UntagResource: (input: any) => this.untag(input.ResourceARN, input.TagKeys),
    ListTagsForResource: (input: any) => ({ Tags: [...this.tagged(input.ResourceARN).tags].map(([Key, Value]) => ({ Key, Value })) }),
    CreateMediaInsightsPipeline: (input: any) => this.createPipeline(input),
    GetMediaPipeline: (input: any) => this.getPipeline(input.MediaPipelineId),
    DeleteMediaPipeline: (input: any) => this.deletePipeline(input.MediaPipelineId),
  };

  /** @param register makes a created pipeline one that tasks can run on */
  constructor(private readonly register: (pipeline: FakePipeline) => void, private readonly unregister: (id: string) => void) {}

  /** Ends a pipeline as the service does 15 s after its streams go quiet. */
  public endPipeline(id: string): void {
    const p = this.pipelines.get(id);
    if (!p) throw new Error(`The fake has no pipeline ${id}`);
    p.status = 'Stopped';
    this.unregister(id);
  }

  public reset(): void {
    this.configurations.clear();
    this.pipelines.clear();
  }

  private configuration(identifier: string): FakeConfiguration {
    const found = [...this.configurations.values()].find((c) => c.name === identifier || c.arn === identifier);
    if (!found) throw new ServiceError('NotFoundException', `Media insights pipeline configuration ${identifier} not found.`);
    return found;
  }

  private createConfiguration(input: any) {
    const name = input.MediaInsightsPipelineConfigurationName;
    const existing = [...this.configurations.values()].find((c) => c.name === name);
    if (existing && input.ClientRequestToken && existing.token === input.ClientRequestToken) {
      return { MediaInsightsPipelineConfiguration: this.renderConfiguration(existing) };
    }
    if (existing) throw new ServiceError('BadRequestException', `A media insights pipeline configuration named ${name} already exists.`);
    const now = new Date().toISOString();
    const configuration: FakeConfiguration = {
      name,
      id: randomUUID(),
      arn: `${ARN}:media-insights-pipeline-configuration/${name}`,
      roleArn: input.ResourceAccessRoleArn,
      elements: input.Elements,
      tags: new Map((input.Tags ?? []).map((t: { Key: string; Value: string }) => [t.Key, t.Value])),
      token: input.ClientRequestToken,
      created: now,
      updated: now,
    };
    this.configurations.set(configuration.id, configuration);
    return { MediaInsightsPipelineConfiguration: this.renderConfiguration(configuration) };
  }

  private updateConfiguration(input: any) {
    const configuration = this.configuration(input.Identifier);
    configuration.roleArn = input.ResourceAccessRoleArn;
    configuration.elements = input.Elements;
    configuration.updated = new Date().toISOString();
    return { MediaInsightsPipelineConfiguration: this.renderConfiguration(configuration) };
  }

  private deleteConfiguration(identifier: string) {
    const configuration = this.configuration(identifier);
    if ([...this.pipelines.values()].some((p) => p.configurationArn === configuration.arn && (p.status === 'Initializing' || p.status === 'InProgress'))) {
      throw new ServiceError('ConflictException', `Media insights pipeline configuration ${configuration.name} has running pipelines.`);
    }
    this.configurations.delete(configuration.id);
    return undefined;
  }

  /** Tags by ARN: the fake tags configurations only (the service tags pipelines too; no handler does). */
  private tagged(arn: string): FakeConfiguration {
    const found = [...this.configurations.values()].find((c) => c.arn === arn);
    if (!found) throw new ServiceError('NotFoundException', `Resource ${arn} not found.`);
    return found;
  }

  private tag(arn: string, tags: { Key: string; Value: string }[]) {
    const configuration = this.tagged(arn);
    for (const t of tags) configuration.tags.set(t.Key, t.Value);
    return undefined;
  }

  private untag(arn: string, keys: string[]) {
    const configuration = this.tagged(arn);
    for (const key of keys) configuration.tags.delete(key);
    return undefined;
  }

  private createPipeline(input: any) {
    const { ClientRequestToken, ...rest } = input;
    const request = JSON.stringify(rest);
    const earlier = ClientRequestToken ? [...this.pipelines.values()].find((p) => p.token === ClientRequestToken) : undefined;
    if (earlier && earlier.request !== request) throw new ServiceError('BadRequestException', 'The ClientRequestToken was already used with a different request.');
    if (earlier) return { MediaInsightsPipeline: this.renderPipeline(earlier) };
    const configuration = [...this.configurations.values()].find((c) => c.arn === input.MediaInsightsPipelineConfigurationArn);
    if (!configuration) throw new ServiceError('NotFoundException', `Media insights pipeline configuration ${input.MediaInsightsPipelineConfigurationArn} not found.`);
    const id = randomUUID();
    const pipeline: FakeInsightsPipeline = {
      id,
      arn: `${ARN}:media-pipeline/${id}`,
      configurationArn: configuration.arn,
      status: 'Initializing',
      request,
      token: ClientRequestToken,
      metadata: input.MediaInsightsRuntimeMetadata,
      created: new Date().toISOString(),
    };
    this.pipelines.set(id, pipeline);
    const processor = configuration.elements.find((e) => e.Type === 'VoiceAnalyticsProcessor')?.VoiceAnalyticsProcessorConfiguration ?? {};
    this.register({ id, arn: pipeline.arn, voiceToneAnalysis: processor.VoiceToneAnalysisStatus === 'Enabled', speakerSearch: processor.SpeakerSearchStatus === 'Enabled' });
    return { MediaInsightsPipeline: this.renderPipeline(pipeline) };
  }

  private pipeline(id: string): FakeInsightsPipeline {
    const p = this.pipelines.get(id);
    if (!p) throw new ServiceError('NotFoundException', `Media pipeline ${id} not found.`);
    return p;
  }

  private getPipeline(id: string) {
    const p = this.pipeline(id);
    const shown = this.renderPipeline(p);
    if (p.status === 'Initializing') p.status = 'InProgress';
    return { MediaPipeline: { MediaInsightsPipeline: shown } };
  }

  private deletePipeline(id: string) {
    this.pipeline(id);
    this.pipelines.delete(id);
    this.unregister(id);
    return undefined;
  }

  private renderConfiguration(c: FakeConfiguration) {
    return {
      MediaInsightsPipelineConfigurationName: c.name,
      MediaInsightsPipelineConfigurationArn: c.arn,
      MediaInsightsPipelineConfigurationId: c.id,
      ResourceAccessRoleArn: c.roleArn,
      Elements: c.elements,
      CreatedTimestamp: c.created,
      UpdatedTimestamp: c.updated,
    };
  }

  private renderPipeline(p: FakeInsightsPipeline) {
    return {
      MediaPipelineId: p.id,
      MediaPipelineArn: p.arn,
      MediaInsightsPipelineConfigurationArn: p.configurationArn,
      Status: p.status,
      MediaInsightsRuntimeMetadata: p.metadata,
      CreatedTimestamp: p.created,
    };
  }
}
