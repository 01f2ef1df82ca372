/**
 * The media insights pipeline configuration handler: the exact commands sent
 * for create, in-place update, replacement (a new name), rollback, delete,
 * delete when gone, a failed create and repeated delivery; tags on create,
 * changed in place on update and restored on rollback; the owner tag on every
 * create and update (pipeline-configuration.rollback.test.ts: adopting by it).
 */
import {
  BadRequestException,
  ConflictException,
  CreateMediaInsightsPipelineConfigurationCommand,
  DeleteMediaInsightsPipelineConfigurationCommand,
  ForbiddenException,
  GetMediaInsightsPipelineConfigurationCommand,
  NotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateMediaInsightsPipelineConfigurationCommand,
} from '@aws-sdk/client-chime-sdk-media-pipelines';
import 'aws-sdk-client-mock-jest';
import { ARN, CONFIG_ID, chime, NEW_ARN, OWNER, PROPS, ROLE, sent } from './pipeline-configuration.fixtures';
import { onPipelineConfigurationEvent } from '../../../lambda/chime/pipeline-configuration';
import { requestToken } from '../../../lambda/shared/request-token';
import { OWNER_TAG_KEY, PIPELINE_CONFIGURATION_RESOURCE_TYPE as TYPE } from '../../../src/chime/pipeline-configuration.contract';
import type { PipelineConfigurationProperties } from '../../../src/chime/pipeline-configuration.contract';
import { cfnEvent } from '../../helpers/cfn';
import { serviceError, useSdkMocks } from '../../helpers/sdk-mock';

const WITH_QUEUE: PipelineConfigurationProperties = {
  ...PROPS,
  Elements: [...PROPS.Elements, { Type: 'SqsQueueSink', SqsQueueSinkConfiguration: { InsightsTarget: 'arn:aws:sqs:us-east-1:123456789012:results' } }],
};
const TAGGED: PipelineConfigurationProperties = { ...PROPS, Tags: { team: 'support', cost: 'calls', env: 'prod' } };
/** TAGGED with cost changed, env removed and owner added: the elements and role unchanged. */
const RETAGGED: PipelineConfigurationProperties = { ...PROPS, Tags: { team: 'support', cost: 'voice', owner: 'ops' } };
/** The owner tag of the resource `Resource` of cfnEvent's stack. */
const OWNER_TAG = { Key: OWNER_TAG_KEY, Value: OWNER };
const answer = (arn: string, name: string) => ({
  MediaInsightsPipelineConfiguration: {
    MediaInsightsPipelineConfigurationArn: arn, MediaInsightsPipelineConfigurationId: CONFIG_ID, MediaInsightsPipelineConfigurationName: name,
  },
});
const { clock } = useSdkMocks(chime);

describe('Create', () => {
  test('creates the configuration with a token of the request; the ARN is the physical ID', async () => {
    chime.on(CreateMediaInsightsPipelineConfigurationCommand).resolves(answer(ARN, 'calls'));
    const event = cfnEvent('Create', TYPE, PROPS);
    const response = await onPipelineConfigurationEvent(event, clock.deadline());
    expect(chime).toHaveReceivedCommandTimes(CreateMediaInsightsPipelineConfigurationCommand, 1);
    expect(chime).toHaveReceivedCommandWith(CreateMediaInsightsPipelineConfigurationCommand, {
      MediaInsightsPipelineConfigurationName: 'calls',
      ResourceAccessRoleArn: ROLE,
      Elements: PROPS.Elements as any,
      ClientRequestToken: requestToken(event),
    });
    expect(response).toEqual({ PhysicalResourceId: ARN, Data: { Arn: ARN, Id: CONFIG_ID, Name: 'calls' } });
  });

  test('repeated delivery of the same request sends the same token (the service answers the same configuration)', async () => {
    chime.on(CreateMediaInsightsPipelineConfigurationCommand).resolves(answer(ARN, 'calls'));
    const event = cfnEvent('Create', TYPE, PROPS, { RequestId: 'same' });
    await onPipelineConfigurationEvent(event, clock.deadline());
    await onPipelineConfigurationEvent(event, clock.deadline());
    const tokens = chime.commandCalls(CreateMediaInsightsPipelineConfigurationCommand).map((c) => c.args[0].input.ClientRequestToken);
    expect(tokens).toEqual([requestToken(event), requestToken(event)]);
  });

  test('retries while a role created in the same deployment cannot be assumed yet', async () => {
    chime.on(CreateMediaInsightsPipelineConfigurationCommand)
      .rejectsOnce(serviceError(BadRequestException, 'Unable to assume the resource access role'))
      .resolves(answer(ARN, 'calls'));
    await expect(onPipelineConfigurationEvent(cfnEvent('Create', TYPE, PROPS), clock.deadline())).resolves.toMatchObject({ PhysicalResourceId: ARN });
    expect(chime).toHaveReceivedCommandTimes(CreateMediaInsightsPipelineConfigurationCommand, 2);
  });

  test('a failed create fails with the service error and leaves nothing (the only other call reads whether the name is taken)', async () => {
    chime.on(CreateMediaInsightsPipelineConfigurationCommand).rejects(serviceError(BadRequestException, 'Elements: a sink is invalid'));
    chime.on(GetMediaInsightsPipelineConfigurationCommand).rejects(serviceError(NotFoundException, 'not found'));
    await expect(onPipelineConfigurationEvent(cfnEvent('Create', TYPE, PROPS), clock.deadline())).rejects.toThrow('Elements: a sink is invalid');
    expect(sent()).toEqual(['CreateMediaInsightsPipelineConfigurationCommand', 'GetMediaInsightsPipelineConfigurationCommand']);
    expect(chime).toHaveReceivedCommandWith(GetMediaInsightsPipelineConfigurationCommand, { Identifier: 'calls' });
    expect(clock.sleeps).toEqual([]);
  });

  test('no configuration is created with less time left than deleting it needs', async () => {
    await expect(onPipelineConfigurationEvent(cfnEvent('Create', TYPE, PROPS), clock.deadline(19_000))).rejects.toThrow(/Did not start configuration calls/);
    expect(sent()).toEqual([]);
  });

  test('an answer without an ARN is an error', async () => {
    chime.on(CreateMediaInsightsPipelineConfigurationCommand).resolves({});
    await expect(onPipelineConfigurationEvent(cfnEvent('Create', TYPE, PROPS), clock.deadline())).rejects.toThrow(/without an ARN/);
  });
});

describe('Update', () => {
  test('elements or role change in place: the whole role and element list again, same physical ID (and the owner tag)', async () => {
    chime.on(UpdateMediaInsightsPipelineConfigurationCommand).resolves(answer(ARN, 'calls'));
    chime.on(TagResourceCommand).resolves({});
    const response = await onPipelineConfigurationEvent(
      cfnEvent('Update', TYPE, WITH_QUEUE, { PhysicalResourceId: ARN, OldResourceProperties: PROPS }), clock.deadline());
    expect(sent()).toEqual(['UpdateMediaInsightsPipelineConfigurationCommand', 'TagResourceCommand']);
    expect(chime).toHaveReceivedCommandWith(TagResourceCommand, { ResourceARN: ARN, Tags: [OWNER_TAG] });
    expect(chime).toHaveReceivedCommandWith(UpdateMediaInsightsPipelineConfigurationCommand, {
      Identifier: ARN, ResourceAccessRoleArn: ROLE, Elements: WITH_QUEUE.Elements as any,
    });
    expect(response.PhysicalResourceId).toBe(ARN);
  });

  test('rollback is the same in-place update with the old elements', async () => {
    chime.on(UpdateMediaInsightsPipelineConfigurationCommand).resolves(answer(ARN, 'calls'));
    await onPipelineConfigurationEvent(cfnEvent('Update', TYPE, PROPS, { PhysicalResourceId: ARN, OldResourceProperties: WITH_QUEUE }), clock.deadline());
    expect(chime).toHaveReceivedCommandWith(UpdateMediaInsightsPipelineConfigurationCommand, { Elements: PROPS.Elements as any });
  });

  test('a new name replaces: a new configuration under a new physical ID, the old one left to the cleanup Delete', async () => {
    chime.on(CreateMediaInsightsPipelineConfigurationCommand).resolves(answer(NEW_ARN, 'calls-v2'));
    const response = await onPipelineConfigurationEvent(
      cfnEvent('Update', TYPE, { ...PROPS, Name: 'calls-v2' }, { PhysicalResourceId: ARN, OldResourceProperties: PROPS }), clock.deadline());
    expect(chime.calls().map((c) => (c.args[0] as object).constructor.name)).toEqual(['CreateMediaInsightsPipelineConfigurationCommand']);
    expect(chime).toHaveReceivedCommandWith(CreateMediaInsightsPipelineConfigurationCommand, { MediaInsightsPipelineConfigurationName: 'calls-v2' });
    expect(response.PhysicalResourceId).toBe(NEW_ARN);
  });

  test('a configuration deleted outside the stack is created again', async () => {
    chime.on(UpdateMediaInsightsPipelineConfigurationCommand).rejects(serviceError(NotFoundException, 'not found'));
    chime.on(CreateMediaInsightsPipelineConfigurationCommand).resolves(answer(ARN, 'calls'));
    const response = await onPipelineConfigurationEvent(cfnEvent('Update', TYPE, WITH_QUEUE, { PhysicalResourceId: ARN, OldResourceProperties: PROPS }), clock.deadline());
    expect(response.PhysicalResourceId).toBe(ARN);
    expect(chime).toHaveReceivedCommandWith(CreateMediaInsightsPipelineConfigurationCommand, { Elements: WITH_QUEUE.Elements as any });
  });

  test('another update error fails the update', async () => {
    chime.on(UpdateMediaInsightsPipelineConfigurationCommand).rejects(serviceError(ForbiddenException, 'not allowed'));
    await expect(onPipelineConfigurationEvent(cfnEvent('Update', TYPE, WITH_QUEUE, { PhysicalResourceId: ARN, OldResourceProperties: PROPS }), clock.deadline()))
      .rejects.toThrow('not allowed');
  });
});

describe('Delete', () => {
  test('deletes the configuration by its ARN', async () => {
    chime.on(DeleteMediaInsightsPipelineConfigurationCommand).resolves({});
    await expect(onPipelineConfigurationEvent(cfnEvent('Delete', TYPE, PROPS, { PhysicalResourceId: ARN }), clock.deadline())).resolves.toEqual({});
    expect(chime).toHaveReceivedCommandWith(DeleteMediaInsightsPipelineConfigurationCommand, { Identifier: ARN });
  });

  test('a configuration already gone is success (and so is a repeated Delete)', async () => {
    chime.on(DeleteMediaInsightsPipelineConfigurationCommand).rejects(serviceError(NotFoundException, 'not found'));
    const event = cfnEvent('Delete', TYPE, PROPS, { PhysicalResourceId: ARN });
    await expect(onPipelineConfigurationEvent(event, clock.deadline())).resolves.toEqual({});
    await expect(onPipelineConfigurationEvent(event, clock.deadline())).resolves.toEqual({});
  });

  test('retries ConflictException while a pipeline of the configuration ends', async () => {
    chime.on(DeleteMediaInsightsPipelineConfigurationCommand).rejectsOnce(serviceError(ConflictException, 'in use')).resolves({});
    await expect(onPipelineConfigurationEvent(cfnEvent('Delete', TYPE, PROPS, { PhysicalResourceId: ARN }), clock.deadline())).resolves.toEqual({});
    expect(chime).toHaveReceivedCommandTimes(DeleteMediaInsightsPipelineConfigurationCommand, 2);
  });
});

describe('Tags', () => {
  test('create sends the tags as the API takes them, in the one Create call', async () => {
    chime.on(CreateMediaInsightsPipelineConfigurationCommand).resolves(answer(ARN, 'calls'));
    await onPipelineConfigurationEvent(cfnEvent('Create', TYPE, TAGGED), clock.deadline());
    expect(sent()).toEqual(['CreateMediaInsightsPipelineConfigurationCommand']);
    expect(chime.commandCalls(CreateMediaInsightsPipelineConfigurationCommand)[0].args[0].input.Tags).toEqual([
      { Key: 'team', Value: 'support' }, { Key: 'cost', Value: 'calls' }, { Key: 'env', Value: 'prod' }, OWNER_TAG,
    ]);
  });

  test('create without user tags sends the owner tag alone', async () => {
    chime.on(CreateMediaInsightsPipelineConfigurationCommand).resolves(answer(ARN, 'calls'));
    await onPipelineConfigurationEvent(cfnEvent('Create', TYPE, { ...PROPS, Tags: {} }), clock.deadline());
    expect(chime.commandCalls(CreateMediaInsightsPipelineConfigurationCommand)[0].args[0].input.Tags).toEqual([OWNER_TAG]);
  });

  test('an update changing only tags: Untag the removed keys, Tag the added and changed ones, on the ARN; same physical ID', async () => {
    chime.on(UpdateMediaInsightsPipelineConfigurationCommand).resolves(answer(ARN, 'calls'));
    chime.on(UntagResourceCommand).resolves({});
    chime.on(TagResourceCommand).resolves({});
    const response = await onPipelineConfigurationEvent(
      cfnEvent('Update', TYPE, RETAGGED, { PhysicalResourceId: ARN, OldResourceProperties: TAGGED }), clock.deadline());
    expect(sent()).toEqual(['UpdateMediaInsightsPipelineConfigurationCommand', 'UntagResourceCommand', 'TagResourceCommand']);
    expect(chime.commandCalls(UntagResourceCommand)[0].args[0].input).toEqual({ ResourceARN: ARN, TagKeys: ['env'] });
    expect(chime.commandCalls(TagResourceCommand)[0].args[0].input).toEqual({
      ResourceARN: ARN, Tags: [{ Key: 'cost', Value: 'voice' }, { Key: 'owner', Value: 'ops' }, OWNER_TAG],
    });
    expect(response).toEqual({ PhysicalResourceId: ARN, Data: { Arn: ARN, Id: CONFIG_ID, Name: 'calls' } });
    expect(chime).not.toHaveReceivedCommand(CreateMediaInsightsPipelineConfigurationCommand);
  });

  test('rollback (old and new swapped) restores the tags: the keys added removed, the removed and changed ones set back', async () => {
    chime.on(UpdateMediaInsightsPipelineConfigurationCommand).resolves(answer(ARN, 'calls'));
    chime.on(UntagResourceCommand).resolves({});
    chime.on(TagResourceCommand).resolves({});
    await onPipelineConfigurationEvent(cfnEvent('Update', TYPE, TAGGED, { PhysicalResourceId: ARN, OldResourceProperties: RETAGGED }), clock.deadline());
    expect(sent()).toEqual(['UpdateMediaInsightsPipelineConfigurationCommand', 'UntagResourceCommand', 'TagResourceCommand']);
    expect(chime.commandCalls(UntagResourceCommand)[0].args[0].input).toEqual({ ResourceARN: ARN, TagKeys: ['owner'] });
    expect(chime.commandCalls(TagResourceCommand)[0].args[0].input).toEqual({
      ResourceARN: ARN, Tags: [{ Key: 'cost', Value: 'calls' }, { Key: 'env', Value: 'prod' }, OWNER_TAG],
    });
  });

  test('removing every user tag is one UntagResource, the owner tag kept; unchanged user tags: only the owner tag is sent', async () => {
    chime.on(UpdateMediaInsightsPipelineConfigurationCommand).resolves(answer(ARN, 'calls'));
    chime.on(UntagResourceCommand).resolves({});
    chime.on(TagResourceCommand).resolves({});
    await onPipelineConfigurationEvent(cfnEvent('Update', TYPE, PROPS, { PhysicalResourceId: ARN, OldResourceProperties: TAGGED }), clock.deadline());
    expect(sent()).toEqual(['UpdateMediaInsightsPipelineConfigurationCommand', 'UntagResourceCommand', 'TagResourceCommand']);
    expect(chime).toHaveReceivedCommandWith(UntagResourceCommand, { ResourceARN: ARN, TagKeys: ['team', 'cost', 'env'] });
    expect(chime).toHaveReceivedCommandWith(TagResourceCommand, { ResourceARN: ARN, Tags: [OWNER_TAG] });
    chime.resetHistory();
    await onPipelineConfigurationEvent(cfnEvent('Update', TYPE, { ...WITH_QUEUE, Tags: TAGGED.Tags }, { PhysicalResourceId: ARN, OldResourceProperties: TAGGED }), clock.deadline());
    expect(sent()).toEqual(['UpdateMediaInsightsPipelineConfigurationCommand', 'TagResourceCommand']);
    expect(chime).toHaveReceivedCommandWith(TagResourceCommand, { ResourceARN: ARN, Tags: [OWNER_TAG] });
  });

  test('repeated delivery of a tag update sends the same commands again (each is idempotent)', async () => {
    chime.on(UpdateMediaInsightsPipelineConfigurationCommand).resolves(answer(ARN, 'calls'));
    chime.on(UntagResourceCommand).resolves({});
    chime.on(TagResourceCommand).resolves({});
    const event = cfnEvent('Update', TYPE, RETAGGED, { PhysicalResourceId: ARN, OldResourceProperties: TAGGED });
    const first = await onPipelineConfigurationEvent(event, clock.deadline());
    const second = await onPipelineConfigurationEvent(event, clock.deadline());
    expect(second).toEqual(first);
    expect(sent()).toEqual([...Array(2)].flatMap(() => ['UpdateMediaInsightsPipelineConfigurationCommand', 'UntagResourceCommand', 'TagResourceCommand']));
    const tagInputs = chime.commandCalls(TagResourceCommand).map((c) => c.args[0].input);
    expect(tagInputs[1]).toEqual(tagInputs[0]);
  });

  test('a tag update of a configuration deleted outside the stack creates it again with all its tags, under the same ARN', async () => {
    chime.on(UpdateMediaInsightsPipelineConfigurationCommand).rejects(serviceError(NotFoundException, 'not found'));
    chime.on(CreateMediaInsightsPipelineConfigurationCommand).resolves(answer(ARN, 'calls'));
    const event = cfnEvent('Update', TYPE, RETAGGED, { PhysicalResourceId: ARN, OldResourceProperties: TAGGED });
    const response = await onPipelineConfigurationEvent(event, clock.deadline());
    expect(sent()).toEqual(['UpdateMediaInsightsPipelineConfigurationCommand', 'CreateMediaInsightsPipelineConfigurationCommand']);
    expect(chime).toHaveReceivedCommandWith(CreateMediaInsightsPipelineConfigurationCommand, {
      MediaInsightsPipelineConfigurationName: 'calls',
      Tags: [{ Key: 'team', Value: 'support' }, { Key: 'cost', Value: 'voice' }, { Key: 'owner', Value: 'ops' }, OWNER_TAG],
      ClientRequestToken: requestToken(event),
    });
    expect(response.PhysicalResourceId).toBe(ARN);
  });

  test('a configuration deleted between the update and the tag calls is created again with all its tags', async () => {
    chime.on(UpdateMediaInsightsPipelineConfigurationCommand).resolves(answer(ARN, 'calls'));
    chime.on(UntagResourceCommand).rejects(serviceError(NotFoundException, 'not found'));
    chime.on(CreateMediaInsightsPipelineConfigurationCommand).resolves(answer(ARN, 'calls'));
    const response = await onPipelineConfigurationEvent(
      cfnEvent('Update', TYPE, RETAGGED, { PhysicalResourceId: ARN, OldResourceProperties: TAGGED }), clock.deadline());
    expect(sent()).toEqual(['UpdateMediaInsightsPipelineConfigurationCommand', 'UntagResourceCommand', 'CreateMediaInsightsPipelineConfigurationCommand']);
    expect(chime.commandCalls(CreateMediaInsightsPipelineConfigurationCommand)[0].args[0].input.Tags).toHaveLength(4);
    expect(response.PhysicalResourceId).toBe(ARN);
  });

  test('a tag call refused for another reason fails the update (CloudFormation rolls it back)', async () => {
    chime.on(UpdateMediaInsightsPipelineConfigurationCommand).resolves(answer(ARN, 'calls'));
    chime.on(UntagResourceCommand).resolves({});
    chime.on(TagResourceCommand).rejects(serviceError(ForbiddenException, 'not authorized to perform chime:TagResource'));
    await expect(onPipelineConfigurationEvent(cfnEvent('Update', TYPE, RETAGGED, { PhysicalResourceId: ARN, OldResourceProperties: TAGGED }), clock.deadline()))
      .rejects.toThrow('chime:TagResource');
  });

  test('a new name with new tags: one Create with the new tags, no tag calls on the old configuration', async () => {
    chime.on(CreateMediaInsightsPipelineConfigurationCommand).resolves(answer(NEW_ARN, 'calls-v2'));
    await onPipelineConfigurationEvent(cfnEvent('Update', TYPE, { ...RETAGGED, Name: 'calls-v2' }, { PhysicalResourceId: ARN, OldResourceProperties: TAGGED }), clock.deadline());
    expect(sent()).toEqual(['CreateMediaInsightsPipelineConfigurationCommand']);
    expect(chime.commandCalls(CreateMediaInsightsPipelineConfigurationCommand)[0].args[0].input.Tags).toEqual(
      [{ Key: 'team', Value: 'support' }, { Key: 'cost', Value: 'voice' }, { Key: 'owner', Value: 'ops' }, OWNER_TAG]);
  });

  test('a tag value that is not a string is refused before any call', async () => {
    await expect(onPipelineConfigurationEvent(cfnEvent('Create', TYPE, { ...PROPS, Tags: { team: ['support'] } as any }), clock.deadline()))
      .rejects.toThrow('Property Tags.team must be a string, got ["support"]');
    expect(chime.calls()).toHaveLength(0);
  });
});
