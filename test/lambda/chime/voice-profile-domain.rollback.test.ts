/**
 * The rollback of a voice profile domain replacement (a new key): the
 * rollback Update (the old properties, the new domain's ID) answers the
 * original domain again when it still exists, is this stack resource's (owner
 * tag) and has the old key and name; otherwise, and when the lookups are
 * denied, it creates a domain as before. And no domain is started without
 * the time to delete it again.
 */
import {
  AccessDeniedException,
  CreateVoiceProfileDomainCommand,
  ForbiddenException,
  GetVoiceProfileDomainCommand,
  ListTagsForResourceCommand,
  NotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateVoiceProfileDomainCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import 'aws-sdk-client-mock-jest';
import { DOMAIN_ID, domainArnOf, KEY, NEW_DOMAIN_ID, NEW_KEY, voice } from './voice-profile-domain.fixtures';
import { onVoiceProfileDomainEvent } from '../../../lambda/chime/voice-profile-domain';
import { OWNER_TAG_KEY, REPLACES_TAG_KEY, VOICE_PROFILE_DOMAIN_RESOURCE_TYPE as TYPE } from '../../../src/chime/voice-profile-domain.contract';
import type { VoiceProfileDomainProperties } from '../../../src/chime/voice-profile-domain.contract';
import { cfnEvent } from '../../helpers/cfn';
import { DOMAIN_ARN } from '../../helpers/fixtures';
import { commandsSent, serviceError, useSdkMocks } from '../../helpers/sdk-mock';

const THIRD = '99999999-5b6a-4978-8a6b-5c4d3e2f1a0b';
const arnOf = domainArnOf;
const ORIGINAL = DOMAIN_ID;
const NEW = NEW_DOMAIN_ID;
/** cfnEvent's stack and logical ID. */
const OWNER = 'arn:aws:cloudformation:us-east-1:123456789012:stack/TestStack/11111111-2222-3333-4444-555555555555/Resource';
const OLD: VoiceProfileDomainProperties = { Name: 'callers', Description: 'Enrolled callers', KmsKeyArn: KEY, Tags: [{ Key: 'team', Value: 'support' }] };
const NEXT: VoiceProfileDomainProperties = { ...OLD, KmsKeyArn: NEW_KEY };
const sent = () => commandsSent(voice);
const { clock } = useSdkMocks(voice);

/** The rollback Update CloudFormation sends after the replacement OLD -> NEXT created NEW. */
const rollback = () => cfnEvent('Update', TYPE, OLD, { PhysicalResourceId: NEW, OldResourceProperties: NEXT, RequestId: 'rollback' });

function domainIs(id: string, key: string, tags: Record<string, string>, extra: { Name?: string; Description?: string } = {}) {
  voice.on(GetVoiceProfileDomainCommand, { VoiceProfileDomainId: id }).resolves({
    VoiceProfileDomain: {
      VoiceProfileDomainId: id,
      VoiceProfileDomainArn: arnOf(id),
      Name: 'callers',
      Description: 'Enrolled callers',
      ServerSideEncryptionConfiguration: { KmsKeyArn: key },
      ...extra,
    },
  });
  voice.on(ListTagsForResourceCommand, { ResourceARN: arnOf(id) }).resolves({ Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) });
}

/** NEW, made by the replacement, names ORIGINAL. */
const replacedOriginal = () => domainIs(NEW, NEW_KEY, { team: 'support', [OWNER_TAG_KEY]: OWNER, [REPLACES_TAG_KEY]: ORIGINAL });
const created = () => voice.on(CreateVoiceProfileDomainCommand)
  .resolves({ VoiceProfileDomain: { VoiceProfileDomainId: THIRD, VoiceProfileDomainArn: arnOf(THIRD) } });

test('the replacement tags the new domain with its owner and the domain it replaces', async () => {
  voice.on(GetVoiceProfileDomainCommand).rejects(serviceError(NotFoundException, 'not found'));
  voice.on(CreateVoiceProfileDomainCommand).resolves({ VoiceProfileDomain: { VoiceProfileDomainId: NEW, VoiceProfileDomainArn: arnOf(NEW) } });
  const response = await onVoiceProfileDomainEvent(cfnEvent('Update', TYPE, NEXT, { PhysicalResourceId: ORIGINAL, OldResourceProperties: OLD }), clock.deadline());
  expect(voice).toHaveReceivedCommandWith(CreateVoiceProfileDomainCommand, {
    ServerSideEncryptionConfiguration: { KmsKeyArn: NEW_KEY },
    Tags: [{ Key: 'team', Value: 'support' }, { Key: OWNER_TAG_KEY, Value: OWNER }, { Key: REPLACES_TAG_KEY, Value: ORIGINAL }],
  });
  expect(response.PhysicalResourceId).toBe(NEW);
});

test('the rollback answers the original (its ID, nothing created or changed), and so does a repeated delivery', async () => {
  replacedOriginal();
  domainIs(ORIGINAL, KEY, { team: 'support', [OWNER_TAG_KEY]: OWNER });
  const event = rollback();
  for (let delivery = 0; delivery < 2; delivery++) {
    const response = await onVoiceProfileDomainEvent(event, clock.deadline());
    expect(response).toEqual({ PhysicalResourceId: ORIGINAL, Data: { DomainId: ORIGINAL, DomainArn: DOMAIN_ARN } });
  }
  expect(sent()).toEqual([...Array(2)].flatMap(() => ['GetVoiceProfileDomain', 'ListTagsForResource', 'GetVoiceProfileDomain', 'ListTagsForResource']));
  expect(voice).toHaveReceivedNthCommandWith(1, GetVoiceProfileDomainCommand, { VoiceProfileDomainId: NEW });
  expect(voice).toHaveReceivedNthCommandWith(3, GetVoiceProfileDomainCommand, { VoiceProfileDomainId: ORIGINAL });
});

test('the adopted original gets the old description and tags back in place; the handler\'s own tags stay', async () => {
  replacedOriginal();
  domainIs(ORIGINAL, KEY, { team: 'sales', extra: 'x', [OWNER_TAG_KEY]: OWNER }, { Description: 'changed outside' });
  voice.on(UpdateVoiceProfileDomainCommand).resolves({});
  voice.on(UntagResourceCommand).resolves({});
  voice.on(TagResourceCommand).resolves({});
  const response = await onVoiceProfileDomainEvent(rollback(), clock.deadline());
  expect(response.PhysicalResourceId).toBe(ORIGINAL);
  expect(voice).toHaveReceivedCommandWith(UpdateVoiceProfileDomainCommand, { VoiceProfileDomainId: ORIGINAL, Name: 'callers', Description: 'Enrolled callers' });
  expect(voice).toHaveReceivedCommandWith(UntagResourceCommand, { ResourceARN: DOMAIN_ARN, TagKeys: ['extra'] });
  expect(voice).toHaveReceivedCommandWith(TagResourceCommand, { ResourceARN: DOMAIN_ARN, Tags: [{ Key: 'team', Value: 'support' }] });
  expect(voice).not.toHaveReceivedCommand(CreateVoiceProfileDomainCommand);
});

describe.each([
  ['another stack resource owns the original', () => domainIs(ORIGINAL, KEY, { [OWNER_TAG_KEY]: `${OWNER}2` })],
  ['the original has no owner tag', () => domainIs(ORIGINAL, KEY, { team: 'support' })],
  ['the original has another key', () => domainIs(ORIGINAL, NEW_KEY, { [OWNER_TAG_KEY]: OWNER })],
  ['the original has another name', () => domainIs(ORIGINAL, KEY, { [OWNER_TAG_KEY]: OWNER }, { Name: 'other' })],
  ['the original is gone', () => voice.on(GetVoiceProfileDomainCommand, { VoiceProfileDomainId: ORIGINAL }).rejects(serviceError(NotFoundException, 'not found'))],
])('%s: the rollback creates a domain as before, the original untouched', (_, original) => {
  test('Create, no change to the original', async () => {
    replacedOriginal();
    original();
    created();
    const response = await onVoiceProfileDomainEvent(rollback(), clock.deadline());
    expect(response.PhysicalResourceId).toBe(THIRD);
    expect(voice).toHaveReceivedCommandWith(CreateVoiceProfileDomainCommand, { ServerSideEncryptionConfiguration: { KmsKeyArn: KEY } });
    expect(sent().filter((c) => /^(Update|Tag|Untag)/.test(c))).toEqual([]);
  });
});

test('a new domain without a replaces tag (made before this change): the rollback creates a domain as before', async () => {
  domainIs(NEW, NEW_KEY, { team: 'support' });
  created();
  expect((await onVoiceProfileDomainEvent(rollback(), clock.deadline())).PhysicalResourceId).toBe(THIRD);
  expect(sent()).toEqual(['GetVoiceProfileDomain', 'ListTagsForResource', 'CreateVoiceProfileDomain']);
});

test.each([
  ['GetVoiceProfileDomain', () => voice.on(GetVoiceProfileDomainCommand).rejects(serviceError(AccessDeniedException, 'not authorized'))],
  ['ListTagsForResource', () => { replacedOriginal(); voice.on(ListTagsForResourceCommand).rejects(serviceError(ForbiddenException, 'not authorized')); }],
])('%s denied (the previous template\'s IAM): the rollback creates a domain as before', async (_, deny) => {
  deny();
  created();
  expect((await onVoiceProfileDomainEvent(rollback(), clock.deadline())).PhysicalResourceId).toBe(THIRD);
  expect(sent()).toContain('CreateVoiceProfileDomain');
});

test('another lookup failure fails the rollback rather than leave the original behind silently', async () => {
  voice.on(GetVoiceProfileDomainCommand).rejects(new Error('socket hang up'));
  await expect(onVoiceProfileDomainEvent(rollback(), clock.deadline())).rejects.toThrow('socket hang up');
  expect(voice).not.toHaveReceivedCommand(CreateVoiceProfileDomainCommand);
});

test('no domain is created with less time left than deleting it needs', async () => {
  created();
  await expect(onVoiceProfileDomainEvent(cfnEvent('Create', TYPE, OLD), clock.deadline(19_000))).rejects.toThrow(/Did not start voice profile domain callers/);
  expect(sent()).toEqual([]);
});
