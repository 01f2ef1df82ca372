/**
 * IvsStageComposition's props checked and turned into the configuration its
 * rule carries to the keeper (StageCompositionConfig).
 */
import { Duration, Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { claimChannel } from './channel-claims';
import { compositionContract } from './composition-validation';
import { estimatedInputChars } from './stage-composition-events';
import type { IvsStageCompositionProps } from './stage-composition-props';
import { STAGE_COMPOSITION_TAG_PREFIX, STAGE_COMPOSITION_TAGS } from './stage-composition.contract';
import type { StageCompositionConfig } from './stage-composition.contract';
import { PropValidator } from '../core/validation';

/** The configuration of `props`, every problem thrown together naming the construct and the prop. */
export function stageCompositionConfig(scope: IConstruct, ownerId: string, props: IvsStageCompositionProps): StageCompositionConfig {
  const v = new PropValidator(scope, 'IvsStageComposition');
  const { stageArn, layout, destinations, tags } = compositionContract(v, scope, props);
  if (tags && !Token.isUnresolved(tags)) {
    const own = Object.keys(STAGE_COMPOSITION_TAGS).length;
    const keys = Object.keys(tags);
    if (keys.length > 50 - own) v.fail('tags', `at most ${50 - own} tags (the keeper adds ${own} of its own), got ${keys.length}`);
    for (const key of keys.filter((k) => !Token.isUnresolved(k) && k.startsWith(STAGE_COMPOSITION_TAG_PREFIX))) {
      v.fail('tags', `the key ${JSON.stringify(key)} uses the prefix ${STAGE_COMPOSITION_TAG_PREFIX}, which the keeper's own tags use`);
    }
  }
  if (props.reconcile === false && props.reconcileInterval !== undefined) {
    v.fail('reconcileInterval', 'is given but reconcile is false: give one or the other');
  }
  const interval = props.reconcileInterval;
  if (interval?.isUnresolved() && interval.unitLabel() !== 'minutes') {
    // A schedule's rate is in minutes, hours or days; CloudFormation cannot convert a token.
    v.fail('reconcileInterval', `a token interval must be given with Duration.minutes(), got one in ${interval.unitLabel()}`);
  }
  const intervalSeconds = interval && !interval.isUnresolved() ? interval.toSeconds({ integral: false }) : undefined;
  if (intervalSeconds !== undefined) {
    if (intervalSeconds % 60 !== 0) v.fail('reconcileInterval', `must be whole minutes, got ${intervalSeconds} s`);
    else if (intervalSeconds < 60 || intervalSeconds > 86_400) v.fail('reconcileInterval', `must be from 1 minute to 24 hours, got ${intervalSeconds / 60} min`);
  }
  const maxRetriesPerSession = props.maxRetriesPerSession ?? 3;
  v.integer('maxRetriesPerSession', maxRetriesPerSession, { min: 0, max: 10 });
  const retryBackoffSeconds = v.duration('retryBackoff', props.retryBackoff ?? Duration.seconds(10), 'seconds');
  v.integer('retryBackoff', retryBackoffSeconds, { min: 1, max: 300 });
  const config: StageCompositionConfig = {
    stageArn,
    ownerId,
    layout,
    destinations,
    tags,
    maxRetriesPerSession,
    retryBackoffSeconds: retryBackoffSeconds!,
    restartOnChange: props.restartOnChange ?? false,
  };
  const chars = estimatedInputChars(config);
  if (chars > 8_192 - 400) v.fail('layout', `the configuration takes about ${chars} characters; a rule target's input holds 8,192 with the trigger's fields`);
  v.throwIfInvalid();
  if (props.channel?.channel) claimChannel(scope, props.channel);
  return config;
}
