import { createHash } from 'node:crypto';
import {
  AccessDeniedException,
  ConflictException,
  GetCompositionCommand,
  IVSRealTimeClient,
  ResourceNotFoundException,
  StartCompositionCommand,
  StopCompositionCommand,
} from '@aws-sdk/client-ivs-realtime';
import type { Composition } from '@aws-sdk/client-ivs-realtime';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handler } from '../../../lambda';
import { onIvsCompositionEvent } from '../../../lambda/ivs/composition';
import { requestToken as idempotencyTokenOf } from '../../../lambda/shared/request-token';
import { IVS_COMPOSITION_RESOURCE_TYPE } from '../../../src/ivs/contract';
import type { IvsCompositionProperties } from '../../../src/ivs/contract';
import { validateShape } from '../../helpers/model';
import { cfnEvent, lambdaContext } from '../../helpers/cfn';
import { VirtualClock } from '../../helpers/clock';
import { CHANNEL_ARN as CHANNEL, ENCODER_ARN as ENCODER, STAGE_ARN as STAGE, STORAGE_ARN as STORAGE } from '../../helpers/fixtures';

const ivs = mockClient(IVSRealTimeClient);
const TYPE = IVS_COMPOSITION_RESOURCE_TYPE;
const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/TestStack/11111111-2222-3333-4444-555555555555';

const ARN = 'arn:aws:ivs:us-east-1:123456789012:composition/F1rstC0mp';
const NEW_ARN = 'arn:aws:ivs:us-east-1:123456789012:composition/N3wC0mp';
const PREFIX = 'ivs/v1/123456789012/AbCdEf123456/2025/1/1/12/0/F1rstC0mp';

const PROPS: IvsCompositionProperties = {
  stageArn: STAGE,
  layout: { grid: { featuredParticipantAttribute: 'host', omitStoppedVideo: true, videoAspectRatio: 'VIDEO', videoFillMode: 'COVER', gridGap: 4 } },
  destinations: [
    { name: 'live', channel: { channelArn: CHANNEL, encoderConfigurationArn: ENCODER } },
    {
      name: 'recording',
      s3: {
        storageConfigurationArn: STORAGE,
        encoderConfigurationArns: [ENCODER],
        recordingConfiguration: { format: 'HLS', hlsConfiguration: { targetSegmentDurationSeconds: 6 } },
        thumbnailConfigurations: [{ targetIntervalSeconds: 30, storage: ['SEQUENTIAL', 'LATEST'] }],
      },
    },
  ],
  tags: { team: 'media' },
  StartTimeoutSeconds: 120,
};
const { StartTimeoutSeconds: _, ...START_INPUT } = PROPS;

/** A composition as the service describes it, its destinations in `destinationState` (by default following its own state). */
function composition(state: Composition['state'], arn = ARN, destinationState: string = state === 'ACTIVE' ? 'ACTIVE' : 'STARTING'): Composition {
  return {
    arn,
    stageArn: STAGE,
    state,
    layout: PROPS.layout,
    destinations: [
      { id: 'dest-channel', state: destinationState as any, configuration: PROPS.destinations[0] },
      { id: 'dest-s3', state: destinationState as any, configuration: PROPS.destinations[1], detail: { s3: { recordingPrefix: PREFIX } } },
    ],
  };
}

const notFound = () => new ResourceNotFoundException({ exceptionMessage: 'composition not found', message: 'composition not found', $metadata: {} });
const commandNames = () => ivs.calls().map((c) => c.args[0].constructor.name);
const tokenOf = (requestId: string) => createHash('sha256').update(`${STACK_ID}\nResource\n${requestId}`).digest('hex');

let clock: VirtualClock;
beforeEach(() => {
  ivs.reset();
  clock = new VirtualClock();
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});

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
      Data: { CompositionArn: ARN, ChannelDestinationId: 'dest-channel', S3DestinationId: 'dest-s3', S3RecordingPrefix: PREFIX },
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
    await expect(onIvsCompositionEvent(cfnEvent('Create', TYPE, { ...PROPS }), clock.deadline(10_000)))
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

describe('string-typed properties', () => {
  test('every number and boolean arrives as a string and is sent as a number or boolean', async () => {
    ivs.on(StartCompositionCommand).resolves({ composition: composition('ACTIVE') });
    const pip: IvsCompositionProperties = {
      ...PROPS,
      layout: { pip: { omitStoppedVideo: false, gridGap: 0, pipOffset: 8, pipWidth: 320, pipHeight: 180, pipBehavior: 'DYNAMIC' } },
    };
    const event = cfnEvent('Create', TYPE, { ...pip });
    const wire = event.ResourceProperties as any;
    expect([wire.layout.pip.omitStoppedVideo, wire.layout.pip.pipWidth, wire.StartTimeoutSeconds]).toEqual(['false', '320', '120']);
    expect(wire.destinations[1].s3.thumbnailConfigurations[0].targetIntervalSeconds).toBe('30');

    await onIvsCompositionEvent(event, clock.deadline());
    const sent = ivs.commandCalls(StartCompositionCommand)[0].args[0].input;
    const p = sent.layout!.pip!;
    expect([p.omitStoppedVideo, p.gridGap, p.pipOffset, p.pipWidth, p.pipHeight]).toStrictEqual([false, 0, 8, 320, 180]);
    const s3 = sent.destinations![1].s3!;
    const segment = s3.recordingConfiguration!.hlsConfiguration!.targetSegmentDurationSeconds;
    expect([segment, s3.thumbnailConfigurations![0].targetIntervalSeconds]).toStrictEqual([6, 30]);
    expect(sent).not.toHaveProperty('StartTimeoutSeconds');
  });

  test('a value that is not a number fails with the property path, before any call', async () => {
    const event = cfnEvent('Create', TYPE, { ...PROPS, layout: { grid: { gridGap: 'wide' } } });
    await expect(onIvsCompositionEvent(event, clock.deadline())).rejects.toThrow('Property layout.grid.gridGap must be an integer, got "wide"');
    expect(ivs).not.toHaveReceivedAnyCommand();
  });

  test('a value that is not a boolean fails with the property path', async () => {
    const event = cfnEvent('Create', TYPE, { ...PROPS, layout: { pip: { omitStoppedVideo: 'yes' } } });
    await expect(onIvsCompositionEvent(event, clock.deadline())).rejects.toThrow('Property layout.pip.omitStoppedVideo must be a boolean, got "yes"');
  });

  test.each([
    ['both layouts', { layout: { grid: {}, pip: {} } }, 'Property layout must have one of grid and pip, not both'],
    ['a destination of neither kind', { destinations: [{ name: 'x' }] }, 'Property destinations[0] must have one of channel and s3'],
    ['destinations that are no list', { destinations: 'channel' }, 'Property destinations must be a list, got "channel"'],
    ['a tag that is no string', { tags: { team: { Ref: 'Team' } } }, 'Property tags.team must be a string, got {"Ref":"Team"}'],
  ])('malformed properties (%s) fail before any call', async (_name, change, message) => {
    await expect(onIvsCompositionEvent(cfnEvent('Create', TYPE, { ...PROPS, ...change }), clock.deadline())).rejects.toThrow(message);
    expect(ivs).not.toHaveReceivedAnyCommand();
  });

  test('a grid dropped as an empty object by CloudFormation is the default grid', async () => {
    ivs.on(StartCompositionCommand).resolves({ composition: composition('ACTIVE') });
    await onIvsCompositionEvent(cfnEvent('Create', TYPE, { ...PROPS, layout: {} }), clock.deadline());
    expect(ivs.commandCalls(StartCompositionCommand)[0].args[0].input.layout).toEqual({ grid: {} });
  });
});
