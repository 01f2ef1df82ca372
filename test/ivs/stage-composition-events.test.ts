/**
 * The events each stage's rule lets through, by EventBridge's matching
 * (test/helpers/event-pattern.ts) on the patterns the construct writes.
 */
import { stageCompositionPattern } from '../../src/ivs/stage-composition-events';
import { STAGE_RECONCILE_DETAIL_TYPE, STAGE_RECONCILE_SOURCE } from '../../src/ivs/stage-composition.contract';
import { matchesPattern } from '../helpers/event-pattern';

const STAGE = 'arn:aws:ivs:us-east-1:123456789012:stage/AbCdEfGhIjKl';
const OTHER_STAGE = 'arn:aws:ivs:us-east-1:123456789012:stage/ZyXwVuTsRqPo';
const STACK = 'arn:aws:cloudformation:us-east-1:123456789012:stack/Studio/1';
const OTHER_STACK = 'arn:aws:cloudformation:us-east-1:123456789012:stack/Other/2';

const stageUpdate = (stage: string, eventName: string) => ({
  'source': 'aws.ivs',
  'detail-type': 'IVS Stage Update',
  'resources': [stage],
  'detail': { session_id: 'st-1', event_name: eventName, participant_id: 'p', user_id: 'u' },
});
const compositionChange = (stage: string, eventName: string) => ({
  'source': 'aws.ivs',
  'detail-type': 'IVS Composition State Change',
  'resources': ['arn:aws:ivs:us-east-1:123456789012:composition/c1'],
  'detail': { event_name: eventName, stage_arn: stage },
});
const reconcile = (stack: string, intervalMinutes: string) => ({
  'source': STAGE_RECONCILE_SOURCE, 'detail-type': STAGE_RECONCILE_DETAIL_TYPE, 'detail': { stack, intervalMinutes },
});

describe('a stage\'s rule', () => {
  const pattern = stageCompositionPattern(STAGE, { stack: STACK, intervalMinutes: '1' });

  test.each([
    ['Participant Published on the stage', stageUpdate(STAGE, 'Participant Published')],
    ['Participant Unpublished on the stage', stageUpdate(STAGE, 'Participant Unpublished')],
    ['Session End of a composition on the stage', compositionChange(STAGE, 'Session End')],
    ['Session Failure of a composition on the stage', compositionChange(STAGE, 'Session Failure')],
    ['the stack\'s schedule of its interval', reconcile(STACK, '1')],
  ])('matches %s', (_what, event) => {
    expect(matchesPattern(pattern, event)).toBe(true);
  });

  test.each([
    ['Participant Published on another stage', stageUpdate(OTHER_STAGE, 'Participant Published')],
    ['Participant Joined on the stage', stageUpdate(STAGE, 'Participant Joined')],
    ['Session End on another stage', compositionChange(OTHER_STAGE, 'Session End')],
    ['Session Start on the stage', compositionChange(STAGE, 'Session Start')],
    ['another stack\'s schedule', reconcile(OTHER_STACK, '1')],
    ['the stack\'s schedule of another interval', reconcile(STACK, '5')],
    ['a reconcile event from another source', { ...reconcile(STACK, '1'), source: 'aws.ivs' }],
  ])('does not match %s', (_what, event) => {
    expect(matchesPattern(pattern, event)).toBe(false);
  });

  test('without reconciliation, matches no schedule event but the stage\'s IVS events', () => {
    const eventsOnly = stageCompositionPattern(STAGE);
    expect(matchesPattern(eventsOnly, reconcile(STACK, '1'))).toBe(false);
    expect(matchesPattern(eventsOnly, stageUpdate(STAGE, 'Participant Published'))).toBe(true);
  });
});
