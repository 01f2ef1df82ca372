/**
 * Nothing started is abandoned (issue 20, 5): the handler never starts an
 * object it could not stop before it must answer, and when its last-resort
 * deadline fires with work in flight, what that work started is stopped
 * before the answer goes out.
 */
import { GetCompositionCommand, StartCompositionCommand, StopCompositionCommand } from '@aws-sdk/client-ivs-realtime';
import 'aws-sdk-client-mock-jest';
import { handler } from '../../../lambda';
import { DEADLINE_MARGIN_MS, Deadline, DeadlineError } from '../../../lambda/shared/deadline';
import { cfnEvent, lambdaContext } from '../../helpers/cfn';
import { ARN, PROPS, TYPE, composition, ivs } from '../ivs/composition.fixtures';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(() => {
  ivs.reset();
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});

describe('a Create with a function timeout shorter than the margin', () => {
  test('starts nothing, and answers FAILED saying why (20 runs, no race)', async () => {
    ivs.on(StartCompositionCommand).resolves({ composition: composition('STARTING') });
    for (let run = 0; run < 20; run++) {
      const error = await handler(cfnEvent('Create', TYPE, PROPS), lambdaContext(20_000)).catch((e) => e);
      expect(error.message).toMatch(/^DeadlineError: Did not start a composition on stage arn:\S+: the handler has 0 s left before it must answer, less than the 20 s stopping it needs/);
      // Let anything still in flight reach the mock before looking.
      await sleep(20);
    }
    expect(ivs).not.toHaveReceivedCommand(StartCompositionCommand);
  });
});

describe('the deadline firing while a start is in flight', () => {
  test('the composition that start answers is stopped before the handler answers', async () => {
    // Enough time left to start (the 20 s stop reserve, plus 300 ms), then StartComposition takes 600 ms.
    ivs.on(StartCompositionCommand).callsFake(async () => {
      await sleep(600);
      return { composition: composition('STARTING') };
    });
    ivs.on(GetCompositionCommand).resolves({ composition: composition('STARTING') });
    ivs.on(StopCompositionCommand).resolves({});
    const error = await handler(cfnEvent('Create', TYPE, PROPS), lambdaContext(DEADLINE_MARGIN_MS + 20_300)).catch((e) => e);
    // Before the handler answered, the composition was stopped.
    expect(ivs).toHaveReceivedCommandWith(StopCompositionCommand, { arn: ARN });
    // The work's own reason, once it stopped what it started.
    expect(error.message).toMatch(/did not become ACTIVE within the time the handler has left: .*\. The composition was stopped$/);
  });
});

describe('Deadline.race', () => {
  test('stops what was tracked, and what is tracked later by a call in flight, before it rejects', async () => {
    const deadline = new Deadline(Date.now() + 50);
    const stopped: string[] = [];
    const stop = (what: string) => async () => { stopped.push(what); };
    const work = (async () => {
      deadline.track('first', stop('first'));
      await sleep(100); // a call in flight when the deadline fires
      deadline.track('second', stop('second'));
      await new Promise(() => undefined); // and then hangs
    })();
    const error = await deadline.race(work, 'Create X').catch((e) => e);
    expect(error).toBeInstanceOf(DeadlineError);
    expect(stopped).toEqual(['first', 'second']);
    expect(error.message).toMatch(/^Gave up on Create X: the handler's time is running out .*\(stopped first; stopped second\)$/);
  }, 20_000);

  test('settles with the work before the deadline: nothing tracked is stopped', async () => {
    const deadline = new Deadline(Date.now() + 1_000);
    const stopFn = jest.fn(async () => undefined);
    const result = await deadline.race((async () => { deadline.track('x', stopFn); return 'ok'; })(), 'Create X');
    expect(result).toBe('ok');
    await sleep(1_100);
    expect(stopFn).not.toHaveBeenCalled();
  });

  test('beforeStart refuses when the time left is under the stop reserve', () => {
    expect(() => new Deadline(Date.now() + 5_000).beforeStart(20_000, 'a thing')).toThrow(/^Did not start a thing: the handler has \d s left before it must answer, less than the 20 s stopping it needs/);
    expect(() => new Deadline(Date.now() + 25_000).beforeStart(20_000, 'a thing')).not.toThrow();
  });
});
