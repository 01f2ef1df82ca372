/**
 * The fake's IVS real-time state: the stages, channels, encoder and storage
 * configurations the test registers, and the compositions started on them.
 *
 * Lifecycle: StartComposition answers STARTING; a state is shown to the
 * GetComposition calls of its phase (by default one), then the next Get moves
 * it on: STARTING -> ACTIVE (destinations with it). StopComposition moves it
 * to STOPPING -> STOPPED; once `stopped` is over, the composition is gone
 * (ResourceNotFoundException), as real compositions are deleted when they stop.
 *
 * The idempotency token: the same token with the same request answers the
 * same composition (no second one); the same token with another request is a
 * ConflictException. How long the real service honours a token, and what it
 * does with a reused token and other parameters, is unconfirmed: a handler
 * must not rely on either.
 */
import type { FakeServiceState, Phase } from './fake-common';
import { FAKE_ACCOUNT, FAKE_REGION, ServiceError, fakeId, phaseOver } from './fake-common';
import { FakeIvsStages, page } from './fake-ivs-stages';

export type IvsResourceType = 'stage' | 'channel' | 'encoder-configuration' | 'storage-configuration';

export interface FakeIvsOptions {
  /** How long a composition stays STARTING. @default { gets: 1 } */
  starting: Phase;
  /** How long a composition stays STOPPING. @default { gets: 1 } */
  stopping: Phase;
  /** How long a STOPPED composition can still be read. @default { gets: 1 } */
  stopped: Phase;
  /** Concurrent compositions (not STOPPED or FAILED) per account; past it, ServiceQuotaExceededException. @default 5 */
  maxActive: number;
}

export interface FakeComposition {
  readonly arn: string;
  readonly stageArn: string;
  state: 'STARTING' | 'ACTIVE' | 'STOPPING' | 'STOPPED' | 'FAILED';
  readonly layout: Record<string, any>;
  readonly destinations: { id: string; state: string; configuration: Record<string, any>; detail?: Record<string, any> }[];
  readonly tags?: Record<string, string>;
  readonly startTime: string;
  endTime?: string;
  /** The StartComposition request, minus its token. */
  readonly request: string;
  readonly idempotencyToken?: string;
  /** Reads since the last change of state. */
  gets: number;
  since: number;
}

const DEFAULTS: FakeIvsOptions = { starting: { gets: 1 }, stopping: { gets: 1 }, stopped: { gets: 1 }, maxActive: 5 };

export class FakeIvs implements FakeServiceState {
  public options: FakeIvsOptions = { ...DEFAULTS };
  public readonly resources = new Set<string>();
  public readonly compositions = new Map<string, FakeComposition>();
  /** Stage sessions and participants (GetStage, ListParticipants). */
  public readonly stages = new FakeIvsStages();

  public readonly operations = {
    ...this.stages.operations,
    // A stage exists while it is a registered resource; sessions are only known for stages that have them.
    GetStage: (input: any) => {
      if (!this.resources.has(input.arn)) throw new ServiceError('ResourceNotFoundException', `Stage not found: ${input.arn}`);
      return this.stages.has(input.arn) ? this.stages.operations.GetStage(input) : { stage: { arn: input.arn } };
    },
    ListCompositions: (input: any) => {
      const stage = input.filterByStageArn;
      const listed = [...this.compositions.values()].filter((c) => stage === undefined || c.stageArn === stage);
      const render = (items: FakeComposition[], nextToken?: string) => ({ compositions: items.map((c) => this.summary(c)), nextToken });
      return page(listed, input.maxResults ?? 100, input.nextToken, render);
    },
    StartComposition: (input: any) => this.start(input),
    GetComposition: (input: any) => ({ composition: this.render(this.advance(this.find(input.arn))) }),
    StopComposition: (input: any) => {
      const c = this.find(input.arn);
      if (c.state === 'STARTING' || c.state === 'ACTIVE') this.enter(c, 'STOPPING');
      return {};
    },
  };

  /** Registers a stage, channel, encoder or storage configuration; returns its ARN. */
  public addResource(type: IvsResourceType, id = fakeId(12)): string {
    const arn = `arn:aws:ivs:${FAKE_REGION}:${FAKE_ACCOUNT}:${type}/${id}`;
    this.resources.add(arn);
    if (type === 'stage') this.stages.add(arn);
    return arn;
  }

  public composition(arn: string): FakeComposition {
    const c = this.compositions.get(arn);
    if (!c) throw new Error(`The fake has no composition ${arn}`);
    return c;
  }

  /** Compositions that still hold a slot (not STOPPED or FAILED). */
  public active(): FakeComposition[] {
    return [...this.compositions.values()].filter((c) => c.state !== 'STOPPED' && c.state !== 'FAILED');
  }

  /** Deletes a stage, as someone else may: its compositions end and are no longer found. */
  public deleteStage(stageArn: string): void {
    this.resources.delete(stageArn);
    for (const c of [...this.compositions.values()]) if (c.stageArn === stageArn) this.compositions.delete(c.arn);
  }

  /** Ends a composition by itself (as after 24 hours, or a minute after nobody publishes). */
  public end(arn: string): void {
    this.enter(this.composition(arn), 'STOPPED');
  }

  /** Makes a composition fail (as when broadcasting fails for good). */
  public fail(arn: string): void {
    this.enter(this.composition(arn), 'FAILED');
  }

  public reset(): void {
    this.options = { ...DEFAULTS };
    this.resources.clear();
    this.compositions.clear();
    this.stages.reset();
  }

  private start(input: any) {
    const { idempotencyToken, ...rest } = input;
    const request = JSON.stringify(rest);
    if (idempotencyToken) {
      const earlier = [...this.compositions.values()].find((c) => c.idempotencyToken === idempotencyToken);
      if (earlier && earlier.request !== request) {
        throw new ServiceError('ConflictException', 'The idempotency token was already used with a different request.');
      }
      if (earlier) return { composition: this.render(earlier) };
    }
    this.mustExist(input.stageArn);
    const channels = input.destinations.filter((d: any) => d.channel).length;
    const s3s = input.destinations.filter((d: any) => d.s3).length;
    if (input.destinations.some((d: any) => !d.channel === !d.s3) || channels > 1 || s3s > 1) {
      throw new ServiceError('ValidationException', 'Each destination must have exactly one of channel and s3; at most one of each.');
    }
    for (const d of input.destinations) {
      if (d.channel) {
        this.mustExist(d.channel.channelArn);
        if (d.channel.encoderConfigurationArn) this.mustExist(d.channel.encoderConfigurationArn);
      }
      if (d.s3) {
        this.mustExist(d.s3.storageConfigurationArn);
        d.s3.encoderConfigurationArns.forEach((arn: string) => this.mustExist(arn));
      }
    }
    if (this.active().length >= this.options.maxActive) {
      throw new ServiceError('ServiceQuotaExceededException', `Limit of ${this.options.maxActive} concurrent compositions reached.`);
    }
    const id = fakeId(12);
    const stageId = input.stageArn.split('/').pop();
    const composition: FakeComposition = {
      arn: `arn:aws:ivs:${FAKE_REGION}:${FAKE_ACCOUNT}:composition/${id}`,
      stageArn: input.stageArn,
      state: 'STARTING',
      layout: input.layout ?? { grid: { gridGap: 2 } },
      destinations: input.destinations.map((configuration: any) => {
        const destinationId = fakeId(12);
        return {
          id: destinationId,
          state: 'STARTING',
          configuration,
          detail: configuration.s3 ? { s3: { recordingPrefix: `${stageId}/${id}/${destinationId}/composite` } } : undefined,
        };
      }),
      tags: input.tags,
      startTime: new Date().toISOString(),
      request,
      idempotencyToken,
      gets: 0,
      since: Date.now(),
    };
    this.compositions.set(composition.arn, composition);
    return { composition: this.render(composition) };
  }

  private mustExist(arn: string): void {
    if (!this.resources.has(arn)) throw new ServiceError('ResourceNotFoundException', `Resource not found: ${arn}`);
  }

  private find(arn: string): FakeComposition {
    const c = this.compositions.get(arn);
    if (!c) throw new ServiceError('ResourceNotFoundException', `Composition not found: ${arn}`);
    return c;
  }

  /** A read: moves the composition on when its phase is over, then counts the read. */
  private advance(c: FakeComposition): FakeComposition {
    if (c.state === 'STARTING' && phaseOver(this.options.starting, c.gets, c.since)) {this.enter(c, 'ACTIVE');} else if (c.state === 'STOPPING' && phaseOver(this.options.stopping, c.gets, c.since)) {this.enter(c, 'STOPPED');} else if (c.state === 'STOPPED' && phaseOver(this.options.stopped, c.gets, c.since)) {
      this.compositions.delete(c.arn);
      throw new ServiceError('ResourceNotFoundException', `Composition not found: ${c.arn}`);
    }
    c.gets++;
    return c;
  }

  private enter(c: FakeComposition, state: FakeComposition['state']): void {
    c.state = state;
    c.gets = 0;
    c.since = Date.now();
    for (const d of c.destinations) d.state = state;
    if (state === 'STOPPED' || state === 'FAILED') c.endTime = new Date().toISOString();
  }

  private summary(c: FakeComposition) {
    return {
      arn: c.arn,
      stageArn: c.stageArn,
      state: c.state,
      destinations: c.destinations.map((d) => ({ id: d.id, state: d.state })),
      tags: c.tags,
      startTime: c.startTime,
      endTime: c.endTime,
    };
  }

  private render(c: FakeComposition) {
    return {
      arn: c.arn,
      stageArn: c.stageArn,
      state: c.state,
      layout: c.layout,
      destinations: c.destinations,
      tags: c.tags,
      startTime: c.startTime,
      endTime: c.endTime,
    };
  }
}
