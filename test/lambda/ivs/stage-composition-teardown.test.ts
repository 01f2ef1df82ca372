import { IVSRealTimeClient, ListCompositionsCommand, ResourceNotFoundException, StopCompositionCommand } from '@aws-sdk/client-ivs-realtime';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { OWNER, STAGE, ownTags, summary } from './stage-keeper.fixtures';
import { TEARDOWN_POLL_MS, onIvsStageCompositionTeardownEvent } from '../../../lambda/ivs/stage-composition-teardown';
import { IVS_STAGE_COMPOSITION_TEARDOWN_RESOURCE_TYPE as TYPE } from '../../../src/ivs/stage-composition.contract';
import { cfnEvent } from '../../helpers/cfn';
import { useSdkMocks } from '../../helpers/sdk-mock';

const ivs = mockClient(IVSRealTimeClient);
const PROPS = { stageArn: STAGE, ownerId: OWNER, GraceSeconds: 0 };
const PHYSICAL_ID = `${OWNER}:${STAGE}`;
const { clock } = useSdkMocks(ivs);

const event = (type: 'Create' | 'Update' | 'Delete', props: object = PROPS, physicalId?: string) =>
  cfnEvent(type, TYPE, { ...props }, { PhysicalResourceId: physicalId });

test('Create and Update: the owner and stage are the physical ID, no call', async () => {
  await expect(onIvsStageCompositionTeardownEvent(event('Create'), clock.deadline())).resolves.toEqual({ PhysicalResourceId: PHYSICAL_ID });
  await expect(onIvsStageCompositionTeardownEvent(event('Update', PROPS, PHYSICAL_ID), clock.deadline())).resolves.toEqual({ PhysicalResourceId: PHYSICAL_ID });
  expect(ivs.calls()).toHaveLength(0);
});

test('Delete stops the owned running compositions of the stage and nothing else', async () => {
  const mine = summary('Mine', 'ACTIVE', ownTags(1, 'h'));
  ivs.on(ListCompositionsCommand).resolves({
    compositions: [
      mine,
      summary('MineEnded', 'STOPPED', ownTags(1, 'h')),
      summary('ByHand', 'ACTIVE', undefined),
      summary('OtherOwner', 'ACTIVE', { 'cdk-live-media:owner': 'c8other' }),
    ],
  });
  await onIvsStageCompositionTeardownEvent(event('Delete', PROPS, PHYSICAL_ID), clock.deadline());
  expect(ivs).toHaveReceivedCommandWith(ListCompositionsCommand, { filterByStageArn: STAGE });
  expect(ivs.commandCalls(StopCompositionCommand).map((c) => c.args[0].input.arn)).toEqual([mine.arn]);
});

test('Delete: a composition already gone is success', async () => {
  ivs.on(ListCompositionsCommand).resolves({ compositions: [summary('Mine', 'STARTING', ownTags(1, 'h'))] });
  ivs.on(StopCompositionCommand).rejects(new ResourceNotFoundException({ message: 'gone', $metadata: {} }));
  await expect(onIvsStageCompositionTeardownEvent(event('Delete', PROPS, PHYSICAL_ID), clock.deadline())).resolves.toEqual({});
});

test('Delete keeps watching for GraceSeconds and stops what a late message started', async () => {
  const late = summary('Late', 'STARTING', ownTags(2, 'h'));
  ivs.on(ListCompositionsCommand).resolvesOnce({ compositions: [] }).resolves({ compositions: [late] });
  await onIvsStageCompositionTeardownEvent(event('Delete', { ...PROPS, GraceSeconds: 30 }, PHYSICAL_ID), clock.deadline());
  expect(ivs.commandCalls(StopCompositionCommand).map((c) => c.args[0].input.arn)).toEqual([late.arn]);
  expect(clock.sleeps).toEqual([TEARDOWN_POLL_MS, TEARDOWN_POLL_MS, TEARDOWN_POLL_MS]);
});

test('Delete of a replaced resource (another owner or stage) uses its own physical ID', async () => {
  const oldStage = 'arn:aws:ivs:us-east-1:123456789012:stage/0ldStage';
  ivs.on(ListCompositionsCommand).resolves({ compositions: [] });
  await onIvsStageCompositionTeardownEvent(event('Delete', PROPS, `c8old:${oldStage}`), clock.deadline());
  expect(ivs).toHaveReceivedCommandWith(ListCompositionsCommand, { filterByStageArn: oldStage });
});

test('Delete of a failed Create\'s marker ID makes no call', async () => {
  await onIvsStageCompositionTeardownEvent(event('Delete', PROPS, 'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED'), clock.deadline());
  expect(ivs.calls()).toHaveLength(0);
});
