import { StartCompositionCommand } from '@aws-sdk/client-ivs-realtime';
import 'aws-sdk-client-mock-jest';
import { PROPS, TYPE, clock, composition, ivs, useIvsMock } from './composition.fixtures';
import { onIvsCompositionEvent } from '../../../lambda/ivs/composition';
import type { IvsCompositionProperties } from '../../../src/ivs/composition.contract';
import { cfnEvent } from '../../helpers/cfn';

useIvsMock();

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
