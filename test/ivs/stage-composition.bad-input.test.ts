/**
 * IvsStageComposition: invalid props rejected at synth naming the construct
 * path and the prop. The props it shares with IvsComposition go through the
 * same validation (src/ivs/composition-validation.ts, whose every row is in
 * composition.bad-input.test.ts); a few rows here show it is wired with this
 * construct's name. Every prop of its own has rows.
 */
import { Duration, Token } from 'aws-cdk-lib';
import type { Stack } from 'aws-cdk-lib';
import { CompositionLayout, IvsChannel, IvsStage, IvsStageComposition } from '../../src';
import type { IvsStageCompositionProps } from '../../src';
import { ID, build, complete, numberToken, testBadInput } from '../helpers/bad-input';
import type { BadInput, Change } from '../helpers/bad-input';
import { CHANNEL_ARN, STAGE_ARN } from '../helpers/fixtures';

function following(change: Change<IvsStageCompositionProps>) {
  return complete<IvsStageCompositionProps>({
    stage: IvsStage.fromStageArn(STAGE_ARN),
    channel: { channel: IvsChannel.fromChannelArn(CHANNEL_ARN) },
  }, change);
}
const manyTags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`key${i}`, 'value']));
const subject = { build: (stack: Stack, props: IvsStageCompositionProps) => new IvsStageComposition(stack, ID, props) };

const C = 'IvsStageComposition';
const BAD_INPUT: BadInput<IvsStageCompositionProps>[] = [
  // Shared with IvsComposition
  [C, 'no stage', 'stage', following({ stage: undefined as unknown as IvsStage }), /^a composition needs a stage$/],
  [C, 'a stage in another Region', 'stage', following({ stage: IvsStage.fromStageArn(STAGE_ARN.replace('us-east-1', 'eu-west-1')) }), /^the ARN is in Region eu-west-1/],
  [C, 'no destination', 'channel', following({ channel: undefined }), /^a composition needs a destination: give channel, s3 or both$/],
  [C, 'a grid gap past the model\'s range', 'layout.gridGap', following({ layout: CompositionLayout.grid({ gridGap: -1 }) }), /^must be of at least 0, got -1$/],
  [C, 'a tag key with the reserved prefix aws:', 'tags', following({ tags: { 'aws:team': 'x' } }), /reserved prefix aws:/],
  // Its own
  [C, 'a tag key with the keeper\'s prefix', 'tags', following({ tags: { 'cdk-live-media:owner': 'me' } }), /^the key "cdk-live-media:owner" uses the prefix cdk-live-media:, which the keeper's own tags use$/],
  [C, 'more tags than leave room for the keeper\'s 4', 'tags', following({ tags: manyTags(47) }), /^at most 46 tags \(the keeper adds 4 of its own\), got 47$/],
  [C, 'a reconcile interval under a minute', 'reconcileInterval', following({ reconcileInterval: Duration.seconds(30) }), /^must be whole minutes, got 30 s$/],
  [C, 'a reconcile interval of part minutes', 'reconcileInterval', following({ reconcileInterval: Duration.seconds(90) }), /^must be whole minutes, got 90 s$/],
  [C, 'a reconcile interval over a day', 'reconcileInterval', following({ reconcileInterval: Duration.hours(25) }), /^must be from 1 minute to 24 hours, got 1500 min$/],
  [C, 'a zero reconcile interval', 'reconcileInterval', following({ reconcileInterval: Duration.minutes(0) }), /^must be from 1 minute to 24 hours, got 0 min$/],
  [C, 'a reconcile interval with reconcile off', 'reconcileInterval', following({ reconcile: false, reconcileInterval: Duration.minutes(5) }), /^is given but reconcile is false/],
  [C, 'a token interval not in minutes', 'reconcileInterval', following({ reconcileInterval: Duration.seconds(numberToken('Seconds')) }), /^a token interval must be given with Duration.minutes\(\), got one in seconds$/],
  [C, 'negative retries', 'maxRetriesPerSession', following({ maxRetriesPerSession: -1 }), /^must be from 0 to 10, got -1$/],
  [C, 'too many retries', 'maxRetriesPerSession', following({ maxRetriesPerSession: 11 }), /^must be from 0 to 10, got 11$/],
  [C, 'fractional retries', 'maxRetriesPerSession', following({ maxRetriesPerSession: 1.5 }), /^must be a whole number from 0 to 10, got 1.5$/],
  [C, 'a backoff under a second', 'retryBackoff', following({ retryBackoff: Duration.millis(500) }), /^must be a whole number from 1 to 300, got 0.5$/],
  [C, 'a backoff over 5 minutes', 'retryBackoff', following({ retryBackoff: Duration.minutes(6) }), /^must be from 1 to 300, got 360$/],
];

describe('bad input', () => {
  testBadInput(subject, BAD_INPUT);

  test('tokens: an interval, retries and a backoff given as tokens are accepted (they go to the rule and schedule as they are)', () => {
    expect(() => build(subject, following({
      reconcileInterval: Duration.minutes(numberToken('Interval')),
      maxRetriesPerSession: numberToken('Retries'),
      retryBackoff: Duration.seconds(numberToken('Backoff')),
      tags: { team: Token.asString({ Ref: 'Team' }) },
    }))).not.toThrow();
  });

  test('a valid configuration with every prop of its own', () => {
    expect(() => build(subject, following({
      reconcileInterval: Duration.minutes(5), maxRetriesPerSession: 0, retryBackoff: Duration.minutes(5), restartOnChange: true, tags: manyTags(46),
    }))).not.toThrow();
  });
});
