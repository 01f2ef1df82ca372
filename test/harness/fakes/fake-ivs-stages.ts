/**
 * The fake's IVS real-time stage sessions and participants (GetStage,
 * ListParticipants), driven by the tests as hosts join, publish and leave.
 *
 * A session begins when the first participant joins (the test says when) and
 * ends when the test ends it; `published` means "ever published in this
 * session", as the API documents it, and stays true after unpublishing.
 */
import { ServiceError, fakeId } from './fake-common';

export interface FakeParticipant {
  readonly participantId: string;
  readonly userId: string;
  state: 'CONNECTED' | 'DISCONNECTED';
  published: boolean;
  readonly firstJoinTime: string;
}

interface FakeStage {
  activeSessionId?: string;
  /** Participants by session ID. */
  readonly sessions: Map<string, FakeParticipant[]>;
}

const FILTERS = ['filterByUserId', 'filterByPublished', 'filterByState', 'filterByRecordingState'] as const;

export class FakeIvsStages {
  private readonly stages = new Map<string, FakeStage>();

  public readonly operations = {
    GetStage: (input: any) => {
      const stage = this.stage(input.arn);
      return { stage: { arn: input.arn, activeSessionId: stage.activeSessionId } };
    },
    ListParticipants: (input: any) => {
      const given = FILTERS.filter((f) => input[f] !== undefined);
      if (given.length > 1) {
        throw new ServiceError('ValidationException', `Only one of ${FILTERS.join(', ')} may be given; got ${given.join(', ')}`);
      }
      const all = this.stages.get(input.stageArn)?.sessions.get(input.sessionId) ?? [];
      const shown = all.filter((p) =>
        (input.filterByState === undefined || p.state === input.filterByState) &&
        (input.filterByPublished === undefined || p.published === input.filterByPublished) &&
        (input.filterByUserId === undefined || p.userId === input.filterByUserId));
      return page(shown, input.maxResults ?? 50, input.nextToken, (participants, nextToken) => ({ participants, nextToken }));
    },
  };

  /** Registers a stage (with no session). */
  public add(stageArn: string): void {
    this.stages.set(stageArn, { sessions: new Map() });
  }

  public has(stageArn: string): boolean {
    return this.stages.has(stageArn);
  }

  /** A participant joins; the first one starts a session. Returns the participant ID. */
  public join(stageArn: string, userId: string, options: { publish?: boolean } = {}): string {
    const stage = this.stage(stageArn);
    if (!stage.activeSessionId) {
      stage.activeSessionId = `st-${fakeId(13)}`;
      stage.sessions.set(stage.activeSessionId, []);
    }
    const participant: FakeParticipant = {
      participantId: fakeId(12), userId, state: 'CONNECTED', published: options.publish ?? false, firstJoinTime: new Date().toISOString(),
    };
    stage.sessions.get(stage.activeSessionId)!.push(participant);
    return participant.participantId;
  }

  public publish(stageArn: string, participantId: string): void {
    this.participant(stageArn, participantId).published = true;
  }

  public leave(stageArn: string, participantId: string): void {
    this.participant(stageArn, participantId).state = 'DISCONNECTED';
  }

  /** Ends the session (everybody disconnected); the next join starts another. */
  public endSession(stageArn: string): void {
    const stage = this.stage(stageArn);
    for (const p of stage.sessions.get(stage.activeSessionId ?? '') ?? []) p.state = 'DISCONNECTED';
    stage.activeSessionId = undefined;
  }

  public activeSession(stageArn: string): string | undefined {
    return this.stage(stageArn).activeSessionId;
  }

  public reset(): void {
    this.stages.clear();
  }

  private stage(arn: string): FakeStage {
    const stage = this.stages.get(arn);
    if (!stage) throw new ServiceError('ResourceNotFoundException', `Stage not found: ${arn}`);
    return stage;
  }

  private participant(stageArn: string, participantId: string): FakeParticipant {
    const stage = this.stage(stageArn);
    const p = stage.sessions.get(stage.activeSessionId ?? '')?.find((x) => x.participantId === participantId);
    if (!p) throw new Error(`The fake has no participant ${participantId} in the active session of ${stageArn}`);
    return p;
  }
}

/** One page of `items`: the token is the offset of the next page. */
export function page<T, R>(items: T[], maxResults: number, nextToken: string | undefined, render: (items: T[], nextToken?: string) => R): R {
  const start = nextToken ? Number(nextToken) : 0;
  const end = start + maxResults;
  return render(items.slice(start, end), end < items.length ? String(end) : undefined);
}
