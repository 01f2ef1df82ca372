/**
 * IvsComposition's waits under the account's API quota (IVS: 5 GetComposition
 * a second per account): a GetComposition throttled (after the SDK's own
 * retries, which the mock replaces) is not a failure of the resource; the
 * wait backs off and goes on, on Create (until ACTIVE) and on the stop-and-wait
 * of Update and Delete.
 */
import { GetCompositionCommand, StartCompositionCommand, StopCompositionCommand } from '@aws-sdk/client-ivs-realtime';
import 'aws-sdk-client-mock-jest';
import { ARN, NEW_ARN, PROPS, TYPE, clock, commandNames, composition, ivs, notFound, useIvsMock } from './composition.fixtures';
import { onIvsCompositionEvent } from '../../../lambda/ivs/composition';
import { cfnEvent } from '../../helpers/cfn';

useIvsMock();

/** IVS models no throttling error: the SDK builds a generic one from the 429 and the x-amzn-errortype header. */
const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 429, attempts: 6 } });

/** An Update that replaces the composition: its layout changed (a timeout alone would change in place). */
const UPDATE = (props = PROPS) => cfnEvent('Update', TYPE, { ...props, StartTimeoutSeconds: 60 }, {
  PhysicalResourceId: ARN,
  OldResourceProperties: { ...props, layout: { grid: { ...props.layout.grid, gridGap: 8 } } },
});

describe('Create', () => {
  test('throttled GetComposition calls while STARTING are waited out: ACTIVE answers SUCCESS, nothing stopped', async () => {
    ivs.on(StartCompositionCommand).resolves({ composition: composition('STARTING') });
    ivs.on(GetCompositionCommand)
      .rejectsOnce(throttled())
      .rejectsOnce(throttled())
      .resolvesOnce({ composition: composition('STARTING') })
      .resolves({ composition: composition('ACTIVE') });
    const response = await onIvsCompositionEvent(cfnEvent('Create', TYPE, { ...PROPS }), clock.deadline());

    expect(response.PhysicalResourceId).toBe(ARN);
    expect(ivs).toHaveReceivedCommandTimes(GetCompositionCommand, 4);
    expect(ivs).not.toHaveReceivedCommand(StopCompositionCommand);
    expect(clock.sleeps).toEqual([500, 3_000, 6_000, 3_000]);
    expect(console.log).toHaveBeenCalledWith(expect.stringMatching(/^GetComposition was throttled while waiting for composition \S+ to be ACTIVE \(ThrottlingException: Rate exceeded\)/));
  });

  test('throttled until the start timeout: FAILED saying GetComposition was throttled, and the composition stopped', async () => {
    ivs.on(StartCompositionCommand).resolves({ composition: composition('STARTING') });
    ivs.on(GetCompositionCommand).rejects(throttled());
    ivs.on(StopCompositionCommand).resolves({});
    await expect(onIvsCompositionEvent(cfnEvent('Create', TYPE, { ...PROPS, StartTimeoutSeconds: 30 }), clock.deadline())).rejects.toThrow(new RegExp(
      `^Composition ${ARN} did not become ACTIVE within its start timeout of 30 s: it is still STARTING \\(.*\\); ` +
      '\\d+ of \\d+ GetComposition calls were throttled \\(last: ThrottlingException: Rate exceeded\\): the account\'s request rate quota is shared',
    ));
    expect(ivs).toHaveReceivedCommandWith(StopCompositionCommand, { arn: ARN });
  });
});

describe('the stop-and-wait of Update and Delete', () => {
  test('Update: throttled reads of the stopping composition are waited out, then the replacement starts', async () => {
    ivs.on(StopCompositionCommand).resolves({});
    ivs.on(GetCompositionCommand, { arn: ARN }).rejectsOnce(throttled()).resolvesOnce({ composition: composition('STOPPING') }).rejects(notFound());
    ivs.on(StartCompositionCommand).resolves({ composition: composition('ACTIVE', NEW_ARN) });
    const response = await onIvsCompositionEvent(UPDATE(), clock.deadline());

    expect(response.PhysicalResourceId).toBe(NEW_ARN);
    expect(commandNames()).toEqual(['StopCompositionCommand', 'GetCompositionCommand', 'GetCompositionCommand', 'GetCompositionCommand', 'StartCompositionCommand']);
  });

  test('Update: every read throttled for the whole stop wait: FAILED without starting the replacement, saying why', async () => {
    ivs.on(StopCompositionCommand).resolves({});
    ivs.on(GetCompositionCommand).rejects(throttled());
    await expect(onIvsCompositionEvent(UPDATE(), clock.deadline()))
      .rejects.toThrow(`Composition ${ARN} is still unconfirmed (every GetComposition was throttled) 60 s after StopComposition; its replacement was not started`);
    expect(ivs).not.toHaveReceivedCommand(StartCompositionCommand);
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(60_000);
  });

  test('Delete: throttled reads are waited out until the composition is gone', async () => {
    ivs.on(StopCompositionCommand).resolves({});
    ivs.on(GetCompositionCommand).rejectsOnce(throttled()).rejectsOnce(throttled()).rejects(notFound());
    await expect(onIvsCompositionEvent(cfnEvent('Delete', TYPE, { ...PROPS }, { PhysicalResourceId: ARN }), clock.deadline())).resolves.toEqual({});
    expect(ivs).toHaveReceivedCommandTimes(GetCompositionCommand, 3);
  });

  test('Delete: every read throttled is still success (StopComposition was accepted), and the log says so', async () => {
    ivs.on(StopCompositionCommand).resolves({});
    ivs.on(GetCompositionCommand).rejects(throttled());
    await expect(onIvsCompositionEvent(cfnEvent('Delete', TYPE, { ...PROPS }, { PhysicalResourceId: ARN }), clock.deadline())).resolves.toEqual({});
    expect(console.log).toHaveBeenCalledWith(
      `Composition ${ARN} accepted StopComposition and is still unconfirmed (every GetComposition was throttled); the service finishes stopping it`);
  });
});
