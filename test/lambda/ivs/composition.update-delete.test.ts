import {
  AccessDeniedException,
  ConflictException,
  GetCompositionCommand,
  StartCompositionCommand,
  StopCompositionCommand,
} from '@aws-sdk/client-ivs-realtime';
import 'aws-sdk-client-mock-jest';
import {
  ARN, NEW_ARN, PROPS, START_INPUT, TYPE, clock, commandNames, composition, ivs, notFound, tokenOf, useIvsMock,
} from './composition.fixtures';
import { handler } from '../../../lambda';
import { onIvsCompositionEvent } from '../../../lambda/ivs/composition';
import type { IvsCompositionProperties } from '../../../src/ivs/composition.contract';
import { cfnEvent, lambdaContext } from '../../helpers/cfn';

useIvsMock();

describe('Update (replacement) and rollback', () => {
  const NEWER: IvsCompositionProperties = { ...PROPS, layout: { pip: { pipPosition: 'TOP_LEFT', pipWidth: 320 } }, StartTimeoutSeconds: 60 };

  test('stops the old composition, waits until it is gone, then starts the new one and answers the new ARN', async () => {
    ivs.on(StopCompositionCommand).resolves({});
    ivs.on(GetCompositionCommand, { arn: ARN }).resolvesOnce({ composition: composition('STOPPING') }).rejects(notFound());
    ivs.on(StartCompositionCommand).resolves({ composition: composition('ACTIVE', NEW_ARN) });

    const response = await onIvsCompositionEvent(
      cfnEvent('Update', TYPE, { ...NEWER }, { PhysicalResourceId: ARN, OldResourceProperties: PROPS, RequestId: 'update-1' }),
      clock.deadline(),
    );
    expect(commandNames()).toEqual(['StopCompositionCommand', 'GetCompositionCommand', 'GetCompositionCommand', 'StartCompositionCommand']);
    expect(ivs).toHaveReceivedCommandWith(StopCompositionCommand, { arn: ARN });
    const { StartTimeoutSeconds: _timeout, ...newerInput } = NEWER;
    expect(ivs).toHaveReceivedCommandWith(StartCompositionCommand, { ...newerInput, idempotencyToken: tokenOf('update-1') });
    expect(response.PhysicalResourceId).toBe(NEW_ARN);
    expect(response.Data?.CompositionArn).toBe(NEW_ARN);
  });

  test('an old composition that is already gone is simply replaced', async () => {
    ivs.on(StopCompositionCommand).rejects(notFound());
    ivs.on(StartCompositionCommand).resolves({ composition: composition('ACTIVE', NEW_ARN) });
    const response = await onIvsCompositionEvent(
      cfnEvent('Update', TYPE, { ...NEWER }, { PhysicalResourceId: ARN, OldResourceProperties: PROPS }),
      clock.deadline(),
    );
    expect(commandNames()).toEqual(['StopCompositionCommand', 'StartCompositionCommand']);
    expect(response.PhysicalResourceId).toBe(NEW_ARN);
  });

  test('an old composition that does not stop within the stop wait blocks the new one', async () => {
    ivs.on(StopCompositionCommand).resolves({});
    ivs.on(GetCompositionCommand).resolves({ composition: composition('STOPPING') });
    await expect(onIvsCompositionEvent(
      cfnEvent('Update', TYPE, { ...NEWER }, { PhysicalResourceId: ARN, OldResourceProperties: PROPS }),
      clock.deadline(),
    )).rejects.toThrow(`Composition ${ARN} is still STOPPING 60 s after StopComposition; its replacement was not started`);
    expect(ivs).not.toHaveReceivedCommand(StartCompositionCommand);
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(60_000);
  });

  test('then the Delete CloudFormation sends for the old ARN succeeds although it is gone', async () => {
    ivs.on(StopCompositionCommand).rejects(notFound());
    await expect(onIvsCompositionEvent(cfnEvent('Delete', TYPE, { ...PROPS }, { PhysicalResourceId: ARN }), clock.deadline())).resolves.toEqual({});
    expect(commandNames()).toEqual(['StopCompositionCommand']);
  });

  test('rollback (old and new properties swapped) takes the same path: stop the current one, start the old configuration', async () => {
    const ROLLED_BACK = 'arn:aws:ivs:us-east-1:123456789012:composition/R0lledBack';
    ivs.on(StopCompositionCommand).resolves({});
    ivs.on(GetCompositionCommand, { arn: NEW_ARN }).resolves({ composition: composition('STOPPED', NEW_ARN) });
    ivs.on(StartCompositionCommand).resolves({ composition: composition('ACTIVE', ROLLED_BACK) });

    const response = await onIvsCompositionEvent(
      cfnEvent('Update', TYPE, { ...PROPS }, { PhysicalResourceId: NEW_ARN, OldResourceProperties: NEWER, RequestId: 'rollback-1' }),
      clock.deadline(),
    );
    expect(commandNames()).toEqual(['StopCompositionCommand', 'GetCompositionCommand', 'StartCompositionCommand']);
    expect(ivs).toHaveReceivedCommandWith(StopCompositionCommand, { arn: NEW_ARN });
    expect(ivs).toHaveReceivedCommandWith(StartCompositionCommand, { ...START_INPUT, idempotencyToken: tokenOf('rollback-1') });
    expect(response.PhysicalResourceId).toBe(ROLLED_BACK);
  });
});

describe('Delete', () => {
  test('stops the composition and waits until it is STOPPED', async () => {
    ivs.on(StopCompositionCommand).resolves({});
    ivs.on(GetCompositionCommand).resolvesOnce({ composition: composition('STOPPING') }).resolves({ composition: composition('STOPPED') });
    await expect(onIvsCompositionEvent(cfnEvent('Delete', TYPE, { ...PROPS }, { PhysicalResourceId: ARN }), clock.deadline())).resolves.toEqual({});
    expect(ivs).toHaveReceivedCommandWith(StopCompositionCommand, { arn: ARN });
    expect(commandNames()).toEqual(['StopCompositionCommand', 'GetCompositionCommand', 'GetCompositionCommand']);
  });

  test('a composition that has already ended (gone) is success, without waiting', async () => {
    ivs.on(StopCompositionCommand).rejects(notFound());
    await expect(onIvsCompositionEvent(cfnEvent('Delete', TYPE, { ...PROPS }, { PhysicalResourceId: ARN }), clock.deadline())).resolves.toEqual({});
    expect(ivs).not.toHaveReceivedCommand(GetCompositionCommand);
    expect(clock.sleeps).toEqual([]);
  });

  test('a composition still stopping after the stop wait is success: the service finishes it', async () => {
    ivs.on(StopCompositionCommand).resolves({});
    ivs.on(GetCompositionCommand).resolves({ composition: composition('STOPPING') });
    await expect(onIvsCompositionEvent(cfnEvent('Delete', TYPE, { ...PROPS }, { PhysicalResourceId: ARN }), clock.deadline())).resolves.toEqual({});
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(60_000);
  });

  test('a conflict (already stopping) is waited out', async () => {
    ivs.on(StopCompositionCommand).rejects(new ConflictException({ exceptionMessage: 'stopping', message: 'already stopping', $metadata: {} }));
    ivs.on(GetCompositionCommand).rejects(notFound());
    await expect(onIvsCompositionEvent(cfnEvent('Delete', TYPE, { ...PROPS }, { PhysicalResourceId: ARN }), clock.deadline())).resolves.toEqual({});
    expect(commandNames()).toEqual(['StopCompositionCommand', 'GetCompositionCommand']);
  });

  test('other errors fail the Delete with the service message', async () => {
    ivs.on(StopCompositionCommand).rejects(new AccessDeniedException({ exceptionMessage: 'no', message: 'not allowed', $metadata: {} }));
    await expect(onIvsCompositionEvent(cfnEvent('Delete', TYPE, { ...PROPS }, { PhysicalResourceId: ARN }), clock.deadline())).rejects.toThrow('not allowed');
  });

  test('a physical ID that is no composition ARN has nothing to stop; properties are not even read', async () => {
    await expect(onIvsCompositionEvent(cfnEvent('Delete', TYPE, { garbage: true }, { PhysicalResourceId: 'not-an-arn' }), clock.deadline())).resolves.toEqual({});
    expect(ivs).not.toHaveReceivedAnyCommand();
  });

  test('the shared handler dispatches the resource type to this handler', async () => {
    ivs.on(StopCompositionCommand).rejects(notFound());
    await expect(handler(cfnEvent('Delete', TYPE, { ...PROPS }, { PhysicalResourceId: ARN }), lambdaContext())).resolves.toEqual({});
    expect(ivs).toHaveReceivedCommandWith(StopCompositionCommand, { arn: ARN });
  });
});
