/**
 * The keeper's message decoding: what started a check follows from the
 * event's detail type; messages of the earlier version (a schedule per
 * stage, the kind written in the message) still decode.
 */
import { STAGE_RECONCILE_DETAIL_TYPE, decodeStageKeeperMessage } from '../../src/ivs/stage-composition.contract';
import { CONFIG } from '../lambda/ivs/stage-keeper.fixtures';

const body = (trigger: object) => JSON.stringify({ config: CONFIG, trigger });

test('an IVS event is an event; its session and event name are read from its detail', () => {
  const detail = { session_id: 'st-1', event_name: 'Participant Published' };
  expect(decodeStageKeeperMessage(body({ id: 'e1', detailType: 'IVS Stage Update', detail })).trigger)
    .toEqual({ kind: 'event', id: 'e1', detailType: 'IVS Stage Update', eventName: 'Participant Published', sessionId: 'st-1' });
});

test('the schedule\'s reconcile event is a scheduled check, whatever its detail holds', () => {
  const detail = { stack: 'arn:aws:cloudformation:us-east-1:123456789012:stack/S/1', intervalMinutes: '1' };
  expect(decodeStageKeeperMessage(body({ id: 'e2', detailType: STAGE_RECONCILE_DETAIL_TYPE, detail })).trigger)
    .toEqual({ kind: 'schedule', id: 'e2', detailType: STAGE_RECONCILE_DETAIL_TYPE });
});

test('a message of the earlier version (a schedule per stage, kind written in it) still decodes', () => {
  expect(decodeStageKeeperMessage(body({ kind: 'schedule', id: 'x1' })).trigger).toEqual({ kind: 'schedule', id: 'x1' });
  expect(decodeStageKeeperMessage(body({ kind: 'event', id: 'e3', detailType: 'IVS Composition State Change', detail: { event_name: 'Session End' } })).trigger)
    .toEqual({ kind: 'event', id: 'e3', detailType: 'IVS Composition State Change', eventName: 'Session End' });
});

test('anything else is rejected (the message goes to the dead-letter queue)', () => {
  expect(() => decodeStageKeeperMessage(body({ kind: 'manual', id: 'x' }))).toThrow(/trigger.kind must be event or schedule/);
  expect(() => decodeStageKeeperMessage(body({ detailType: 'IVS Stage Update' }))).toThrow(/trigger.id/);
});
