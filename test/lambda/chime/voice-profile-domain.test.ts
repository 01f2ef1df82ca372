/**
 * The voice profile domain handler (Chime SDK voice, client loaded on first
 * use): create, in-place update of name, description and tags, replacement
 * on a new key, rollback, delete, delete when gone, failed create, repeated delivery.
 */
import {
  BadRequestException,
  ConflictException,
  CreateVoiceProfileDomainCommand,
  DeleteVoiceProfileDomainCommand,
  GetVoiceProfileDomainCommand,
  NotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateVoiceProfileDomainCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import 'aws-sdk-client-mock-jest';
import { DOMAIN_ID, domainArnOf, KEY, NEW_DOMAIN_ID, NEW_KEY, voice } from './voice-profile-domain.fixtures';
import { onVoiceProfileDomainEvent } from '../../../lambda/chime/voice-profile-domain';
import { requestToken } from '../../../lambda/shared/request-token';
import { OWNER_TAG_KEY, VOICE_PROFILE_DOMAIN_RESOURCE_TYPE as TYPE } from '../../../src/chime/voice-profile-domain.contract';
import type { VoiceProfileDomainProperties } from '../../../src/chime/voice-profile-domain.contract';
import { cfnEvent } from '../../helpers/cfn';
import { DOMAIN_ARN } from '../../helpers/fixtures';
import { commandsSent, serviceError, useSdkMocks } from '../../helpers/sdk-mock';

const PROPS: VoiceProfileDomainProperties = {
  Name: 'callers', Description: 'Enrolled callers', KmsKeyArn: KEY, Tags: [{ Key: 'team', Value: 'support' }, { Key: 'cost', Value: 'a' }],
};
const domain = (id: string) => ({ VoiceProfileDomain: { VoiceProfileDomainId: id, VoiceProfileDomainArn: domainArnOf(id) } });
/** cfnEvent's stack and logical ID. */
const OWNER = 'arn:aws:cloudformation:us-east-1:123456789012:stack/TestStack/11111111-2222-3333-4444-555555555555/Resource';
const sent = () => commandsSent(voice);
const { clock } = useSdkMocks(voice);

describe('Create', () => {
  test('creates the domain encrypted with the key, with a token of the request (the SDK sends none here)', async () => {
    voice.on(CreateVoiceProfileDomainCommand).resolves(domain(DOMAIN_ID));
    const event = cfnEvent('Create', TYPE, PROPS);
    const response = await onVoiceProfileDomainEvent(event, clock.deadline());
    expect(sent()).toEqual(['CreateVoiceProfileDomain']);
    expect(voice).toHaveReceivedCommandWith(CreateVoiceProfileDomainCommand, {
      Name: 'callers', Description: 'Enrolled callers', ServerSideEncryptionConfiguration: { KmsKeyArn: KEY }, Tags: [...PROPS.Tags, { Key: OWNER_TAG_KEY, Value: OWNER }], ClientRequestToken: requestToken(event),
    });
    expect(response).toEqual({ PhysicalResourceId: DOMAIN_ID, Data: { DomainId: DOMAIN_ID, DomainArn: DOMAIN_ARN } });
  });

  test('repeated delivery sends the same token', async () => {
    voice.on(CreateVoiceProfileDomainCommand).resolves(domain(DOMAIN_ID));
    const event = cfnEvent('Create', TYPE, PROPS, { RequestId: 'same' });
    await onVoiceProfileDomainEvent(event, clock.deadline());
    await onVoiceProfileDomainEvent(event, clock.deadline());
    const tokens = voice.commandCalls(CreateVoiceProfileDomainCommand).map((c) => c.args[0].input.ClientRequestToken);
    expect(tokens).toEqual([requestToken(event), requestToken(event)]);
  });

  test('a domain busy with another call (ConflictException) is retried', async () => {
    voice.on(CreateVoiceProfileDomainCommand).rejectsOnce(serviceError(ConflictException, 'Multiple instances')).resolves(domain(DOMAIN_ID));
    await expect(onVoiceProfileDomainEvent(cfnEvent('Create', TYPE, PROPS), clock.deadline())).resolves.toMatchObject({ PhysicalResourceId: DOMAIN_ID });
  });

  test('a failed create fails with the service error and created nothing', async () => {
    voice.on(CreateVoiceProfileDomainCommand).rejects(serviceError(BadRequestException, 'The key is asymmetric'));
    await expect(onVoiceProfileDomainEvent(cfnEvent('Create', TYPE, PROPS), clock.deadline())).rejects.toThrow('The key is asymmetric');
    expect(sent()).toEqual(['CreateVoiceProfileDomain']);
  });
});

describe('Update', () => {
  test('name, description and tags change in place: same physical ID, only the tag differences sent', async () => {
    voice.on(UpdateVoiceProfileDomainCommand).resolves(domain(DOMAIN_ID));
    voice.on(UntagResourceCommand).resolves({});
    voice.on(TagResourceCommand).resolves({});
    const next = { ...PROPS, Name: 'known-callers', Description: undefined, Tags: [{ Key: 'team', Value: 'sales' }, { Key: 'env', Value: 'prod' }] };
    const response = await onVoiceProfileDomainEvent(cfnEvent('Update', TYPE, next, { PhysicalResourceId: DOMAIN_ID, OldResourceProperties: PROPS }), clock.deadline());
    expect(sent()).toEqual(['UpdateVoiceProfileDomain', 'UntagResource', 'TagResource']);
    expect(voice).toHaveReceivedCommandWith(UpdateVoiceProfileDomainCommand, { VoiceProfileDomainId: DOMAIN_ID, Name: 'known-callers', Description: '' });
    expect(voice).toHaveReceivedCommandWith(UntagResourceCommand, { ResourceARN: DOMAIN_ARN, TagKeys: ['cost'] });
    expect(voice).toHaveReceivedCommandWith(TagResourceCommand, { ResourceARN: DOMAIN_ARN, Tags: [{ Key: 'team', Value: 'sales' }, { Key: 'env', Value: 'prod' }] });
    expect(response.PhysicalResourceId).toBe(DOMAIN_ID);
  });

  test('rollback restores the old name and tags in place', async () => {
    voice.on(UpdateVoiceProfileDomainCommand).resolves(domain(DOMAIN_ID));
    voice.on(TagResourceCommand).resolves({});
    await onVoiceProfileDomainEvent(cfnEvent('Update', TYPE, PROPS, { PhysicalResourceId: DOMAIN_ID, OldResourceProperties: { ...PROPS, Name: 'x', Tags: [{ Key: 'team', Value: 'support' }] } }), clock.deadline());
    expect(voice).toHaveReceivedCommandWith(UpdateVoiceProfileDomainCommand, { Name: 'callers', Description: 'Enrolled callers' });
    expect(voice).toHaveReceivedCommandWith(TagResourceCommand, { Tags: [{ Key: 'cost', Value: 'a' }] });
    expect(voice).not.toHaveReceivedCommand(UntagResourceCommand);
  });

  test('a new key replaces the domain: a new domain under a new physical ID', async () => {
    voice.on(GetVoiceProfileDomainCommand).rejects(serviceError(NotFoundException, 'not found'));
    voice.on(CreateVoiceProfileDomainCommand).resolves(domain(NEW_DOMAIN_ID));
    const response = await onVoiceProfileDomainEvent(cfnEvent('Update', TYPE, { ...PROPS, KmsKeyArn: NEW_KEY }, { PhysicalResourceId: DOMAIN_ID, OldResourceProperties: PROPS }), clock.deadline());
    expect(sent()).toEqual(['GetVoiceProfileDomain', 'CreateVoiceProfileDomain']);
    expect(voice).toHaveReceivedCommandWith(CreateVoiceProfileDomainCommand, { ServerSideEncryptionConfiguration: { KmsKeyArn: NEW_KEY } });
    expect(response.PhysicalResourceId).toBe(NEW_DOMAIN_ID);
  });
});

describe('Delete', () => {
  test('deletes the domain by ID', async () => {
    voice.on(DeleteVoiceProfileDomainCommand).resolves({});
    await expect(onVoiceProfileDomainEvent(cfnEvent('Delete', TYPE, PROPS, { PhysicalResourceId: DOMAIN_ID }), clock.deadline())).resolves.toEqual({});
    expect(voice).toHaveReceivedCommandWith(DeleteVoiceProfileDomainCommand, { VoiceProfileDomainId: DOMAIN_ID });
  });

  test('a domain already gone is success, and so is a repeated Delete', async () => {
    voice.on(DeleteVoiceProfileDomainCommand).rejects(serviceError(NotFoundException, 'not found'));
    const event = cfnEvent('Delete', TYPE, PROPS, { PhysicalResourceId: DOMAIN_ID });
    await expect(onVoiceProfileDomainEvent(event, clock.deadline())).resolves.toEqual({});
    await expect(onVoiceProfileDomainEvent(event, clock.deadline())).resolves.toEqual({});
  });
});
