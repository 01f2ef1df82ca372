import {
  GetSpeakerSearchTaskCommand,
  GetVoiceToneAnalysisTaskCommand,
  StartSpeakerSearchTaskCommand,
  StartVoiceToneAnalysisTaskCommand,
  StopSpeakerSearchTaskCommand,
  StopVoiceToneAnalysisTaskCommand,
} from '@aws-sdk/client-chime-sdk-media-pipelines';
import type { StartSpeakerSearchTaskRequest, StartVoiceToneAnalysisTaskRequest } from '@aws-sdk/client-chime-sdk-media-pipelines';
import type { CloudFormationCustomResourceEvent, CloudFormationCustomResourceUpdateEvent } from 'aws-lambda';
import { requirePipeline } from './voice-analytics-task-pipeline';
import { decodeVoiceAnalyticsTaskProperties, startTaskInput, VOICE_ANALYTICS_TASK_UPDATES } from '../../src/chime/voice-analytics-task.contract';
import type { VoiceAnalysisKindContract, VoiceAnalyticsTaskAttributes, VoiceAnalyticsTaskProperties } from '../../src/chime/voice-analytics-task.contract';
import { handlerOnly } from '../../src/core/wire';
import { chimeMediaPipelinesClient } from '../shared/clients/chime-media-pipelines';
import { UNDO_RESERVE_MS } from '../shared/deadline';
import type { Deadline } from '../shared/deadline';
import { describeError, isError } from '../shared/errors';
import { ENDED, RUNNING, changesOnly, endedFrom, endedPhysicalId, isEnded } from '../shared/lifecycle';
import { pollUntil } from '../shared/polling';
import { requestToken } from '../shared/request-token';
import { retryUntilDeadline } from '../shared/retry';
import type { HandlerResponse } from '../shared/types';

// Throttling (ThrottledClientException, 429) and 5xx answers are retried by the SDK.
const chime = chimeMediaPipelinesClient();

/** A task as the handler knows it: its kind, its pipeline and its ID. */
export interface TaskRef {
  readonly kind: VoiceAnalysisKindContract;
  readonly identifier: string;
  readonly taskId: string;
}

/** Statuses in which a task does not run and will not run again. */
const NOT_RUNNING = new Set(['Stopping', 'Stopped', 'Failed']);

/** How long a Start answered with ConflictException is retried (the old task of an update may still be stopping). */
const START_CONFLICT_RETRY_MS = 60_000;


const SEPARATOR = '|';

/** Start answered NotFoundException: the pipeline does not exist (or ended). Its message is the Reason as it is. */
class PipelineNotFoundError extends Error {}

export async function onVoiceAnalyticsTaskEvent(event: CloudFormationCustomResourceEvent, deadline: Deadline): Promise<HandlerResponse> {
  const props = decodeVoiceAnalyticsTaskProperties(event.ResourceProperties);
  switch (event.RequestType) {
    case 'Create':
      return start(props, requestToken(event), deadline);
    case 'Update':
      return update(event, props, deadline);
    case 'Delete':
      // An ended resource has nothing left to stop.
      if (!isEnded(event.PhysicalResourceId)) await stop(taskOf(props.Kind, event.PhysicalResourceId));
      return {};
  }
}

/**
 * Settings the service never sees: an Update that changes only these keeps
 * the running task (same physical ID, no Stop, no Start).
 */
const HANDLER_ONLY = handlerOnly(VOICE_ANALYTICS_TASK_UPDATES);

async function update(
  event: CloudFormationCustomResourceUpdateEvent,
  props: VoiceAnalyticsTaskProperties,
  deadline: Deadline,
): Promise<HandlerResponse> {
  const physicalId = event.PhysicalResourceId;
  const ended = isEnded(physicalId);
  // The pipeline this resource's task ran on: the physical ID's, which is also
  // the old properties' unless a failed Update is being rolled back.
  const ownPipeline = taskOf(props.Kind, endedFrom(physicalId)).identifier;
  if (changesOnly(event.OldResourceProperties, event.ResourceProperties, HANDLER_ONLY) || (ended && props.Identifier === ownPipeline)) {
    // Nothing the service sees changed, or the pipeline this resource ran on
    // has ended and is asked for again (a rollback): nothing to stop or start.
    return { PhysicalResourceId: physicalId, Data: attributesOf(taskOf(props.Kind, endedFrom(physicalId)), ended ? ENDED : RUNNING) };
  }
  // Any other change replaces the task: the old one is stopped first, then the
  // new one started under a new physical ID. A rollback is the same Update
  // with the properties swapped; the later Delete of the old physical ID
  // finds its task stopped, which is success.
  const oldPipeline = decodeVoiceAnalyticsTaskProperties(event.OldResourceProperties).Identifier;
  if (!ended) {
    const old = decodeVoiceAnalyticsTaskProperties(event.OldResourceProperties);
    if (props.Identifier !== oldPipeline && props.Identifier !== ownPipeline && !await requirePipeline(props.Identifier, ownPipeline, physicalId)) {
      // The rollback of a move from a pipeline the stack replaced, which ended meanwhile: ended. The answer
      // is another physical ID, so that CloudFormation's cleanup stops the current task.
      console.log(`Pipeline ${props.Identifier}, which pipeline ${ownPipeline} replaced, has ended: the resource is marked ended`);
      return { PhysicalResourceId: endedPhysicalId(physicalId), Data: attributesOf(taskOf(props.Kind, physicalId), ENDED) };
    }
    await stop(taskOf(old.Kind, physicalId));
  }
  try {
    return await start(props, requestToken(event), deadline);
  } catch (error) {
    // NotFound for a pipeline this resource already ran on: it ended (15 s
    // after its stream went quiet, 8 h at most), and a task cannot start on it
    // again. A pipeline the user changed to that does not exist is a mistake.
    const unchanged = props.Identifier === oldPipeline || props.Identifier === ownPipeline;
    if (!(error instanceof PipelineNotFoundError) || !unchanged) throw error;
    console.log(`Pipeline ${props.Identifier} has ended (${describeError(error)}): the resource is marked ended`);
    return {
      PhysicalResourceId: endedPhysicalId(physicalId),
      Data: attributesOf(taskOf(props.Kind, endedFrom(physicalId)), ENDED),
    };
  }
}

function attributesOf(task: Pick<TaskRef, 'identifier' | 'taskId'>, state: string): Record<string, string> {
  const data: VoiceAnalyticsTaskAttributes = { TaskId: task.taskId, PipelineIdentifier: task.identifier, State: state };
  return { ...data };
}

/** `<pipeline identifier>|<task ID>`: what Update and Delete need to find the task (the kind comes from the properties). */
export function physicalIdOf(task: Pick<TaskRef, 'identifier' | 'taskId'>): string {
  return `${task.identifier}${SEPARATOR}${task.taskId}`;
}

export function taskOf(kind: VoiceAnalysisKindContract, physicalId: string): TaskRef {
  const at = physicalId.lastIndexOf(SEPARATOR);
  if (at <= 0 || at === physicalId.length - 1) {
    throw new Error(`Physical ID ${JSON.stringify(physicalId)} is not <pipeline identifier>${SEPARATOR}<task ID>: cannot tell which task to stop`);
  }
  return { kind, identifier: physicalId.slice(0, at), taskId: physicalId.slice(at + 1) };
}

function describeTask(task: TaskRef): string {
  return `${task.kind} task ${task.taskId} on pipeline ${task.identifier}`;
}

async function start(props: VoiceAnalyticsTaskProperties, token: string, deadline: Deadline): Promise<HandlerResponse> {
  deadline.beforeStart(UNDO_RESERVE_MS, `a ${props.Kind} task on pipeline ${props.Identifier}`);
  const started = await retryUntilDeadline(() => startTask(props, token), deadline.within(START_CONFLICT_RETRY_MS, UNDO_RESERVE_MS), {
    what: `pipeline ${props.Identifier} to accept a new ${props.Kind} task`,
    retryable: (error) => isError(error, 'ConflictException'),
  }).catch((error) => {
    if (isError(error, 'NotFoundException')) {
      throw new PipelineNotFoundError(
        `${describeError(error)}. Pipeline ${props.Identifier} does not exist in this account and Region, ` +
        'or it has ended (a media insights pipeline ends 15 s after its stream stops sending audio, and after 8 hours at most)',
      );
    }
    throw error;
  });
  const task: TaskRef = { kind: props.Kind, identifier: props.Identifier, taskId: started.taskId };
  console.log(`Started ${describeTask(task)}: ${started.status}`);
  const release = deadline.track(describeTask(task), () => stopTask(task));
  try {
    if (props.WaitForInProgress) {
      await waitUntilInProgress(task, started.status, props.StartTimeoutSeconds, deadline);
    } else if (started.status === 'Failed') {
      throw failedToStart(task, started.status);
    }
  } catch (error) {
    // Leave nothing running behind a failed resource.
    await stopQuietly(task);
    release();
    throw error;
  }
  return { PhysicalResourceId: physicalIdOf(task), Data: attributesOf(task, RUNNING) };
}

/** What a poll of a task saw: its status, and what to call it in messages (an error while it is not found yet). */
interface TaskSeen {
  readonly status?: string;
  readonly seen: string;
}

/**
 * Polls Get*Task until the task is InProgress. NotStarted and Initializing
 * (and a task not found yet) go on waiting; Failed, Stopping and Stopped fail.
 */
async function waitUntilInProgress(task: TaskRef, firstStatus: string | undefined, timeoutSeconds: number, deadline: Deadline): Promise<void> {
  await pollUntil<TaskSeen>(deadline, {
    waitingFor: `${describeTask(task)} to be InProgress`,
    readName: `Get${task.kind}Task`,
    first: { state: { status: firstStatus, seen: firstStatus ?? 'none' } },
    read: async () => {
      try {
        const status = await taskStatus(task);
        return { status, seen: status ?? 'none' };
      } catch (error) {
        // Just after Start the task may not be found yet.
        if (!isError(error, 'NotFoundException')) throw error;
        return { seen: describeError(error) };
      }
    },
    done: ({ status }) => status === 'InProgress',
    failure: ({ status }) => (status && NOT_RUNNING.has(status) ? failedToStart(task, status) : undefined),
    timeoutMs: timeoutSeconds * 1_000,
    reserveMs: UNDO_RESERVE_MS,
    onTimeout: ({ last, elapsedMs }) => new Error(
      `${describeTask(task)} was not InProgress after ${Math.round(elapsedMs / 1_000)} s ` +
      `(last status: ${last.seen}). A task stays Initializing until audio flows on the stream: ` +
      'start the audio first, raise startTimeout, or set waitForInProgress to false',
    ),
  });
}

function failedToStart(task: TaskRef, status: string): Error {
  const why = status === 'Failed'
    ? `. Get${task.kind}Task gives no reason; the pipeline's notification targets receive it as an event. ` +
      `Check that the pipeline's configuration has a voice analytics processor with ${task.kind}Status Enabled`
    : ' (stopped by someone else, or its pipeline ended)';
  return new Error(`${describeTask(task)} did not start: its status is ${status}${why}`);
}

/** Stops a task; a task or pipeline gone, or a task that is stopping, stopped or failed, is success. */
async function stop(task: TaskRef): Promise<void> {
  try {
    await stopTask(task);
    console.log(`Stopped ${describeTask(task)}`);
  } catch (error) {
    if (isError(error, 'NotFoundException')) {
      console.log(`${describeTask(task)}: the task or its pipeline no longer exists, nothing to stop`);
      return;
    }
    // ConflictException ("conflict in the current state of the resource") or
    // BadRequestException may mean the task is already stopping or stopped, or
    // something else: ask the task itself rather than trust the message.
    if (!isError(error, 'ConflictException', 'BadRequestException')) throw error;
    const status = await taskStatus(task).catch((e) => (isError(e, 'NotFoundException') ? 'gone' : undefined));
    if (status === undefined || !(status === 'gone' || NOT_RUNNING.has(status))) throw error;
    console.log(`${describeTask(task)} is ${status}: nothing to stop (${describeError(error)})`);
  }
}

/** Stops a task that failed to start, best effort: the failure that led here is what the resource reports. */
async function stopQuietly(task: TaskRef): Promise<void> {
  try {
    await stop(task);
  } catch (error) {
    console.error(`Could not stop ${describeTask(task)}: ${describeError(error)}`);
  }
}

// ---------------------------------------------------------------------------
// The six APIs, two by two.
// ---------------------------------------------------------------------------

async function startTask(props: VoiceAnalyticsTaskProperties, token: string): Promise<{ taskId: string; status?: string }> {
  const input = { ...startTaskInput(props), ClientRequestToken: token };
  const task = props.Kind === 'VoiceToneAnalysis'
    ? await chime.send(new StartVoiceToneAnalysisTaskCommand(input as StartVoiceToneAnalysisTaskRequest)).then((out) => ({
      taskId: out.VoiceToneAnalysisTask?.VoiceToneAnalysisTaskId,
      status: out.VoiceToneAnalysisTask?.VoiceToneAnalysisTaskStatus,
    }))
    : await chime.send(new StartSpeakerSearchTaskCommand(input as StartSpeakerSearchTaskRequest)).then((out) => ({
      taskId: out.SpeakerSearchTask?.SpeakerSearchTaskId,
      status: out.SpeakerSearchTask?.SpeakerSearchTaskStatus,
    }));
  if (!task.taskId) throw new Error(`Start${props.Kind}Task on pipeline ${props.Identifier} answered without a task ID`);
  return { taskId: task.taskId, status: task.status };
}

async function taskStatus(task: TaskRef): Promise<string | undefined> {
  if (task.kind === 'VoiceToneAnalysis') {
    const out = await chime.send(new GetVoiceToneAnalysisTaskCommand({ Identifier: task.identifier, VoiceToneAnalysisTaskId: task.taskId }));
    return out.VoiceToneAnalysisTask?.VoiceToneAnalysisTaskStatus;
  }
  const out = await chime.send(new GetSpeakerSearchTaskCommand({ Identifier: task.identifier, SpeakerSearchTaskId: task.taskId }));
  return out.SpeakerSearchTask?.SpeakerSearchTaskStatus;
}

async function stopTask(task: TaskRef): Promise<void> {
  if (task.kind === 'VoiceToneAnalysis') {
    await chime.send(new StopVoiceToneAnalysisTaskCommand({ Identifier: task.identifier, VoiceToneAnalysisTaskId: task.taskId }));
  } else {
    await chime.send(new StopSpeakerSearchTaskCommand({ Identifier: task.identifier, SpeakerSearchTaskId: task.taskId }));
  }
}
