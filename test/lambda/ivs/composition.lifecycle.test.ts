/**
 * The composition handler under CloudFormation's real sequences: stages
 * deleted under a running resource, rollbacks, settings only the handler
 * reads, tags, destinations that do not come up, and the deadline.
 */
import {
  AccessDeniedException,
  ConflictException,
  GetCompositionCommand,
  GetStageCommand,
  ResourceNotFoundException,
  StartCompositionCommand,
  StopCompositionCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-ivs-realtime';
import 'aws-sdk-client-mock-jest';
import { ARN, CHANNEL, NEW_ARN, PROPS, TYPE, clock, commandNames, composition, ivs, notFound, useIvsMock } from './composition.fixtures';
import { onIvsCompositionEvent } from '../../../lambda/ivs/composition';
import type { IvsCompositionProperties } from '../../../src/ivs/composition.contract';
import { cfnEvent } from '../../helpers/cfn';

useIvsMock();

const ENDED_ID = `ended:${ARN}`;
const OTHER_STAGE = 'arn:aws:ivs:us-east-1:123456789012:stage/N0Such5tage';
const PIP: IvsCompositionProperties = { ...PROPS, layout: { pip: { pipPosition: 'TOP_LEFT' } } };
const stageGone = () => new ResourceNotFoundException({ exceptionMessage: 'stage not found', message: 'stage not found', $metadata: {} });
const conflict = () => new ConflictException({ exceptionMessage: 'channel is live', message: 'channel is live', $metadata: {} });

const update = (props: object, old: object, physicalId = ARN, deadline = clock.deadline()) =>
  onIvsCompositionEvent(cfnEvent('Update', TYPE, props, { PhysicalResourceId: physicalId, OldResourceProperties: old }), deadline);
const del = (physicalId: string) => onIvsCompositionEvent(cfnEvent('Delete', TYPE, { ...PROPS }, { PhysicalResourceId: physicalId }), clock.deadline());

describe('settings only the handler reads change in place', () => {
  test.each([
    ['StartTimeoutSeconds', { StartTimeoutSeconds: 300 }],
    ['ServiceTimeout', { ServiceTimeout: '900' }],
  ])('%s: same physical ID, no Stop, no Start; the attributes are read back', async (_what, change) => {
    ivs.on(GetCompositionCommand).resolves({ composition: composition('ACTIVE') });
    const response = await update({ ...PROPS, ...change }, { ...PROPS });
    expect(commandNames()).toEqual(['GetCompositionCommand']);
    expect(response.PhysicalResourceId).toBe(ARN);
    expect(response.Data).toEqual(expect.objectContaining({ CompositionArn: ARN, ChannelDestinationId: 'dest-channel', State: 'RUNNING' }));
  });

  test('tags added and changed are tagged, removed ones untagged, in place', async () => {
    ivs.on(GetCompositionCommand).resolves({ composition: composition('ACTIVE') });
    const response = await update({ ...PROPS, tags: { team: 'video', cost: 'live' } }, { ...PROPS, tags: { team: 'media', owner: 'ops' } });
    expect(ivs).toHaveReceivedCommandWith(UntagResourceCommand, { resourceArn: ARN, tagKeys: ['owner'] });
    expect(ivs).toHaveReceivedCommandWith(TagResourceCommand, { resourceArn: ARN, tags: { team: 'video', cost: 'live' } });
    expect(ivs).not.toHaveReceivedCommand(StopCompositionCommand);
    expect(ivs).not.toHaveReceivedCommand(StartCompositionCommand);
    expect(response.PhysicalResourceId).toBe(ARN);
  });

  test('removing the last tags untags them all', async () => {
    ivs.on(GetCompositionCommand).resolves({ composition: composition('ACTIVE') });
    const { tags: _tags, ...untagged } = PROPS;
    await update(untagged, { ...PROPS });
    expect(commandNames()).toEqual(['UntagResourceCommand', 'GetCompositionCommand']);
    expect(ivs).toHaveReceivedCommandWith(UntagResourceCommand, { resourceArn: ARN, tagKeys: ['team'] });
  });

  test('a composition that ended on its own keeps its physical ID, and says ENDED', async () => {
    ivs.on(TagResourceCommand).rejects(notFound());
    ivs.on(GetCompositionCommand).rejects(notFound());
    const response = await update({ ...PROPS, tags: { team: 'video' } }, { ...PROPS });
    expect(response).toEqual({
      PhysicalResourceId: ARN,
      Data: { CompositionArn: ARN, ChannelDestinationId: '', S3DestinationId: '', S3RecordingPrefix: '', State: 'ENDED' },
    });
  });

  test.each([
    ['the layout', PIP, []],
    ['a destination', { ...PROPS, destinations: [PROPS.destinations[0]] }, []],
    ['the stage (read first)', { ...PROPS, stageArn: 'arn:aws:ivs:us-east-1:123456789012:stage/An0therStage' }, ['GetStageCommand']],
  ])('a change of %s still replaces', async (_what, props, first) => {
    ivs.on(StopCompositionCommand).rejects(notFound());
    ivs.on(StartCompositionCommand).resolves({ composition: composition('ACTIVE', NEW_ARN) });
    const response = await update({ ...props, StartTimeoutSeconds: 60 }, { ...PROPS });
    expect(commandNames()).toEqual([...first, 'StopCompositionCommand', 'StartCompositionCommand']);
    expect(response.PhysicalResourceId).toBe(NEW_ARN);
  });
});

describe('the stage was deleted', () => {
  test('layout Update -> SUCCESS (marked ended) -> rollback -> SUCCESS -> Delete of both IDs -> SUCCESS; one Start in all', async () => {
    ivs.on(StopCompositionCommand).rejects(notFound());
    ivs.on(StartCompositionCommand).rejects(stageGone());

    const updated = await update(PIP, { ...PROPS });
    expect(updated).toEqual({
      PhysicalResourceId: ENDED_ID,
      Data: { CompositionArn: ARN, ChannelDestinationId: '', S3DestinationId: '', S3RecordingPrefix: '', State: 'ENDED' },
    });
    const rolledBack = await update({ ...PROPS }, PIP, ENDED_ID);
    expect(rolledBack.PhysicalResourceId).toBe(ENDED_ID);
    await expect(del(ENDED_ID)).resolves.toEqual({});
    await expect(del(ARN)).resolves.toEqual({});
    expect(ivs).toHaveReceivedCommandTimes(StartCompositionCommand, 1);
    expect(commandNames()).toEqual(['StopCompositionCommand', 'StartCompositionCommand', 'StopCompositionCommand']);
  });

  test('an Update to a stage that does not exist fails, naming it, and leaves the running composition running', async () => {
    ivs.on(GetStageCommand).rejects(stageGone());
    ivs.on(GetCompositionCommand).resolves({ composition: composition('ACTIVE') });
    ivs.on(StopCompositionCommand).rejects(notFound());
    ivs.on(StartCompositionCommand).rejects(stageGone());
    await expect(update({ ...PROPS, stageArn: OTHER_STAGE }, { ...PROPS }))
      .rejects.toThrow(`Stage ${OTHER_STAGE} does not exist in this account and Region (ResourceNotFoundException: stage not found); ` +
        `composition ${ARN} was left running and nothing was started`);
    // The running composition is read: it did not replace one on that stage.
    expect(commandNames()).toEqual(['GetStageCommand', 'GetCompositionCommand']);
    expect(ivs).toHaveReceivedCommandWith(GetStageCommand, { arn: OTHER_STAGE });
  });

  test('a move to another stage tags the new composition with the stage it leaves', async () => {
    ivs.on(GetStageCommand).resolves({ stage: { arn: OTHER_STAGE } });
    ivs.on(StopCompositionCommand).rejects(notFound());
    ivs.on(StartCompositionCommand).resolves({ composition: composition('ACTIVE', NEW_ARN) });
    await update({ ...PROPS, stageArn: OTHER_STAGE }, { ...PROPS });
    expect(ivs).toHaveReceivedCommandWith(StartCompositionCommand, { stageArn: OTHER_STAGE, tags: { ...PROPS.tags, 'cdk-live-media:replaced-stage': PROPS.stageArn } });
  });

  test('the rollback of a move to another stage, the original stage deleted meanwhile: SUCCESS as ended (another physical ID, so the cleanup stops the current one), nothing stopped or started (twice delivered)', async () => {
    // The current composition (NEW_ARN, on OTHER_STAGE) replaced one on PROPS.stageArn, which is gone.
    ivs.on(GetStageCommand).rejects(stageGone());
    ivs.on(GetCompositionCommand).resolves({ composition: { ...composition('ACTIVE', NEW_ARN), tags: { 'cdk-live-media:replaced-stage': PROPS.stageArn } } });
    for (let delivery = 0; delivery < 2; delivery++) {
      const response = await update({ ...PROPS }, { ...PROPS, stageArn: OTHER_STAGE }, NEW_ARN);
      expect(response).toEqual({
        PhysicalResourceId: `ended:${NEW_ARN}`,
        Data: { CompositionArn: NEW_ARN, ChannelDestinationId: '', S3DestinationId: '', S3RecordingPrefix: '', State: 'ENDED' },
      });
    }
    expect(ivs.calls().map((c) => [c.args[0].constructor.name, c.args[0].input])).toEqual([...Array(2)].flatMap(() => [
      ['GetStageCommand', { arn: PROPS.stageArn }], ['GetCompositionCommand', { arn: NEW_ARN }],
    ]));
  });

  test('a role that may not read the stage (a rollback under a template from before the check) goes on to replace', async () => {
    ivs.on(GetStageCommand).rejects(new AccessDeniedException({ exceptionMessage: 'not authorized to perform: ivs:GetStage', message: 'denied', $metadata: {} }));
    ivs.on(StopCompositionCommand).rejects(notFound());
    ivs.on(StartCompositionCommand).resolves({ composition: composition('ACTIVE', NEW_ARN) });
    const response = await update({ ...PROPS, stageArn: OTHER_STAGE, StartTimeoutSeconds: 60 }, { ...PROPS });
    expect(commandNames()).toEqual(['GetStageCommand', 'StopCompositionCommand', 'StartCompositionCommand']);
    expect(response.PhysicalResourceId).toBe(NEW_ARN);
  });

  test('a stage deleted between the read and the start still fails, naming it', async () => {
    ivs.on(StopCompositionCommand).rejects(notFound());
    ivs.on(StartCompositionCommand).rejects(stageGone());
    await expect(update({ ...PROPS, stageArn: OTHER_STAGE }, { ...PROPS }))
      .rejects.toThrow(`StartComposition on stage ${OTHER_STAGE} failed: ResourceNotFoundException: stage not found (the stage, or a resource a destination names, does not exist`);
    expect(ivs).toHaveReceivedCommandTimes(StartCompositionCommand, 1);
  });
});

describe('up means every destination is ACTIVE', () => {
  test('an ACTIVE composition whose destinations are still STARTING is waited for', async () => {
    ivs.on(StartCompositionCommand).resolves({ composition: composition('ACTIVE', ARN, 'STARTING') });
    ivs.on(GetCompositionCommand).resolvesOnce({ composition: composition('ACTIVE', ARN, 'STARTING') }).resolves({ composition: composition('ACTIVE') });
    const response = await onIvsCompositionEvent(cfnEvent('Create', TYPE, { ...PROPS }), clock.deadline());
    expect(ivs).toHaveReceivedCommandTimes(GetCompositionCommand, 2);
    expect(response.PhysicalResourceId).toBe(ARN);
  });

  test.each([
    ['channel', 0, `channel ${CHANNEL} destination dest-channel is FAILED`, 'The channel may have no stream key, or another broadcast'],
    ['S3', 1, 'S3 destination dest-s3 is FAILED', 'The bucket of the storage configuration may not let IVS write to it'],
  ])('a FAILED %s destination fails the resource with its kind, state and likely cause, and stops the composition', async (_kind, index, what, cause) => {
    const failing = composition('ACTIVE');
    failing.destinations![index] = { ...failing.destinations![index], state: 'FAILED' };
    ivs.on(StartCompositionCommand).resolves({ composition: composition('STARTING') });
    ivs.on(GetCompositionCommand).resolves({ composition: failing });
    ivs.on(StopCompositionCommand).resolves({});
    const failure = onIvsCompositionEvent(cfnEvent('Create', TYPE, { ...PROPS }), clock.deadline());
    await expect(failure).rejects.toThrow(`Composition ${ARN} is ACTIVE, but its ${what}`);
    await expect(failure).rejects.toThrow(cause);
    await expect(failure).rejects.toThrow(/The composition was stopped$/);
    expect(ivs).toHaveReceivedCommandWith(StopCompositionCommand, { arn: ARN });
  });
});

describe('starting a replacement', () => {
  test('a Start refused with ConflictException (the channel still live) is retried with the same token', async () => {
    ivs.on(StopCompositionCommand).rejects(notFound());
    ivs.on(StartCompositionCommand).rejectsOnce(conflict()).resolves({ composition: composition('ACTIVE', NEW_ARN) });
    const response = await update(PIP, { ...PROPS });
    const tokens = ivs.commandCalls(StartCompositionCommand).map((c) => c.args[0].input.idempotencyToken);
    expect(tokens).toHaveLength(2);
    expect(tokens[1]).toBe(tokens[0]);
    expect(response.PhysicalResourceId).toBe(NEW_ARN);
  });

  test('the conflict retry is bounded (a minute) and then fails with the hint', async () => {
    ivs.on(StopCompositionCommand).rejects(notFound());
    ivs.on(StartCompositionCommand).rejects(conflict());
    await expect(update(PIP, { ...PROPS })).rejects.toThrow(/ConflictException: channel is live.*\(a channel destination must be offline/);
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(60_000);
  });

  test('a start still waiting near the deadline gives up with the stop reserve left, and stops the composition', async () => {
    ivs.on(StopCompositionCommand).resolves({});
    ivs.on(StartCompositionCommand).resolves({ composition: composition('STARTING', NEW_ARN) });
    ivs.on(GetCompositionCommand, { arn: ARN }).rejects(notFound());
    ivs.on(GetCompositionCommand, { arn: NEW_ARN }).resolves({ composition: composition('STARTING', NEW_ARN) });
    const deadline = clock.deadline(60_000);
    await expect(update(PIP, { ...PROPS, StartTimeoutSeconds: 480 }, ARN, deadline)).rejects.toThrow(/the time the handler has left.*The composition was stopped$/);
    expect(deadline.remainingMs()).toBeGreaterThanOrEqual(20_000);
    expect(ivs).toHaveReceivedCommandWith(StopCompositionCommand, { arn: NEW_ARN });
  });
});
