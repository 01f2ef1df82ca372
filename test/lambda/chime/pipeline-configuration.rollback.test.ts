/**
 * The configuration handler when the name to create already exists: a
 * rename's rollback finds the old configuration (its cleanup Delete never
 * ran) and adopts it only when its owner tag names this stack resource.
 */
import {
  ConflictException,
  CreateMediaInsightsPipelineConfigurationCommand,
  DeleteMediaInsightsPipelineConfigurationCommand,
  GetMediaInsightsPipelineConfigurationCommand,
  ListTagsForResourceCommand,
  NotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateMediaInsightsPipelineConfigurationCommand,
} from '@aws-sdk/client-chime-sdk-media-pipelines';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import 'aws-sdk-client-mock-jest';
import { ARN as A_ARN, CONFIG_ID as A_ID, chime, NEW_ARN as B_ARN, OWNER, PROPS, ROLE, sent, STACK_ID } from './pipeline-configuration.fixtures';
import { onPipelineConfigurationEvent } from '../../../lambda/chime/pipeline-configuration';
import { OWNER_TAG_KEY, PIPELINE_CONFIGURATION_RESOURCE_TYPE as TYPE } from '../../../src/chime/pipeline-configuration.contract';
import type { PipelineConfigurationProperties } from '../../../src/chime/pipeline-configuration.contract';
import { cfnEvent } from '../../helpers/cfn';
import { serviceError, useSdkMocks } from '../../helpers/sdk-mock';

const A: PipelineConfigurationProperties = { ...PROPS, Tags: { team: 'support' } };
const B: PipelineConfigurationProperties = { ...A, Name: 'calls-v2', Tags: { team: 'voice' } };
const configuration = (arn: string, name: string, id: string) => ({
  MediaInsightsPipelineConfiguration: {
    MediaInsightsPipelineConfigurationArn: arn,
    MediaInsightsPipelineConfigurationId: id,
    MediaInsightsPipelineConfigurationName: name,
    ResourceAccessRoleArn: ROLE,
    Elements: A.Elements as any,
  },
});
/** The rollback of the rename A -> B: A's properties again, B's as the old ones, B's physical ID. */
const rollback = (extra: { RequestId?: string } = {}) => cfnEvent('Update', TYPE, A, { PhysicalResourceId: B_ARN, OldResourceProperties: B, ...extra });
/** The commands that change a configuration, by name, in the order sent. */
const changing = () => sent().filter((name) => /^(Create|Update|Delete|Tag|Untag)/.test(name));
const { clock } = useSdkMocks(chime);

/** A still exists (the rename's cleanup never ran), tagged as given. */
function aExists(tags: { Key: string; Value: string }[]): void {
  chime.on(CreateMediaInsightsPipelineConfigurationCommand, { MediaInsightsPipelineConfigurationName: 'calls' })
    .rejects(serviceError(ConflictException, 'A media insights pipeline configuration named calls already exists'));
  chime.on(GetMediaInsightsPipelineConfigurationCommand, { Identifier: 'calls' }).resolves(configuration(A_ARN, 'calls', A_ID));
  chime.on(ListTagsForResourceCommand, { ResourceARN: A_ARN }).resolves({ Tags: tags });
  chime.on(UpdateMediaInsightsPipelineConfigurationCommand, { Identifier: A_ARN }).resolves(configuration(A_ARN, 'calls', A_ID));
  chime.on(TagResourceCommand).resolves({});
  chime.on(UntagResourceCommand).resolves({});
}

describe('rollback of a rename', () => {
  test('adopts A when its owner tag names this stack resource: updated in place, A\'s physical ID, nothing deleted', async () => {
    aExists([{ Key: 'team', Value: 'support' }, { Key: OWNER_TAG_KEY, Value: OWNER }]);
    const response = await onPipelineConfigurationEvent(rollback(), clock.deadline());
    expect(response).toEqual({ PhysicalResourceId: A_ARN, Data: { Arn: A_ARN, Id: A_ID, Name: 'calls' } });
    expect(sent()).toEqual([
      'CreateMediaInsightsPipelineConfigurationCommand', 'GetMediaInsightsPipelineConfigurationCommand',
      'ListTagsForResourceCommand', 'UpdateMediaInsightsPipelineConfigurationCommand',
    ]);
    expect(chime.commandCalls(GetMediaInsightsPipelineConfigurationCommand)[0].args[0].input).toEqual({ Identifier: 'calls' });
    expect(chime.commandCalls(ListTagsForResourceCommand)[0].args[0].input).toEqual({ ResourceARN: A_ARN });
    expect(chime.commandCalls(UpdateMediaInsightsPipelineConfigurationCommand)[0].args[0].input).toEqual({
      Identifier: A_ARN, ResourceAccessRoleArn: ROLE, Elements: A.Elements,
    });
    expect(chime).not.toHaveReceivedCommand(DeleteMediaInsightsPipelineConfigurationCommand);
  });

  test('adopting sets A\'s tags to the desired ones (other keys removed, changed ones set), the owner tag kept', async () => {
    aExists([{ Key: 'team', Value: 'ops' }, { Key: 'stray', Value: 'x' }, { Key: OWNER_TAG_KEY, Value: OWNER }]);
    await onPipelineConfigurationEvent(rollback(), clock.deadline());
    expect(chime.commandCalls(UntagResourceCommand).map((c) => c.args[0].input)).toEqual([{ ResourceARN: A_ARN, TagKeys: ['stray'] }]);
    expect(chime.commandCalls(TagResourceCommand).map((c) => c.args[0].input)).toEqual([{ ResourceARN: A_ARN, Tags: [{ Key: 'team', Value: 'support' }] }]);
  });

  test('repeated delivery of the rollback adopts A again, with the same answer', async () => {
    aExists([{ Key: 'team', Value: 'support' }, { Key: OWNER_TAG_KEY, Value: OWNER }]);
    const event = rollback({ RequestId: 'rollback' });
    const first = await onPipelineConfigurationEvent(event, clock.deadline());
    const second = await onPipelineConfigurationEvent(event, clock.deadline());
    expect(second).toEqual(first);
    expect(first.PhysicalResourceId).toBe(A_ARN);
    expect(chime).toHaveReceivedCommandTimes(UpdateMediaInsightsPipelineConfigurationCommand, 2);
    expect(chime).not.toHaveReceivedCommand(DeleteMediaInsightsPipelineConfigurationCommand);
  });

  test.each([
    ['another stack', `${STACK_ID.replace('TestStack/1111', 'OtherStack/9999')}/Resource`],
    ['another resource of this stack', `${STACK_ID}/OtherResource`],
  ])('A owned by %s: a clear failure naming the conflict, nothing of A changed', async (_, owner) => {
    aExists([{ Key: OWNER_TAG_KEY, Value: owner }]);
    await expect(onPipelineConfigurationEvent(rollback(), clock.deadline()))
      .rejects.toThrow(`A media insights pipeline configuration named calls already exists (${A_ARN}) and is not this stack resource's: its ${OWNER_TAG_KEY} tag is ${owner}, expected ${OWNER}`);
    expect(changing()).toEqual(['CreateMediaInsightsPipelineConfigurationCommand']);
  });

  test('A without an owner tag (someone else\'s, or created before owner tags): a clear failure, nothing of A changed', async () => {
    aExists([{ Key: 'team', Value: 'support' }]);
    await expect(onPipelineConfigurationEvent(rollback(), clock.deadline()))
      .rejects.toThrow(`A media insights pipeline configuration named calls already exists (${A_ARN}) and is not this stack resource's: it has no ${OWNER_TAG_KEY} tag`);
    expect(changing()).toEqual(['CreateMediaInsightsPipelineConfigurationCommand']);
  });

  test('a create error when no configuration has the name is the create error', async () => {
    chime.on(CreateMediaInsightsPipelineConfigurationCommand).rejects(serviceError(ConflictException, 'Too many concurrent requests'));
    chime.on(GetMediaInsightsPipelineConfigurationCommand).rejects(serviceError(NotFoundException, 'not found'));
    await expect(onPipelineConfigurationEvent(rollback(), clock.deadline())).rejects.toThrow('Too many concurrent requests');
    expect(changing()).toEqual(['CreateMediaInsightsPipelineConfigurationCommand']);
  });
});

describe('owner tag', () => {
  test('create tags the configuration with its owner: this stack and logical ID', async () => {
    chime.on(CreateMediaInsightsPipelineConfigurationCommand).resolves(configuration(A_ARN, 'calls', A_ID));
    await onPipelineConfigurationEvent(cfnEvent('Create', TYPE, A), clock.deadline());
    expect(chime.commandCalls(CreateMediaInsightsPipelineConfigurationCommand)[0].args[0].input.Tags).toEqual([
      { Key: 'team', Value: 'support' }, { Key: OWNER_TAG_KEY, Value: OWNER },
    ]);
  });

  test('an owner that would not fit a tag value (256 characters) is its sha256, the same for every event of the resource', async () => {
    chime.on(CreateMediaInsightsPipelineConfigurationCommand).resolves(configuration(A_ARN, 'calls', A_ID));
    const long = (event: CloudFormationCustomResourceEvent) => ({ ...event, LogicalResourceId: 'L'.repeat(200) });
    await onPipelineConfigurationEvent(long(cfnEvent('Create', TYPE, A)), clock.deadline());
    await onPipelineConfigurationEvent(long(cfnEvent('Create', TYPE, A)), clock.deadline());
    const values = chime.commandCalls(CreateMediaInsightsPipelineConfigurationCommand)
      .map((c) => c.args[0].input.Tags!.find((t) => t.Key === OWNER_TAG_KEY)!.Value);
    expect(values[0]).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(values[1]).toBe(values[0]);
  });

  test('an in-place update of a configuration made before owner tags adds the owner tag; the user tags\' diff never removes it', async () => {
    chime.on(UpdateMediaInsightsPipelineConfigurationCommand).resolves(configuration(A_ARN, 'calls', A_ID));
    chime.on(TagResourceCommand).resolves({});
    chime.on(UntagResourceCommand).resolves({});
    await onPipelineConfigurationEvent(cfnEvent('Update', TYPE, { ...A, Tags: {} }, { PhysicalResourceId: A_ARN, OldResourceProperties: A }), clock.deadline());
    expect(sent()).toEqual(['UpdateMediaInsightsPipelineConfigurationCommand', 'UntagResourceCommand', 'TagResourceCommand']);
    expect(chime.commandCalls(UntagResourceCommand)[0].args[0].input).toEqual({ ResourceARN: A_ARN, TagKeys: ['team'] });
    expect(chime.commandCalls(TagResourceCommand)[0].args[0].input).toEqual({ ResourceARN: A_ARN, Tags: [{ Key: OWNER_TAG_KEY, Value: OWNER }] });
  });
});
