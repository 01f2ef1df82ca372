import { Names, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { requireSpeakerConsent } from './consent';
import { CHIME_VOICE_MODEL } from './model-voice.generated';
import { OWNER_TAG_KEY, REPLACES_TAG_KEY, RESERVED_TAG_PREFIX, VOICE_PROFILE_DOMAIN_RESOURCE_TYPE } from './voice-profile-domain.contract';
import type { VoiceProfileDomainProperties } from './voice-profile-domain.contract';
import { typeWildcardArn } from '../core/arns';
import { KindPolicy } from '../core/grants';
import { kindResource } from '../core/kind-resource';
import { LiveMediaProvider } from '../core/provider';
import { PropValidator } from '../core/validation';

const CREATE = 'com.amazonaws.chimesdkvoice#CreateVoiceProfileDomainRequest';
const TAG = 'com.amazonaws.chimesdkvoice#Tag';

/** Properties of a `VoiceProfileDomain`. */
export interface VoiceProfileDomainProps {
  /**
   * That you give notice to and obtain consent from every speaker whose voice
   * profile the domain will hold, as the AWS Service Terms require (voiceprints
   * are biometric data). Must be true.
   */
  readonly speakerConsentAcknowledged: boolean;

  /**
   * The domain's name (1-256 of letters, digits, space, `_ . -`). Updated in place.
   *
   * @default - a name made from the construct path
   */
  readonly domainName?: string;

  /**
   * A description, up to 1024 characters. Updated in place.
   *
   * @default - none
   */
  readonly description?: string;

  /**
   * The symmetric KMS key that encrypts the domain's voice profiles (no
   * alias, no asymmetric or HMAC key). It cannot be changed: a new key
   * replaces the domain, and the old domain's voice profiles are lost unless
   * it is retained. An imported key's policy must allow the handler role
   * kms:CreateGrant, kms:Decrypt and kms:DescribeKey via chime.<region>.amazonaws.com.
   *
   * @default - a key made for the domain, with rotation, retained like the domain
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Tags, up to 50. Updated in place.
   *
   * @default - none
   */
  readonly tags?: { [key: string]: string };

  /**
   * What happens to the domain (and the key made for it) when it leaves the
   * stack. Deleting a domain deletes every voice profile enrolled in it, for
   * good: the default keeps it.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A Chime SDK voice profile domain (CreateVoiceProfileDomain, which has no
 * CloudFormation resource): where speaker search keeps voice profiles,
 * encrypted with a KMS key. Name, description and tags change in place; a new
 * key replaces the domain. Retained on stack deletion by default.
 */
export class VoiceProfileDomain extends Construct {
  /** The domain's ID. */
  public readonly domainId: string;
  /** The domain's ARN, for `VoiceAnalysis.speakerSearch`. */
  public readonly domainArn: string;
  /** The key that encrypts the domain. */
  public readonly encryptionKey: kms.IKey;

  /**
   * @param scope the construct to add it to, in the stack whose shared handler it uses
   * @param id the construct's ID, unique within `scope`
   * @param props its properties, validated at synth
   */
  constructor(scope: Construct, id: string, props: VoiceProfileDomainProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.encryptionKey = props.encryptionKey ?? new kms.Key(this, 'Key', {
      description: `Voice profile domain ${this.node.path}`,
      enableKeyRotation: true,
      removalPolicy,
    });
    const properties = this.validate(props);

    const provider = LiveMediaProvider.of(this);
    provider.grantWithoutResourceType(['chime:CreateVoiceProfileDomain']);
    const domains = typeWildcardArn(stack, 'chime', 'voice-profile-domain');
    // The delete path in the kind's own policy, which the custom resources depend on (README,
    // "Grants that outlive the resources").
    const policy = KindPolicy.of(this, 'VoiceProfileDomain');
    // Get and ListTagsForResource: the rollback of a new key finds the original domain by the tags of the new one.
    policy.grantOnType([
      'chime:DeleteVoiceProfileDomain', 'chime:GetVoiceProfileDomain', 'chime:ListTagsForResource',
      'chime:TagResource', 'chime:UntagResource', 'chime:UpdateVoiceProfileDomain',
    ], domains);
    // The administrator guide's key policy for voice analytics: the caller of
    // CreateVoiceProfileDomain lets the service create its grant on the key.
    provider.addToRolePolicy({
      Effect: 'Allow',
      Action: ['kms:CreateGrant', 'kms:Decrypt', 'kms:DescribeKey'],
      Resource: this.encryptionKey.keyArn,
      Condition: { StringEquals: { 'kms:ViaService': `chime.${stack.region}.amazonaws.com` } },
    });

    const resource = kindResource(this, 'Resource', { policy, resourceType: VOICE_PROFILE_DOMAIN_RESOURCE_TYPE, properties, removalPolicy });
    this.domainId = resource.getAttString('DomainId');
    this.domainArn = resource.getAttString('DomainArn');
  }

  private validate(props: VoiceProfileDomainProps): VoiceProfileDomainProperties {
    const v = new PropValidator(this, 'VoiceProfileDomain');
    const member = (structure: string, name: string) => CHIME_VOICE_MODEL.member(structure, name);
    requireSpeakerConsent(v, props.speakerConsentAcknowledged);
    const name = props.domainName ?? Names.uniqueResourceName(this, { maxLength: 256, separator: '-' });
    v.string('domainName', name, member(CREATE, 'Name'));
    v.string('description', props.description, member(CREATE, 'Description'));
    const keyArn = this.encryptionKey.keyArn;
    v.string('encryptionKey', keyArn, CHIME_VOICE_MODEL.member('com.amazonaws.chimesdkvoice#ServerSideEncryptionConfiguration', 'KmsKeyArn'));
    v.arnInStack('encryptionKey', keyArn, { service: 'kms', noun: 'key', resource: 'key/.+', what: 'a KMS key ARN (not an alias: the service takes none)' });
    // A token for the whole map cannot be turned into the API's list of tags.
    if (props.tags !== undefined && Token.isUnresolved(props.tags)) v.fail('tags', 'must be a map written in the app, not a token (each value may be one)');
    const tags = Token.isUnresolved(props.tags) ? [] : Object.entries(props.tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
    const tagList = CHIME_VOICE_MODEL.shape('com.amazonaws.chimesdkvoice#TagList');
    // Two of the service's tags are the handler's own (its owner, and the domain a replacement replaces).
    const max = (tagList.length?.max ?? Infinity) - 2;
    if (tags.length > max) v.fail('tags', `at most ${max} tags (the service takes ${max + 2}, two are the handler's ${OWNER_TAG_KEY} and ${REPLACES_TAG_KEY}), got ${tags.length}`);
    tags.forEach((t) => {
      v.string('tags', t.Key, member(TAG, 'Key'), 'a tag key');
      v.string('tags', t.Value, member(TAG, 'Value'), `the value of tag ${JSON.stringify(t.Key)}`);
      if (!Token.isUnresolved(t.Key) && t.Key.toLowerCase().startsWith('aws:')) v.fail('tags', `the key ${JSON.stringify(t.Key)} uses the prefix aws:, reserved for AWS`);
      if (!Token.isUnresolved(t.Key) && t.Key.toLowerCase().startsWith(RESERVED_TAG_PREFIX)) {
        v.fail('tags', `the key ${JSON.stringify(t.Key)} uses the prefix ${RESERVED_TAG_PREFIX}, reserved for the handler's own tags`);
      }
    });
    v.throwIfInvalid();
    return { Name: name, Description: props.description, KmsKeyArn: keyArn, Tags: tags };
  }
}
