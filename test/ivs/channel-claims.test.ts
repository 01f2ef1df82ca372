/**
 * Two compositions of any kind broadcasting to one IVS channel are refused at
 * synth, across the stacks of one app (issue 20, 2): a channel takes one
 * broadcast at a time, and the second one's destination fails at run time
 * ("another broadcast was happening"). Two compositions on one stage with
 * different destinations stay allowed.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnChannel, CfnStage } from 'aws-cdk-lib/aws-ivs';
import { CompositionLayout, IvsChannel, IvsComposition, IvsStage, IvsStageComposition } from '../../src';
import { CHANNEL_ARN, STAGE_ARN, TEST_ENV as ENV } from '../helpers/fixtures';

const OTHER_CHANNEL_ARN = CHANNEL_ARN.replace(/[^/]+$/, 'Other');
type Kind = 'IvsComposition' | 'IvsStageComposition';

function compose(kind: Kind, stack: Stack, id: string, channel: IvsChannel, stage = IvsStage.fromStageArn(STAGE_ARN)) {
  const props = { stage, layout: CompositionLayout.grid(), channel: { channel } };
  return kind === 'IvsComposition' ? new IvsComposition(stack, id, props) : new IvsStageComposition(stack, id, props);
}

const KINDS: Array<[Kind, Kind]> = [
  ['IvsComposition', 'IvsComposition'],
  ['IvsComposition', 'IvsStageComposition'],
  ['IvsStageComposition', 'IvsComposition'],
  ['IvsStageComposition', 'IvsStageComposition'],
];

describe.each(KINDS)('%s then %s on one channel', (first, second) => {
  const refusal = (path: string, by: string) => new RegExp(`^${second} at '${path}' has invalid props:\\n  - channel: the channel is already the destination ` +
    `of a composition in this app, at '${by}': a channel takes one broadcast at a time`);

  test('same ARN, one stack, one stage: refused, naming both paths and the prop', () => {
    const stack = new Stack(new App(), 'Studio', { env: ENV });
    compose(first, stack, 'First', IvsChannel.fromChannelArn(CHANNEL_ARN));
    expect(() => compose(second, stack, 'Second', IvsChannel.fromChannelArn(CHANNEL_ARN))).toThrow(refusal('Studio/Second', 'Studio/First'));
  });

  test('same ARN from two stacks of one app, on two stages: refused', () => {
    const app = new App();
    compose(first, new Stack(app, 'A', { env: ENV }), 'First', IvsChannel.fromChannelArn(CHANNEL_ARN));
    const b = new Stack(app, 'B', { env: ENV });
    expect(() => compose(second, b, 'Second', IvsChannel.fromChannelArn(CHANNEL_ARN), IvsStage.fromStageArn(STAGE_ARN.replace(/[^/]+$/, 'Other'))))
      .toThrow(refusal('B/Second', 'A/First'));
  });

  test('same CfnChannel, across stacks: refused', () => {
    const app = new App();
    const a = new Stack(app, 'A', { env: ENV });
    const channel = IvsChannel.fromCfnChannel(new CfnChannel(a, 'Channel'));
    compose(first, a, 'First', channel);
    expect(() => compose(second, new Stack(app, 'B', { env: ENV }), 'Second', channel)).toThrow(refusal('B/Second', 'A/First'));
  });

  test('two apps never see each other\'s claims; another channel is fine', () => {
    compose(first, new Stack(new App(), 'A', { env: ENV }), 'First', IvsChannel.fromChannelArn(CHANNEL_ARN));
    const stack = new Stack(new App(), 'B', { env: ENV });
    compose(second, stack, 'Second', IvsChannel.fromChannelArn(CHANNEL_ARN));
    compose(first, stack, 'Third', IvsChannel.fromChannelArn(OTHER_CHANNEL_ARN));
  });
});

test('two compositions on one stage with different destinations stay allowed (both kinds, a CfnStage)', () => {
  const stack = new Stack(new App(), 'Studio', { env: ENV });
  const stage = IvsStage.fromCfnStage(new CfnStage(stack, 'Stage'));
  compose('IvsStageComposition', stack, 'Main', IvsChannel.fromChannelArn(CHANNEL_ARN), stage);
  compose('IvsStageComposition', stack, 'Backup', IvsChannel.fromChannelArn(OTHER_CHANNEL_ARN), stage);
  compose('IvsComposition', stack, 'Preview', IvsChannel.fromCfnChannel(new CfnChannel(stack, 'PreviewChannel')), stage);
  Template.fromStack(stack).resourceCountIs('Custom::IvsStageCompositionTeardown', 2);
});
