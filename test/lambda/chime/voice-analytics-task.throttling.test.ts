/**
 * VoiceAnalyticsTask's wait under the account's API quota (5 requests a
 * second assumed for the task APIs): a Get*Task answered
 * ThrottledClientException (after the SDK's own retries, which the mock
 * replaces) is not a failure of the resource, as NotFound just after Start
 * is not; the wait backs off and goes on within startTimeout.
 */
import { ThrottledClientException } from '@aws-sdk/client-chime-sdk-media-pipelines';
import 'aws-sdk-client-mock-jest';
import { KINDS, OLD_ID, TASK_ID, TYPE, chime, clock, useChimeMock } from './voice-analytics-task.fixtures';
import { onVoiceAnalyticsTaskEvent } from '../../../lambda/chime/voice-analytics-task';
import { cfnEvent } from '../../helpers/cfn';
import { PIPELINE_ID } from '../../helpers/fixtures';
import { serviceError } from '../../helpers/sdk-mock';

useChimeMock();

const throttled = () => serviceError(ThrottledClientException, 'Rate exceeded');

describe.each(KINDS)('$kind', (k) => {
  test('throttled Gets while Initializing are waited out: InProgress answers SUCCESS, nothing stopped', async () => {
    chime.on(k.Start).resolves(k.task(TASK_ID, 'NotStarted'));
    chime.on(k.Get)
      .rejectsOnce(throttled())
      .resolvesOnce(k.task(TASK_ID, 'Initializing'))
      .rejectsOnce(throttled())
      .rejectsOnce(throttled())
      .resolves(k.task(TASK_ID, 'InProgress'));
    const response = await onVoiceAnalyticsTaskEvent(cfnEvent('Create', TYPE, { ...k.props }), clock.deadline());

    expect(response).toEqual({ PhysicalResourceId: OLD_ID, Data: { TaskId: TASK_ID, PipelineIdentifier: PIPELINE_ID, State: 'RUNNING' } });
    expect(chime).toHaveReceivedCommandTimes(k.Get, 5);
    expect(chime).not.toHaveReceivedCommand(k.Stop);
    // 0.5 s, throttled: 3 s; answered: back to 1.5 s; throttled twice: 3 s, 6 s.
    expect(clock.sleeps).toEqual([500, 3_000, 1_500, 3_000, 6_000]);
    expect(console.log).toHaveBeenCalledWith(expect.stringMatching(
      new RegExp(`^Get${k.kind}Task was throttled while waiting for ${k.kind} task ${TASK_ID} on pipeline ${PIPELINE_ID} to be InProgress \\(ThrottledClientException: Rate exceeded\\)`)));
  });

  test('throttled until startTimeout: FAILED with the last status and the throttled call, and the task stopped', async () => {
    chime.on(k.Start).resolves(k.task(TASK_ID, 'NotStarted'));
    chime.on(k.Get).resolvesOnce(k.task(TASK_ID, 'Initializing')).rejects(throttled());
    chime.on(k.Stop).resolves({});
    await expect(onVoiceAnalyticsTaskEvent(cfnEvent('Create', TYPE, { ...k.props, StartTimeoutSeconds: 30 }), clock.deadline())).rejects.toThrow(new RegExp(
      `^${k.kind} task ${TASK_ID} on pipeline ${PIPELINE_ID} was not InProgress after \\d+ s \\(last status: Initializing\\)\\. .*; ` +
      `\\d+ of \\d+ Get${k.kind}Task calls were throttled \\(last: ThrottledClientException: Rate exceeded\\): the account's request rate quota is shared`,
    ));
    expect(chime).toHaveReceivedCommandWith(k.Stop, { Identifier: PIPELINE_ID, [k.idKey]: TASK_ID });
  });
});
