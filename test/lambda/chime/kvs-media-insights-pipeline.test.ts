/**
 * The media insights pipeline handler: create (idempotent, waiting opt-in),
 * replacement, an update the service never sees, the pipeline ended on its
 * own, rollback, delete, delete when gone, failed create leaves nothing.
 */
import { createHash } from 'node:crypto';
import {
  BadRequestException,
  ChimeSDKMediaPipelinesClient,
  ConflictException,
  CreateMediaInsightsPipelineCommand,
  DeleteMediaPipelineCommand,
  GetMediaPipelineCommand,
  NotFoundException,
} from '@aws-sdk/client-chime-sdk-media-pipelines';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { onMediaInsightsPipelineEvent } from '../../../lambda/chime/kvs-media-insights-pipeline';
import { canonical } from '../../../lambda/shared/lifecycle';
import { requestToken } from '../../../lambda/shared/request-token';
import { MEDIA_INSIGHTS_PIPELINE_RESOURCE_TYPE as TYPE, createPipelineInput } from '../../../src/chime/kvs-media-insights-pipeline.contract';
import type { MediaInsightsPipelineProperties } from '../../../src/chime/kvs-media-insights-pipeline.contract';
import { cfnEvent } from '../../helpers/cfn';
import { PIPELINE_ARN, PIPELINE_ID, STREAM_ARN } from '../../helpers/fixtures';
import { commandsSent, serviceError, useSdkMocks } from '../../helpers/sdk-mock';

const chime = mockClient(ChimeSDKMediaPipelinesClient);
const NEW_ID = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const CONFIG_ARN = 'arn:aws:chime:us-east-1:123456789012:media-insights-pipeline-configuration/calls';
const PROPS: MediaInsightsPipelineProperties = {
  MediaInsightsPipelineConfigurationArn: CONFIG_ARN,
  KinesisVideoStreamSourceRuntimeConfiguration: {
    Streams: [{ StreamArn: STREAM_ARN, StreamChannelDefinition: { NumberOfChannels: 2, ChannelDefinitions: [{ ChannelId: 1, ParticipantRole: 'CUSTOMER' }] } }],
    MediaEncoding: 'pcm',
    MediaSampleRate: 8000,
  },
  MediaInsightsRuntimeMetadata: { cdkLiveMediaConfiguration: 'calls', cdkLiveMediaStack: 'TestStack', cdkLiveMediaPath: 'TestStack/Pipeline' },
  WaitForInProgress: false,
  StartTimeoutSeconds: 180,
};
const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/TestStack/11111111-2222-3333-4444-555555555555';
const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);
/** The runtime metadata the handler adds: this stack resource (cfnEvent's `Resource`), the creation properties, the pipeline replaced. */
const OWNER = digest(`${STACK_ID}/Resource`);
const own = (props: MediaInsightsPipelineProperties, replaces?: string): Record<string, string> => ({
  ...props.MediaInsightsRuntimeMetadata,
  cdkLiveMediaOwner: OWNER,
  cdkLiveMediaProperties: digest(canonical(createPipelineInput(props))),
  ...(replaces ? { cdkLiveMediaReplaces: replaces } : {}),
});
const pipeline = (id: string, Status: string): any => ({
  MediaInsightsPipeline: { MediaPipelineId: id, MediaPipelineArn: PIPELINE_ARN.replace(PIPELINE_ID, id), Status },
});
const got = (id: string, Status: string): any => ({ MediaPipeline: pipeline(id, Status) });
const sent = () => commandsSent(chime);
const { clock } = useSdkMocks(chime);

describe('Create', () => {
  test('creates the pipeline with the runtime configuration, the metadata and a token of the request; does not wait by default', async () => {
    chime.on(CreateMediaInsightsPipelineCommand).resolves(pipeline(PIPELINE_ID, 'Initializing'));
    const event = cfnEvent('Create', TYPE, PROPS);
    const response = await onMediaInsightsPipelineEvent(event, clock.deadline());
    expect(sent()).toEqual(['CreateMediaInsightsPipeline']);
    expect(chime).toHaveReceivedCommandWith(CreateMediaInsightsPipelineCommand, {
      MediaInsightsPipelineConfigurationArn: CONFIG_ARN,
      KinesisVideoStreamSourceRuntimeConfiguration: PROPS.KinesisVideoStreamSourceRuntimeConfiguration as any,
      MediaInsightsRuntimeMetadata: own(PROPS),
      ClientRequestToken: requestToken(event),
    });
    expect(response).toEqual({ PhysicalResourceId: PIPELINE_ID, Data: { PipelineId: PIPELINE_ID, PipelineArn: PIPELINE_ARN, Ended: 'false' } });
  });

  test('repeated delivery sends the same token', async () => {
    chime.on(CreateMediaInsightsPipelineCommand).resolves(pipeline(PIPELINE_ID, 'Initializing'));
    const event = cfnEvent('Create', TYPE, PROPS, { RequestId: 'same' });
    await onMediaInsightsPipelineEvent(event, clock.deadline());
    await onMediaInsightsPipelineEvent(event, clock.deadline());
    const tokens = chime.commandCalls(CreateMediaInsightsPipelineCommand).map((c) => c.args[0].input.ClientRequestToken);
    expect(tokens).toEqual([requestToken(event), requestToken(event)]);
  });

  test('with waiting on, polls GetMediaPipeline until InProgress', async () => {
    chime.on(CreateMediaInsightsPipelineCommand).resolves(pipeline(PIPELINE_ID, 'Initializing'));
    chime.on(GetMediaPipelineCommand).resolvesOnce(got(PIPELINE_ID, 'Initializing')).resolves(got(PIPELINE_ID, 'InProgress'));
    await onMediaInsightsPipelineEvent(cfnEvent('Create', TYPE, { ...PROPS, WaitForInProgress: true }), clock.deadline());
    expect(sent()).toEqual(['CreateMediaInsightsPipeline', 'GetMediaPipeline', 'GetMediaPipeline']);
    expect(chime).toHaveReceivedCommandWith(GetMediaPipelineCommand, { MediaPipelineId: PIPELINE_ID });
  });

  test('a pipeline not InProgress in time is deleted and the create fails (nothing left running)', async () => {
    chime.on(CreateMediaInsightsPipelineCommand).resolves(pipeline(PIPELINE_ID, 'Initializing'));
    chime.on(GetMediaPipelineCommand).resolves(got(PIPELINE_ID, 'Initializing'));
    chime.on(DeleteMediaPipelineCommand).resolves({});
    await expect(onMediaInsightsPipelineEvent(cfnEvent('Create', TYPE, { ...PROPS, WaitForInProgress: true, StartTimeoutSeconds: 10 }), clock.deadline()))
      .rejects.toThrow(/was not InProgress after \d+ s \(last status: Initializing\).* start the producer first/);
    expect(chime).toHaveReceivedCommandWith(DeleteMediaPipelineCommand, { MediaPipelineId: PIPELINE_ID });
  });

  test('a pipeline that fails as it is created is deleted and the create fails', async () => {
    chime.on(CreateMediaInsightsPipelineCommand).resolves(pipeline(PIPELINE_ID, 'Failed'));
    chime.on(DeleteMediaPipelineCommand).resolves({});
    await expect(onMediaInsightsPipelineEvent(cfnEvent('Create', TYPE, PROPS), clock.deadline())).rejects.toThrow(/failed as it was created/);
    expect(sent()).toEqual(['CreateMediaInsightsPipeline', 'DeleteMediaPipeline']);
  });

  test('a rejected create fails with the service error, nothing to clean up', async () => {
    chime.on(CreateMediaInsightsPipelineCommand).rejects(serviceError(BadRequestException, 'The stream has no audio track'));
    await expect(onMediaInsightsPipelineEvent(cfnEvent('Create', TYPE, PROPS), clock.deadline())).rejects.toThrow('The stream has no audio track');
    expect(sent()).toEqual(['CreateMediaInsightsPipeline']);
  });
});

describe('Update', () => {
  const changed = {
    ...PROPS,
    KinesisVideoStreamSourceRuntimeConfiguration: { ...PROPS.KinesisVideoStreamSourceRuntimeConfiguration, MediaSampleRate: 16000 },
  };

  /** A pipeline as GetMediaPipeline shows it, with runtime metadata. */
  const described = (id: string, Status: string, MediaInsightsRuntimeMetadata: Record<string, string>): any =>
    ({ MediaPipeline: { MediaInsightsPipeline: { ...pipeline(id, Status).MediaInsightsPipeline, MediaInsightsRuntimeMetadata } } });
  const rollback = () => cfnEvent('Update', TYPE, PROPS, { PhysicalResourceId: NEW_ID, OldResourceProperties: changed });

  test('a change the service sees creates a new pipeline under a new physical ID, naming the pipeline it replaces (the old one deleted in cleanup)', async () => {
    chime.on(CreateMediaInsightsPipelineCommand).resolves(pipeline(NEW_ID, 'Initializing'));
    chime.on(GetMediaPipelineCommand).resolves(described(PIPELINE_ID, 'InProgress', own(PROPS)));
    const event = cfnEvent('Update', TYPE, changed, { PhysicalResourceId: PIPELINE_ID, OldResourceProperties: PROPS });
    const response = await onMediaInsightsPipelineEvent(event, clock.deadline());
    // The current pipeline replaced nothing: no original to return to.
    expect(sent()).toEqual(['GetMediaPipeline', 'CreateMediaInsightsPipeline']);
    expect(chime).toHaveReceivedCommandWith(CreateMediaInsightsPipelineCommand, {
      KinesisVideoStreamSourceRuntimeConfiguration: changed.KinesisVideoStreamSourceRuntimeConfiguration as any,
      MediaInsightsRuntimeMetadata: own(changed, PIPELINE_ID),
    });
    expect(response.PhysicalResourceId).toBe(NEW_ID);
  });

  test('rollback of that update, the original still running with the old properties and this resource\'s: answers the original, creates nothing (twice delivered)', async () => {
    chime.on(GetMediaPipelineCommand, { MediaPipelineId: NEW_ID }).resolves(described(NEW_ID, 'InProgress', own(changed, PIPELINE_ID)));
    chime.on(GetMediaPipelineCommand, { MediaPipelineId: PIPELINE_ID }).resolves(described(PIPELINE_ID, 'InProgress', own(PROPS)));
    for (let delivery = 0; delivery < 2; delivery++) {
      const response = await onMediaInsightsPipelineEvent(rollback(), clock.deadline());
      expect(response).toEqual({ PhysicalResourceId: PIPELINE_ID, Data: { PipelineId: PIPELINE_ID, PipelineArn: PIPELINE_ARN, Ended: 'false' } });
    }
    expect(chime.calls().map((c, i) => [sent()[i], c.args[0].input])).toEqual([
      ['GetMediaPipeline', { MediaPipelineId: NEW_ID }], ['GetMediaPipeline', { MediaPipelineId: PIPELINE_ID }],
      ['GetMediaPipeline', { MediaPipelineId: NEW_ID }], ['GetMediaPipeline', { MediaPipelineId: PIPELINE_ID }],
    ]);
  });

  test.each([
    ['ended', 'Stopped', own(PROPS)],
    ['another stack resource\'s', 'InProgress', { ...own(PROPS), cdkLiveMediaOwner: digest(`${STACK_ID}/Other`) }],
    ['created with other properties', 'InProgress', own(changed)],
    ['from before the metadata', 'InProgress', PROPS.MediaInsightsRuntimeMetadata],
  ])('rollback of that update, the original %s: creates a pipeline with the old properties', async (_, status, metadata) => {
    chime.on(GetMediaPipelineCommand, { MediaPipelineId: NEW_ID }).resolves(described(NEW_ID, 'InProgress', own(changed, PIPELINE_ID)));
    chime.on(GetMediaPipelineCommand, { MediaPipelineId: PIPELINE_ID }).resolves(described(PIPELINE_ID, status, metadata));
    chime.on(CreateMediaInsightsPipelineCommand).resolves(pipeline('3c3c3c3c-5e4f-4a3b-8c2d-1e0f9a8b7c6d', 'Initializing'));
    const response = await onMediaInsightsPipelineEvent(rollback(), clock.deadline());
    expect(sent()).toEqual(['GetMediaPipeline', 'GetMediaPipeline', 'CreateMediaInsightsPipeline']);
    expect(chime).toHaveReceivedCommandWith(CreateMediaInsightsPipelineCommand, {
      KinesisVideoStreamSourceRuntimeConfiguration: PROPS.KinesisVideoStreamSourceRuntimeConfiguration as any,
      MediaInsightsRuntimeMetadata: own(PROPS, NEW_ID),
    });
    expect(response.PhysicalResourceId).toBe('3c3c3c3c-5e4f-4a3b-8c2d-1e0f9a8b7c6d');
  });

  test('rollback of that update, the replacement gone: creates a pipeline with the old properties', async () => {
    chime.on(GetMediaPipelineCommand).rejects(serviceError(NotFoundException, 'not found'));
    chime.on(CreateMediaInsightsPipelineCommand).resolves(pipeline(PIPELINE_ID, 'Initializing'));
    await onMediaInsightsPipelineEvent(rollback(), clock.deadline());
    expect(sent()).toEqual(['GetMediaPipeline', 'CreateMediaInsightsPipeline']);
  });

  test('a change of the waiting options only keeps the pipeline', async () => {
    chime.on(GetMediaPipelineCommand).resolves(got(PIPELINE_ID, 'InProgress'));
    const response = await onMediaInsightsPipelineEvent(
      cfnEvent('Update', TYPE, { ...PROPS, WaitForInProgress: true }, { PhysicalResourceId: PIPELINE_ID, OldResourceProperties: PROPS }), clock.deadline());
    expect(sent()).toEqual(['GetMediaPipeline']);
    expect(response).toEqual({ PhysicalResourceId: PIPELINE_ID, Data: { PipelineId: PIPELINE_ID, PipelineArn: PIPELINE_ARN, Ended: 'false' } });
  });

  test.each(['Stopped', 'Failed'])('a pipeline that ended on its own (%s) is an ended resource: success, marked Ended', async (status) => {
    chime.on(GetMediaPipelineCommand).resolves(got(PIPELINE_ID, status));
    const response = await onMediaInsightsPipelineEvent(
      cfnEvent('Update', TYPE, { ...PROPS, StartTimeoutSeconds: 60 }, { PhysicalResourceId: PIPELINE_ID, OldResourceProperties: PROPS }), clock.deadline());
    expect(response).toEqual({ PhysicalResourceId: PIPELINE_ID, Data: { PipelineId: PIPELINE_ID, PipelineArn: PIPELINE_ARN, Ended: 'true' } });
  });

  test('a pipeline gone is an ended resource too', async () => {
    chime.on(GetMediaPipelineCommand).rejects(serviceError(NotFoundException, 'not found'));
    const response = await onMediaInsightsPipelineEvent(
      cfnEvent('Update', TYPE, { ...PROPS, StartTimeoutSeconds: 60 }, { PhysicalResourceId: PIPELINE_ID, OldResourceProperties: PROPS }), clock.deadline());
    expect(response.Data).toEqual({ PipelineId: PIPELINE_ID, PipelineArn: PIPELINE_ARN, Ended: 'true' });
  });
});

describe('Delete', () => {
  test('deletes the pipeline by ID', async () => {
    chime.on(DeleteMediaPipelineCommand).resolves({});
    await expect(onMediaInsightsPipelineEvent(cfnEvent('Delete', TYPE, PROPS, { PhysicalResourceId: PIPELINE_ID }), clock.deadline())).resolves.toEqual({});
    expect(chime).toHaveReceivedCommandWith(DeleteMediaPipelineCommand, { MediaPipelineId: PIPELINE_ID });
  });

  test('a pipeline already gone is success, and so is a repeated Delete', async () => {
    chime.on(DeleteMediaPipelineCommand).rejects(serviceError(NotFoundException, 'not found'));
    const event = cfnEvent('Delete', TYPE, PROPS, { PhysicalResourceId: PIPELINE_ID });
    await expect(onMediaInsightsPipelineEvent(event, clock.deadline())).resolves.toEqual({});
    await expect(onMediaInsightsPipelineEvent(event, clock.deadline())).resolves.toEqual({});
  });

  test('a pipeline that ended (Delete answers Conflict until the deadline, Get says Stopped) is success', async () => {
    chime.on(DeleteMediaPipelineCommand).rejects(serviceError(ConflictException, 'conflict'));
    chime.on(GetMediaPipelineCommand).resolves(got(PIPELINE_ID, 'Stopped'));
    await expect(onMediaInsightsPipelineEvent(cfnEvent('Delete', TYPE, PROPS, { PhysicalResourceId: PIPELINE_ID }), clock.deadline())).resolves.toEqual({});
  });

  test('a running pipeline that cannot be deleted fails the delete', async () => {
    chime.on(DeleteMediaPipelineCommand).rejects(serviceError(BadRequestException, 'bad'));
    chime.on(GetMediaPipelineCommand).resolves(got(PIPELINE_ID, 'InProgress'));
    await expect(onMediaInsightsPipelineEvent(cfnEvent('Delete', TYPE, PROPS, { PhysicalResourceId: PIPELINE_ID }), clock.deadline())).rejects.toThrow('bad');
  });
});
