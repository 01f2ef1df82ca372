/**
 * IvsComposition's validation (src/ivs/composition-validation.ts) as a
 * whole: every problem at once, and the model's limits accepted. The rows
 * of each prop are in composition.bad-input.test.ts.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { CompositionLayout, IvsChannel, IvsComposition, IvsEncoderConfiguration, IvsStage, IvsStorageConfiguration } from '../../src';
import { CHANNEL_ARN, ENCODER_ARN, STAGE_ARN, STORAGE_ARN, TEST_ENV as ENV } from '../helpers/fixtures';

function newStack() {
  return new Stack(new App(), 'TestStack', { env: ENV });
}

describe('IvsComposition validation', () => {
  const stage = IvsStage.fromStageArn(STAGE_ARN);
  const channel = { channel: IvsChannel.fromChannelArn(CHANNEL_ARN) };
  const s3 = {
    storageConfiguration: IvsStorageConfiguration.fromStorageConfigurationArn(STORAGE_ARN),
    encoderConfiguration: IvsEncoderConfiguration.fromEncoderConfigurationArn(ENCODER_ARN),
  };
  const pip = (options: object) => CompositionLayout.pip(options as any);
  const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`key${i}`, 'value']));

  test('lists every problem at once', () => {
    const stack = newStack();
    expect(() => new IvsComposition(stack, 'Composition', { stage, channel, layout: pip({ pipWidth: 0, pipHeight: 0 }), tags: tags(51) }))
      .toThrow(/layout\.pipWidth[^]*layout\.pipHeight[^]*tags: at most 50/);
  });

  test('the limits of the model are accepted', () => {
    const stack = newStack();
    expect(() => new IvsComposition(stack, 'Max', {
      stage,
      channel: { ...channel, name: 'n'.repeat(128) },
      s3: { ...s3, name: '', hlsTargetSegmentDuration: Duration.seconds(10), thumbnails: { interval: Duration.days(1), storage: [] } },
      layout: pip({ gridGap: 0, pipOffset: 0, pipWidth: 1, pipHeight: 1, featuredParticipantAttribute: 'a'.repeat(128) }),
      tags: { ...tags(49), ['k'.repeat(128)]: 'v'.repeat(256) },
      startTimeout: Duration.minutes(8),
    })).not.toThrow();
    expect(() => new IvsComposition(stack, 'Min', {
      stage,
      s3: { ...s3, hlsTargetSegmentDuration: Duration.seconds(2), thumbnails: { interval: Duration.seconds(1) } },
      startTimeout: Duration.seconds(1),
    })).not.toThrow();
  });
});
