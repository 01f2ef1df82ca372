/**
 * VoiceAnalyticsTask's lifecycle as deployed: the bundled handler, fed the
 * template's properties as CloudFormation sends them, against the fake Chime
 * SDK media pipelines API with the real SDK client. Every change replaces the
 * task (stop the old, start the new); ClientRequestToken comes from the
 * request, so a redelivered request never starts a second task.
 */
import { DEADLINE_MARGIN_MS } from '../../../lambda/shared/deadline';
import { CREATE_FAILED_MARKER, NO_DATA, expectFailed, expectSucceeded, requestToken } from '../runtime/expectations';
import type { Invocation } from '../runtime/lambda-runner';
import { CHIME_FIXTURES, useHarness } from '../runtime/parts';

const START = 'StartVoiceToneAnalysisTask';
const GET = 'GetVoiceToneAnalysisTask';
const STOP = 'StopVoiceToneAnalysisTask';
const PIPELINE = CHIME_FIXTURES.pipelineId;

/** What the `initial` and `updated` variants must send, written out (the token aside). */
const INITIAL_INPUT = {
  Identifier: PIPELINE,
  LanguageCode: 'en-US',
  KinesisVideoStreamSourceTaskConfiguration: { StreamArn: CHIME_FIXTURES.streamArn, ChannelId: 0 },
};
const UPDATED_INPUT = { ...INITIAL_INPUT, KinesisVideoStreamSourceTaskConfiguration: { StreamArn: CHIME_FIXTURES.streamArn, ChannelId: 1 } };

const h = useHarness((harness) => {
  harness.fake.chime.addPipeline({ id: PIPELINE, speakerSearch: false });
  // Each read moves a task on: NotStarted -> Initializing -> InProgress; Stopping -> Stopped.
  harness.fake.chime.options = { starting: { gets: 0 }, stopping: { gets: 0 } };
});

/** The task the invocation answered: `<pipeline>|<task ID>`, checked. */
function taskOf(invocation: Invocation): string {
  const physicalId = invocation.response!.PhysicalResourceId;
  const [pipeline, taskId] = physicalId.split('|');
  expect(pipeline).toBe(PIPELINE);
  expect(h.fake.chime.task(taskId).pipelineId).toBe(PIPELINE);
  expectSucceeded(invocation, physicalId, { TaskId: taskId, PipelineIdentifier: PIPELINE, State: 'RUNNING' });
  return taskId;
}

/** Creates the `initial` variant, checks it and forgets its calls; returns the task ID. */
async function created(): Promise<string> {
  const taskId = taskOf(await h.invoke(h.event('Create', 'chime.initial', { logicalId: 'Sentiment' })));
  h.fake.calls.length = 0;
  return taskId;
}

const idOf = (taskId: string) => `${PIPELINE}|${taskId}`;

/** The tasks neither stopping, stopped nor failed. */
const running = () => [...h.fake.chime.tasks.values()].filter((t) => !['Stopping', 'Stopped', 'Failed'].includes(t.status));

describe('lifecycle', () => {
  test('create: Start with a request-derived ClientRequestToken, polled until InProgress; <pipeline>|<task> is the physical ID', async () => {
    const event = h.event('Create', 'chime.initial', { logicalId: 'Sentiment' });
    const taskId = taskOf(await h.invoke(event));

    expect(h.fake.callsOf().map((c) => [c.operation, c.input, c.output && JSON.stringify(c.output).match(/"(NotStarted|Initializing|InProgress)"/)![1]])).toEqual([
      [START, { ...INITIAL_INPUT, ClientRequestToken: requestToken(event) }, 'NotStarted'],
      [GET, { Identifier: PIPELINE, VoiceToneAnalysisTaskId: taskId }, 'Initializing'],
      [GET, { Identifier: PIPELINE, VoiceToneAnalysisTaskId: taskId }, 'InProgress'],
    ]);
  });

  test('update: a replacement that stops the old task before it starts the new one; the Delete of the old ID then succeeds', async () => {
    const first = await created();
    const event = h.event('Update', 'chime.updated', { logicalId: 'Sentiment', old: 'chime.initial', physicalId: idOf(first) });
    const second = taskOf(await h.invoke(event));

    expect(second).not.toBe(first);
    expect(h.fake.callsOf().map((c) => [c.operation, c.input])).toEqual([
      [STOP, { Identifier: PIPELINE, VoiceToneAnalysisTaskId: first }],
      [START, { ...UPDATED_INPUT, ClientRequestToken: requestToken(event) }],
      [GET, { Identifier: PIPELINE, VoiceToneAnalysisTaskId: second }],
      [GET, { Identifier: PIPELINE, VoiceToneAnalysisTaskId: second }],
    ]);

    h.fake.calls.length = 0;
    const deleteOld = await h.invoke(h.event('Delete', 'chime.initial', { logicalId: 'Sentiment', physicalId: idOf(first) }));
    expectSucceeded(deleteOld, idOf(first), NO_DATA);
    // Stopping a task that is already stopping is a conflict: the handler asks the task, which is stopping, and succeeds.
    expect(h.fake.callsOf().map((c) => [c.operation, c.status])).toEqual([[STOP, 409], [GET, 200]]);
    expect(running().map((t) => t.id)).toEqual([second]);
  });

  test('rollback: the swapped Update replaces the new task by the old configuration; the Delete of the new ID cleans up', async () => {
    const first = await created();
    const second = taskOf(await h.invoke(h.event('Update', 'chime.updated', { logicalId: 'Sentiment', old: 'chime.initial', physicalId: idOf(first) })));
    h.fake.calls.length = 0;

    const event = h.event('Update', 'chime.initial', { logicalId: 'Sentiment', old: 'chime.updated', physicalId: idOf(second) });
    const third = taskOf(await h.invoke(event));
    expectSucceeded(await h.invoke(h.event('Delete', 'chime.updated', { logicalId: 'Sentiment', physicalId: idOf(second) })), idOf(second), NO_DATA);

    expect(h.fake.inputsOf(START)).toEqual([{ ...INITIAL_INPUT, ClientRequestToken: requestToken(event) }]);
    expect(running().map((t) => [t.id, JSON.parse(t.request).KinesisVideoStreamSourceTaskConfiguration.ChannelId])).toEqual([[third, 0]]);
  });

  test('delete: the task is stopped', async () => {
    const taskId = await created();
    const del = await h.invoke(h.event('Delete', 'chime.initial', { logicalId: 'Sentiment', physicalId: idOf(taskId) }));

    expectSucceeded(del, idOf(taskId), NO_DATA);
    expect(h.fake.callsOf().map((c) => [c.operation, c.input])).toEqual([[STOP, { Identifier: PIPELINE, VoiceToneAnalysisTaskId: taskId }]]);
    expect(h.fake.chime.task(taskId).status).toBe('Stopping');
  });

  test('delete after a failed create: FAILED with the service\'s message and the marker ID, whose Delete calls nothing', async () => {
    const event = h.event('Create', 'chime.speakerSearch');
    const create = await h.invoke(event);
    expectFailed(create, CREATE_FAILED_MARKER,
      /^BadRequestException: Media insights pipeline 0f0e0d0c-0b0a-4909-8807-000000000001 has no voice analytics processor with speaker search enabled\.$/);
    expect(h.fake.callsOf().map((c) => [c.operation, c.input])).toEqual([['StartSpeakerSearchTask', {
      Identifier: CHIME_FIXTURES.pipelineArn,
      VoiceProfileDomainArn: CHIME_FIXTURES.voiceProfileDomainArn,
      KinesisVideoStreamSourceTaskConfiguration: { StreamArn: CHIME_FIXTURES.streamArn, ChannelId: 0 },
      ClientRequestToken: requestToken(event),
    }]]);

    h.fake.calls.length = 0;
    expectSucceeded(await h.invoke(h.event('Delete', 'chime.speakerSearch', { physicalId: CREATE_FAILED_MARKER })), CREATE_FAILED_MARKER, NO_DATA);
    expect(h.fake.calls).toEqual([]);
  });

  test('the same create delivered twice (same request, warm container): the same token, one task', async () => {
    const event = h.event('Create', 'chime.initial', { logicalId: 'Sentiment' });
    const [first, second] = (await h.invokeTwice(event)).map(taskOf);

    expect(second).toBe(first);
    expect(h.fake.inputsOf(START)).toEqual(Array(2).fill({ ...INITIAL_INPUT, ClientRequestToken: requestToken(event) }));
    expect(h.fake.chime.tasks.size).toBe(1);
  });

  test('delete when the pipeline is already gone succeeds', async () => {
    const taskId = await created();
    h.fake.chime.pipelines.delete(PIPELINE);
    const del = await h.invoke(h.event('Delete', 'chime.initial', { logicalId: 'Sentiment', physicalId: idOf(taskId) }));

    expectSucceeded(del, idOf(taskId), NO_DATA);
    expect(h.fake.callsOf().map((c) => [c.operation, c.error?.name])).toEqual([[STOP, 'NotFoundException']]);
  });
});

describe('faults', () => {
  test('throttling then success: ThrottledClientException (429) is retried by the SDK with the same token', async () => {
    h.fake.injectFault(START, 'throttling');
    const event = h.event('Create', 'chime.initial');
    taskOf(await h.invoke(event));

    const starts = h.fake.callsOf(START);
    expect(starts.map((c) => [c.status, c.error?.name, c.attempt])).toEqual([[429, 'ThrottledClientException', 1], [201, undefined, 2]]);
    expect(starts.map((c) => c.input)).toEqual(Array(2).fill({ ...INITIAL_INPUT, ClientRequestToken: requestToken(event) }));
    expect(h.fake.chime.tasks.size).toBe(1);
  });

  test('a 5xx then success: ServiceFailureException retried by the SDK', async () => {
    h.fake.injectFault(GET, 'server-error');
    const taskId = taskOf(await h.invoke(h.event('Create', 'chime.initial')));

    expect(h.fake.callsOf(GET).map((c) => [c.status, c.error?.name, c.attempt, c.input.VoiceToneAnalysisTaskId])).toEqual([
      [500, 'ServiceFailureException', 1, taskId],
      [200, undefined, 2, taskId],
      [200, undefined, 1, taskId],
    ]);
  });

  test('a lasting denial: FAILED with the service\'s message, after the 4 retries that let a new grant apply (15 s)', async () => {
    h.fake.injectFault(START, 'access-denied', Infinity);
    const create = await h.invoke(h.event('Create', 'chime.initial'));

    expectFailed(create, CREATE_FAILED_MARKER, new RegExp(
      '^ForbiddenException: User: .* is not authorized to perform: chime:StartVoiceToneAnalysisTask ' +
      'on resource: arn:aws:chime:us-east-1:123456789012:media-pipeline/0f0e0d0c-0b0a-4909-8807-000000000001 '));
    expect(h.fake.callsOf().map((c) => [c.operation, c.status])).toEqual(Array(5).fill([START, 403]));
  });

  test('malformed properties: FAILED naming the property, no call made', async () => {
    const properties = { ...h.resource('chime.initial').properties, WaitForInProgress: 'maybe' };
    const create = await h.invoke(h.event('Create', 'chime.initial', { properties }));

    expectFailed(create, CREATE_FAILED_MARKER, /^Property WaitForInProgress must be a boolean, got "maybe"$/);
    expect(h.fake.calls).toEqual([]);
  });

  test('the Lambda deadline approaching while the task stays NotStarted: FAILED before the deadline, the task stopped', async () => {
    h.fake.chime.options = { ...h.fake.chime.options, starting: { gets: 1_000 } };
    // The handler keeps 20 s to stop a task that did not start; 2.5 s of waiting are left.
    const waitMs = 2_500;
    const timeoutMs = DEADLINE_MARGIN_MS + 20_000 + waitMs;
    const create = await h.invoke(h.event('Create', 'chime.initial'), { timeoutMs });

    expectFailed(create, CREATE_FAILED_MARKER,
      /^VoiceToneAnalysis task \S+ on pipeline \S+ was not InProgress after \d+ s \(last status: NotStarted\)\. A task stays Initializing until audio flows/);
    // Answered well inside the 20 s kept to stop the task (a loaded machine adds seconds of process start-up).
    expect(create.respondedAfterMs!).toBeLessThan(waitMs + 10_000);
    // Polls after 0.5 s and 1 s (the first lost when the process starts slowly); the next one
    // (1.5 s later) would pass the deadline; then the task is stopped.
    const operations = h.fake.callsOf().map((c) => c.operation);
    expect(operations[0]).toBe(START);
    expect(operations.at(-1)).toBe(STOP);
    expect(operations.slice(1, -1)).toEqual(operations.length === 3 ? [GET] : [GET, GET]);
    expect([...h.fake.chime.tasks.values()].map((t) => t.status)).toEqual(['Stopping']);
  });
});
