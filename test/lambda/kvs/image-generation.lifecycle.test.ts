/**
 * The image generation handler under CloudFormation's real sequences: a
 * stream that already has a configuration, failures after the write, streams
 * deleted under the resource, rollbacks, and settings only the handler reads.
 */
import {
  AccessDeniedException,
  DescribeImageGenerationConfigurationCommand,
  ResourceNotFoundException,
  UpdateImageGenerationConfigurationCommand,
} from '@aws-sdk/client-kinesis-video';
import 'aws-sdk-client-mock-jest';
import { CONFIG, OTHER_ARN, PROPS, STREAM_ARN, TYPE, clock, kvs, useImageGenerationMock } from './image-generation.fixtures';
import { onKvsImageGenerationEvent } from '../../../lambda/kvs/image-generation';
import { UNDO_RESERVE_MS } from '../../../lambda/shared/deadline';
import type { KvsImageGenerationProperties } from '../../../src/kvs/image-generation.contract';
import { cfnEvent } from '../../helpers/cfn';

useImageGenerationMock();
const NEWER: KvsImageGenerationProperties = { StreamARN: STREAM_ARN, ImageGenerationConfiguration: { ...CONFIG, SamplingInterval: 5000 } };
/** Someone else's configuration, as Describe shows it. */
const FOREIGN = { ...CONFIG, DestinationConfig: { Uri: 's3://their-bucket/', DestinationRegion: 'us-east-1' }, SamplingInterval: 1000 };
const streamGone = () => new ResourceNotFoundException({ message: 'The requested stream is not found or not active.', $metadata: {} });

/** A stream whose Describe shows what the last Update wrote, starting from `initial`. */
function statefulStream(initial?: object) {
  let config: object | undefined = initial;
  kvs.on(UpdateImageGenerationConfigurationCommand).callsFake((input) => {
    config = input.ImageGenerationConfiguration;
    return {};
  });
  kvs.on(DescribeImageGenerationConfigurationCommand).callsFake(() => (config ? { ImageGenerationConfiguration: config } : {}));
  return { current: () => config };
}

const create = (props: object) => onKvsImageGenerationEvent(cfnEvent('Create', TYPE, props), clock.deadline());
const update = (props: object, old: object, physicalId = 'front-door') =>
  onKvsImageGenerationEvent(cfnEvent('Update', TYPE, props, { PhysicalResourceId: physicalId, OldResourceProperties: old }), clock.deadline());
const writes = () => kvs.commandCalls(UpdateImageGenerationConfigurationCommand).map((c) => c.args[0].input.ImageGenerationConfiguration);

describe('a stream that already has a configuration', () => {
  test('Create does not take over one it did not write: it fails saying so, and writes nothing', async () => {
    const stream = statefulStream(FOREIGN);
    await expect(create({ ...PROPS })).rejects.toThrow(
      'Stream front-door already has an image generation configuration that this resource did not write ' +
      '(Status ENABLED, Format JPEG, SamplingInterval 1000, destination s3://their-bucket/). Remove it from the stream, or set overwriteExisting',
    );
    expect(kvs).not.toHaveReceivedCommand(UpdateImageGenerationConfigurationCommand);
    expect(stream.current()).toEqual(FOREIGN);
  });

  test('one identical to what it writes is a repeated delivery of the same Create, not a take-over', async () => {
    statefulStream(CONFIG);
    await expect(create({ ...PROPS })).resolves.toMatchObject({ PhysicalResourceId: 'front-door', Data: { State: 'RUNNING' } });
  });

  test('with OverwriteExisting the configuration is taken over, and Delete then removes it', async () => {
    const stream = statefulStream(FOREIGN);
    await expect(create({ ...PROPS, OverwriteExisting: true })).resolves.toMatchObject({ PhysicalResourceId: 'front-door' });
    expect(stream.current()).toEqual(expect.objectContaining({ SamplingInterval: 2000 }));
    await onKvsImageGenerationEvent(cfnEvent('Delete', TYPE, { ...PROPS, OverwriteExisting: true }, { PhysicalResourceId: 'front-door' }), clock.deadline());
    expect(stream.current()).toBeUndefined();
  });

  test('an in-place Update finds what the old properties wrote: its own', async () => {
    const stream = statefulStream(CONFIG);
    await expect(update({ ...NEWER }, { ...PROPS })).resolves.toMatchObject({ PhysicalResourceId: 'front-door' });
    expect(stream.current()).toEqual(expect.objectContaining({ SamplingInterval: 5000 }));
  });

  test('moving to another stream that has someone else\'s configuration fails', async () => {
    statefulStream(FOREIGN);
    await expect(update({ StreamARN: OTHER_ARN, ImageGenerationConfiguration: CONFIG }, { ...PROPS }))
      .rejects.toThrow('Stream back-door already has an image generation configuration that this resource did not write');
    expect(kvs).not.toHaveReceivedCommand(UpdateImageGenerationConfigurationCommand);
  });

  test('the rollback of a replacement points back at the old stream, which holds this resource\'s own configuration: it succeeds', async () => {
    // front-door -> back-door (NEWER's configuration) succeeded, a later resource failed: rollback.
    statefulStream(CONFIG);
    const response = await update({ ...PROPS }, { StreamARN: OTHER_ARN, ImageGenerationConfiguration: NEWER.ImageGenerationConfiguration }, 'back-door');
    expect(response.PhysicalResourceId).toBe('front-door');
  });

  test('the rollback of a failed replacement (the physical ID still names this stream) succeeds whatever the stream holds', async () => {
    // front-door -> back-door failed; the physical ID stayed front-door, whose configuration drifted meanwhile.
    const stream = statefulStream(NEWER.ImageGenerationConfiguration);
    await update({ ...PROPS }, { StreamARN: OTHER_ARN, ImageGenerationConfiguration: FOREIGN }, 'front-door');
    expect(stream.current()).toEqual(expect.objectContaining({ SamplingInterval: 2000 }));
  });
});

describe('a failure after the write leaves the stream as it was', () => {
  test('Describe denied after the write: the written configuration is removed before the resource fails', async () => {
    kvs.on(UpdateImageGenerationConfigurationCommand).resolves({});
    kvs.on(DescribeImageGenerationConfigurationCommand)
      .resolvesOnce({})
      .rejects(new AccessDeniedException({ message: 'not authorized to DescribeImageGenerationConfiguration', $metadata: {} }));
    await expect(create({ ...PROPS })).rejects.toThrow(
      'AccessDeniedException: not authorized to DescribeImageGenerationConfiguration. The configuration written was removed from the stream',
    );
    expect(writes()).toEqual([expect.objectContaining({ SamplingInterval: 2000 }), undefined]);
  });

  test('Describe never confirming, on a taken-over stream: what was there is restored', async () => {
    kvs.on(UpdateImageGenerationConfigurationCommand).resolves({});
    kvs.on(DescribeImageGenerationConfigurationCommand).resolves({ ImageGenerationConfiguration: FOREIGN as any });
    await expect(create({ ...PROPS, OverwriteExisting: true })).rejects.toThrow(/instead of Status ENABLED.*The configuration the stream had before was restored$/);
    expect(writes()).toEqual([expect.objectContaining({ SamplingInterval: 2000 }), FOREIGN]);
  });

  test('a write that has not answered when the time runs out names the call, and is undone', async () => {
    kvs.on(DescribeImageGenerationConfigurationCommand).resolves({});
    kvs.on(UpdateImageGenerationConfigurationCommand)
      .callsFakeOnce(() => new Promise(() => undefined))
      .resolves({});
    // The time kept to undo, plus 50 ms of real time for the write.
    await expect(onKvsImageGenerationEvent(cfnEvent('Create', TYPE, { ...PROPS }), clock.deadline(UNDO_RESERVE_MS + 50)))
      .rejects.toThrow(/^DeadlineError: Gave up on UpdateImageGenerationConfiguration on stream front-door: it had not answered.*The configuration written was removed from the stream$/);
    expect(writes()).toEqual([expect.objectContaining({ SamplingInterval: 2000 }), undefined]);
  });
});

describe('the stream was deleted', () => {
  test('Update -> SUCCESS (marked ended) -> rollback -> SUCCESS -> Delete -> SUCCESS, nothing written', async () => {
    kvs.on(DescribeImageGenerationConfigurationCommand).rejects(streamGone());
    kvs.on(UpdateImageGenerationConfigurationCommand).rejects(streamGone());
    const updated = await update({ ...NEWER }, { ...PROPS });
    expect(updated.PhysicalResourceId).toBe('ended:front-door');
    expect(updated.Data).toEqual(expect.objectContaining({ StreamName: 'front-door', State: 'ENDED' }));
    const rolledBack = await update({ ...PROPS }, { ...NEWER }, 'ended:front-door');
    expect(rolledBack.PhysicalResourceId).toBe('ended:front-door');
    await expect(onKvsImageGenerationEvent(cfnEvent('Delete', TYPE, { ...PROPS }, { PhysicalResourceId: 'ended:front-door' }), clock.deadline()))
      .resolves.toEqual({});
    expect(kvs).toHaveReceivedCommandTimes(DescribeImageGenerationConfigurationCommand, 1);
    expect(kvs).not.toHaveReceivedCommand(UpdateImageGenerationConfigurationCommand);
  });

  test('moving to a stream that does not exist is a mistake: FAILED naming it', async () => {
    kvs.on(DescribeImageGenerationConfigurationCommand).rejects(streamGone());
    await expect(update({ StreamARN: OTHER_ARN, ImageGenerationConfiguration: CONFIG }, { ...PROPS }))
      .rejects.toThrow('Stream back-door was not found in this account and Region');
  });
});

describe('settings only the handler reads change in place', () => {
  test.each([
    ['OverwriteExisting', { OverwriteExisting: true }],
    ['ServiceTimeout', { ServiceTimeout: '900' }],
  ])('%s: same physical ID, nothing sent', async (_what, change) => {
    const response = await update({ ...PROPS, ...change }, { ...PROPS });
    expect(kvs).not.toHaveReceivedAnyCommand();
    expect(response).toEqual({
      PhysicalResourceId: 'front-door',
      Data: { StreamName: 'front-door', Status: 'ENABLED', DestinationUri: 's3://images-bucket/front-door/', Format: 'JPEG', SamplingInterval: '2000', State: 'RUNNING' },
    });
  });
});
