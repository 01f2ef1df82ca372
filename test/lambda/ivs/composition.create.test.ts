import {
  AccessDeniedException,
  ConflictException,
  GetCompositionCommand,
  StartCompositionCommand,
  StopCompositionCommand,
} from '@aws-sdk/client-ivs-realtime';
import 'aws-sdk-client-mock-jest';
import {
  ARN, CHANNEL, PREFIX, PROPS, STACK_ID, STAGE, START_INPUT, TYPE, clock, commandNames, composition, ivs, notFound, tokenOf, useIvsMock,
} from './composition.fixtures';
import { onIvsCompositionEvent } from '../../../lambda/ivs/composition';
import { requestToken as idempotencyTokenOf } from '../../../lambda/shared/request-token';
import { cfnEvent } from '../../helpers/cfn';
import { validateShape } from '../../helpers/model';

useIvsMock();

describe('Create', () => {
  test('starts the composition with the exact input and a token derived from the request; answers its ARN and destinations', async () => {
    ivs.on(StartCompositionCommand).resolves({ composition: composition('ACTIVE') });
    const response = await onIvsCompositionEvent(cfnEvent('Create', TYPE, { ...PROPS }, { RequestId: 'create-1' }), clock.deadline());

    expect(ivs).toHaveReceivedCommandTimes(StartCompositionCommand, 1);
    expect(ivs).toHaveReceivedCommandWith(StartCompositionCommand, { ...START_INPUT, idempotencyToken: tokenOf('create-1') });
    const sent = ivs.commandCalls(StartCompositionCommand)[0].args[0].input;
    // PROPS went through CloudFormation as strings: the input holds its numbers and booleans again, and nothing else.
    expect(sent).toStrictEqual({ ...START_INPUT, idempotencyToken: tokenOf('create-1') });
    expect(sent.layout!.grid!.gridGap).toBe(4);
    expect(validateShape('com.amazonaws.ivsrealtime#StartCompositionRequest', sent, 'input')).toEqual([]);
    expect(sent.idempotencyToken).toMatch(/^[a-zA-Z0-9-_]{1,64}$/);
    expect(ivs).not.toHaveReceivedCommand(GetCompositionCommand);
    expect(response).toEqual({
      PhysicalResourceId: ARN,
      Data: { CompositionArn: ARN, ChannelDestinationId: 'dest-channel', S3DestinationId: 'dest-s3', S3RecordingPrefix: PREFIX, State: 'RUNNING' },
    });
    expect(Buffer.byteLength(JSON.stringify(response))).toBeLessThan(1024);
  });

  test('waits with a short growing backoff until the composition is ACTIVE (STARTING, STARTING, ACTIVE)', async () => {
    ivs.on(StartCompositionCommand).resolves({ composition: composition('STARTING') });
    ivs.on(GetCompositionCommand)
      .resolvesOnce({ composition: composition('STARTING') })
      .resolvesOnce({ composition: composition('STARTING') })
      .resolves({ composition: composition('ACTIVE') });
    const response = await onIvsCompositionEvent(cfnEvent('Create', TYPE, { ...PROPS }), clock.deadline());

    expect(ivs).toHaveReceivedCommandTimes(GetCompositionCommand, 3);
    expect(ivs).toHaveReceivedCommandWith(GetCompositionCommand, { arn: ARN });
    expect(clock.sleeps).toEqual([500, 1000, 1500]);
    expect(ivs).not.toHaveReceivedCommand(StopCompositionCommand);
    expect(response.PhysicalResourceId).toBe(ARN);
    expect(response.Data?.S3RecordingPrefix).toBe(PREFIX);
  });

  test('FAILED while starting fails with the state and every destination\'s details, and stops the composition', async () => {
    ivs.on(StartCompositionCommand).resolves({ composition: composition('STARTING') });
    ivs.on(GetCompositionCommand).resolves({ composition: composition('FAILED', ARN, 'FAILED') });
    ivs.on(StopCompositionCommand).resolves({});

    const failure = onIvsCompositionEvent(cfnEvent('Create', TYPE, { ...PROPS }), clock.deadline());
    await expect(failure).rejects.toThrow(`Composition ${ARN} is FAILED instead of ACTIVE`);
    await expect(failure).rejects.toThrow(`channel ${CHANNEL} destination dest-channel: FAILED (name live)`);
    await expect(failure).rejects.toThrow(`S3 destination dest-s3: FAILED (name recording, recording prefix ${PREFIX})`);
    await expect(failure).rejects.toThrow(/\. The composition was stopped$/);
    expect(ivs).toHaveReceivedCommandWith(StopCompositionCommand, { arn: ARN });
    expect(commandNames()).toEqual(['StartCompositionCommand', 'GetCompositionCommand', 'StopCompositionCommand']);
  });

  test('a composition that ends while starting (an empty stage) fails with a hint', async () => {
    ivs.on(StartCompositionCommand).resolves({ composition: composition('STARTING') });
    ivs.on(GetCompositionCommand).rejects(notFound());
    ivs.on(StopCompositionCommand).rejects(notFound());
    await expect(onIvsCompositionEvent(cfnEvent('Create', TYPE, { ...PROPS }), clock.deadline()))
      .rejects.toThrow(/ended while it was STARTING\. A composition ends by itself a minute after it starts on a stage without participants.*The composition no longer exists$/);
  });

  test('gives up after the start timeout, naming the composition and its last state, and stops it', async () => {
    ivs.on(StartCompositionCommand).resolves({ composition: composition('STARTING') });
    ivs.on(GetCompositionCommand).resolves({ composition: composition('STARTING') });
    ivs.on(StopCompositionCommand).resolves({});
    await expect(onIvsCompositionEvent(cfnEvent('Create', TYPE, { ...PROPS, StartTimeoutSeconds: 20 }), clock.deadline()))
      .rejects.toThrow(`Composition ${ARN} did not become ACTIVE within its start timeout of 20 s: it is still STARTING (channel ${CHANNEL} destination dest-channel: STARTING`);
    // 500 ms, 1 s, then every 1.5 s while the next poll still fits in 20 s.
    expect(clock.sleeps).toEqual([500, 1000, ...Array(12).fill(1500)]);
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(20_000);
    expect(ivs).toHaveReceivedCommandWith(StopCompositionCommand, { arn: ARN });
  });

  test('the handler\'s deadline bounds the wait too, before a longer start timeout', async () => {
    ivs.on(StartCompositionCommand).resolves({ composition: composition('STARTING') });
    ivs.on(GetCompositionCommand).resolves({ composition: composition('STARTING') });
    ivs.on(StopCompositionCommand).rejects(new AccessDeniedException({ exceptionMessage: 'no', message: 'not allowed', $metadata: {} }));
    // 10 s of waiting, then the 20 s kept to stop it (no less: nothing starts without that reserve).
    await expect(onIvsCompositionEvent(cfnEvent('Create', TYPE, { ...PROPS }), clock.deadline(30_000)))
      .rejects.toThrow(/did not become ACTIVE within the time the handler has left: it is still STARTING.*Stopping the composition failed too \(AccessDeniedException: not allowed\)/);
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(10_000);
  });

  test('a retried Create (same RequestId) sends the same token; another request another one', async () => {
    ivs.on(StartCompositionCommand).resolves({ composition: composition('ACTIVE') });
    const event = cfnEvent('Create', TYPE, { ...PROPS }, { RequestId: 'create-2' });
    const first = await onIvsCompositionEvent(event, clock.deadline());
    const second = await onIvsCompositionEvent(event, clock.deadline());
    await onIvsCompositionEvent(cfnEvent('Create', TYPE, { ...PROPS }, { RequestId: 'create-3' }), clock.deadline());

    const tokens = ivs.commandCalls(StartCompositionCommand).map((c) => c.args[0].input.idempotencyToken);
    expect(tokens).toEqual([tokenOf('create-2'), tokenOf('create-2'), tokenOf('create-3')]);
    expect(tokens[0]).toBe(idempotencyTokenOf({ StackId: STACK_ID, LogicalResourceId: 'Resource', RequestId: 'create-2' }));
    expect(second).toEqual(first);
  });

  test('StartComposition errors fail at once with the stage and a hint; nothing to stop', async () => {
    ivs.on(StartCompositionCommand).rejects(new ConflictException({ exceptionMessage: 'busy', message: 'channel is live', $metadata: {} }));
    await expect(onIvsCompositionEvent(cfnEvent('Create', TYPE, { ...PROPS }), clock.deadline()))
      .rejects.toThrow(`StartComposition on stage ${STAGE} failed: ConflictException: channel is live (a channel destination must be offline`);
    expect(commandNames()).toEqual(['StartCompositionCommand']);
  });
});
