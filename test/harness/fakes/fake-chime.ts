/**
 * The fake's Chime SDK media pipelines state: media insights pipelines the
 * test registers (with the voice analytics features they enable), and the
 * voice tone analysis and speaker search tasks started on them.
 *
 * Lifecycle: Start* answers NotStarted; a status is shown to the Get* calls of
 * its phase (by default one), then the next Get* moves the task on:
 * NotStarted -> Initializing -> InProgress. Stop* moves it to Stopping ->
 * Stopped the same way. Stopping a task
 * already Stopping or Stopped is a ConflictException (the real answer is
 * unconfirmed: a handler should accept either). Unknown pipelines and tasks
 * are NotFoundException.
 *
 * ClientRequestToken: the same token with the same request on the same
 * pipeline answers the same task; with another request, ConflictException.
 */
import { randomUUID } from 'crypto';
import { FakeChimeInsights } from './fake-chime-insights';
import type { FakeServiceState, Phase } from './fake-common';
import { FAKE_ACCOUNT, FAKE_REGION, ServiceError, phaseOver } from './fake-common';

export type ChimeTaskKind = 'VoiceToneAnalysis' | 'SpeakerSearch';
export type ChimeTaskStatus = 'NotStarted' | 'Initializing' | 'InProgress' | 'Failed' | 'Stopping' | 'Stopped';

export interface FakeChimeOptions {
  /** How long a task stays NotStarted, then Initializing. @default { gets: 1 } */
  starting: Phase;
  /** How long a task stays Stopping. @default { gets: 1 } */
  stopping: Phase;
  /**
   * When set, a starting task is Initializing until this long after it was
   * created and InProgress from then on, however often it is read (to
   * measure how soon a handler notices). @default - `starting` applies
   */
  inProgressAfterMs?: number;
}

export interface FakePipeline {
  readonly id: string;
  readonly arn: string;
  /** Whether its voice analytics processor enables voice tone analysis. */
  readonly voiceToneAnalysis: boolean;
  /** Whether its voice analytics processor enables speaker search. */
  readonly speakerSearch: boolean;
}

export interface FakeTask {
  readonly kind: ChimeTaskKind;
  readonly id: string;
  readonly pipelineId: string;
  status: ChimeTaskStatus;
  readonly clientRequestToken?: string;
  /** The Start request, minus the token and the identifier. */
  readonly request: string;
  readonly created: string;
  updated: string;
  gets: number;
  since: number;
}

const DEFAULTS: FakeChimeOptions = { starting: { gets: 1 }, stopping: { gets: 1 } };
const NEXT: Partial<Record<ChimeTaskStatus, ChimeTaskStatus>> = { NotStarted: 'Initializing', Initializing: 'InProgress', Stopping: 'Stopped' };

export class FakeChime implements FakeServiceState {
  public options: FakeChimeOptions = { ...DEFAULTS };
  public readonly pipelines = new Map<string, FakePipeline>();
  public readonly tasks = new Map<string, FakeTask>();
  /** Configurations and the pipelines created from them (fake-chime-insights.ts). */
  public readonly insights = new FakeChimeInsights((p) => this.pipelines.set(p.id, p), (id) => this.pipelines.delete(id));

  public readonly operations = {
    ...this.insights.operations,
    StartVoiceToneAnalysisTask: (input: any) => this.start('VoiceToneAnalysis', input),
    GetVoiceToneAnalysisTask: (input: any) => this.get('VoiceToneAnalysis', input.Identifier, input.VoiceToneAnalysisTaskId),
    StopVoiceToneAnalysisTask: (input: any) => this.stop('VoiceToneAnalysis', input.Identifier, input.VoiceToneAnalysisTaskId),
    StartSpeakerSearchTask: (input: any) => this.start('SpeakerSearch', input),
    GetSpeakerSearchTask: (input: any) => this.get('SpeakerSearch', input.Identifier, input.SpeakerSearchTaskId),
    StopSpeakerSearchTask: (input: any) => this.stop('SpeakerSearch', input.Identifier, input.SpeakerSearchTaskId),
  };

  /** Registers a media insights pipeline (by default a random ID), by default with both voice analytics features. */
  public addPipeline(features: { voiceToneAnalysis?: boolean; speakerSearch?: boolean; id?: string } = {}): FakePipeline {
    const id = features.id ?? randomUUID();
    const pipeline = {
      id,
      arn: `arn:aws:chime:${FAKE_REGION}:${FAKE_ACCOUNT}:media-pipeline/${id}`,
      voiceToneAnalysis: features.voiceToneAnalysis ?? true,
      speakerSearch: features.speakerSearch ?? true,
    };
    this.pipelines.set(id, pipeline);
    return pipeline;
  }

  public task(id: string): FakeTask {
    const t = this.tasks.get(id);
    if (!t) throw new Error(`The fake has no task ${id}`);
    return t;
  }

  /** Tasks not Stopped or Failed. */
  public active(kind?: ChimeTaskKind): FakeTask[] {
    return [...this.tasks.values()].filter((t) => (!kind || t.kind === kind) && t.status !== 'Stopped' && t.status !== 'Failed');
  }

  /**
   * Ends a pipeline as the service does (15 s after its stream goes quiet, 8 h
   * at most): its tasks stop, and the pipeline and its tasks are no longer found.
   */
  public endPipeline(id: string): void {
    for (const t of this.tasks.values()) if (t.pipelineId === id) this.enter(t, 'Stopped');
    this.pipelines.delete(id);
  }

  /** Makes a task fail. */
  public fail(id: string): void {
    this.enter(this.task(id), 'Failed');
  }

  public reset(): void {
    this.options = { ...DEFAULTS };
    this.pipelines.clear();
    this.tasks.clear();
    this.insights.reset();
  }

  private pipeline(identifier: string): FakePipeline {
    const id = identifier.startsWith('arn:') ? identifier.split('/').pop()! : identifier;
    const p = this.pipelines.get(id);
    if (!p || (identifier.startsWith('arn:') && identifier !== p.arn)) {
      throw new ServiceError('NotFoundException', `Media insights pipeline ${identifier} not found.`);
    }
    return p;
  }

  private start(kind: ChimeTaskKind, input: any) {
    const { Identifier, ClientRequestToken, ...rest } = input;
    const pipeline = this.pipeline(Identifier);
    const request = JSON.stringify(rest);
    if (ClientRequestToken) {
      const earlier = [...this.tasks.values()]
        .find((t) => t.kind === kind && t.pipelineId === pipeline.id && t.clientRequestToken === ClientRequestToken);
      if (earlier && earlier.request !== request) {
        throw new ServiceError('ConflictException', 'The ClientRequestToken was already used with a different request.');
      }
      if (earlier) return this.render(earlier);
    }
    const enabled = kind === 'VoiceToneAnalysis' ? pipeline.voiceToneAnalysis : pipeline.speakerSearch;
    if (!enabled) {
      throw new ServiceError('BadRequestException',
        `Media insights pipeline ${pipeline.id} has no voice analytics processor with ${kind === 'VoiceToneAnalysis' ? 'voice tone analysis' : 'speaker search'} enabled.`);
    }
    const now = new Date().toISOString();
    const task: FakeTask = {
      kind,
      id: randomUUID(),
      pipelineId: pipeline.id,
      status: 'NotStarted',
      clientRequestToken: ClientRequestToken,
      request,
      created: now,
      updated: now,
      gets: 0,
      since: Date.now(),
    };
    this.tasks.set(task.id, task);
    return this.render(task);
  }

  private find(kind: ChimeTaskKind, identifier: string, taskId: string): FakeTask {
    const pipeline = this.pipeline(identifier);
    const task = this.tasks.get(taskId);
    if (!task || task.kind !== kind || task.pipelineId !== pipeline.id) {
      throw new ServiceError('NotFoundException', `Task ${taskId} not found on media insights pipeline ${pipeline.id}.`);
    }
    return task;
  }

  private get(kind: ChimeTaskKind, identifier: string, taskId: string) {
    const task = this.find(kind, identifier, taskId);
    const next = NEXT[task.status];
    const phase = task.status === 'Stopping' ? this.options.stopping : this.options.starting;
    const { inProgressAfterMs } = this.options;
    if (inProgressAfterMs !== undefined && (task.status === 'NotStarted' || task.status === 'Initializing')) {
      const due = Date.now() - Date.parse(task.created) >= inProgressAfterMs ? 'InProgress' : 'Initializing';
      if (due !== task.status) this.enter(task, due);
    } else if (next && phaseOver(phase, task.gets, task.since)) {
      this.enter(task, next);
    }
    task.gets++;
    return this.render(task);
  }

  private stop(kind: ChimeTaskKind, identifier: string, taskId: string) {
    const task = this.find(kind, identifier, taskId);
    if (task.status === 'Stopping' || task.status === 'Stopped' || task.status === 'Failed') {
      throw new ServiceError('ConflictException', `Task ${taskId} is ${task.status}.`);
    }
    this.enter(task, 'Stopping');
    return undefined;
  }

  private enter(task: FakeTask, status: ChimeTaskStatus): void {
    task.status = status;
    task.gets = 0;
    task.since = Date.now();
    task.updated = new Date().toISOString();
  }

  private render(t: FakeTask) {
    const body = { CreatedTimestamp: t.created, UpdatedTimestamp: t.updated };
    return t.kind === 'VoiceToneAnalysis'
      ? { VoiceToneAnalysisTask: { VoiceToneAnalysisTaskId: t.id, VoiceToneAnalysisTaskStatus: t.status, ...body } }
      : { SpeakerSearchTask: { SpeakerSearchTaskId: t.id, SpeakerSearchTaskStatus: t.status, ...body } };
  }
}
