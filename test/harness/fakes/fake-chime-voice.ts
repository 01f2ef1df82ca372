/**
 * The fake's Chime SDK voice state: voice profile domains. The same
 * ClientRequestToken with the same request answers the same domain; the key
 * must be a key ARN (an alias is a BadRequestException, as the service says).
 */
import { randomUUID } from 'crypto';
import type { FakeServiceState } from './fake-common';
import { FAKE_ACCOUNT, FAKE_REGION, ServiceError } from './fake-common';

export interface FakeDomain {
  readonly id: string;
  readonly arn: string;
  name: string;
  description?: string;
  readonly kmsKeyArn: string;
  readonly tags: Map<string, string>;
  readonly token?: string;
  readonly request: string;
}

export class FakeChimeVoice implements FakeServiceState {
  public readonly domains = new Map<string, FakeDomain>();

  public readonly operations = {
    CreateVoiceProfileDomain: (input: any) => this.create(input),
    GetVoiceProfileDomain: (input: any) => ({ VoiceProfileDomain: this.render(this.domain(input.VoiceProfileDomainId)) }),
    UpdateVoiceProfileDomain: (input: any) => this.update(input),
    DeleteVoiceProfileDomain: (input: any) => this.remove(input.VoiceProfileDomainId),
    TagResource: (input: any) => this.tag(input.ResourceARN, input.Tags),
    UntagResource: (input: any) => this.untag(input.ResourceARN, input.TagKeys),
    ListTagsForResource: (input: any) => ({ Tags: [...this.byArn(input.ResourceARN).tags].map(([Key, Value]) => ({ Key, Value })) }),
  };

  public reset(): void {
    this.domains.clear();
  }

  private domain(id: string): FakeDomain {
    const d = this.domains.get(id);
    if (!d) throw new ServiceError('NotFoundException', `Voice profile domain ${id} not found.`);
    return d;
  }

  private byArn(arn: string): FakeDomain {
    const d = [...this.domains.values()].find((x) => x.arn === arn);
    if (!d) throw new ServiceError('NotFoundException', `Resource ${arn} not found.`);
    return d;
  }

  private create(input: any) {
    const { ClientRequestToken, ...rest } = input;
    const request = JSON.stringify(rest);
    const earlier = ClientRequestToken ? [...this.domains.values()].find((d) => d.token === ClientRequestToken) : undefined;
    if (earlier && earlier.request !== request) throw new ServiceError('ConflictException', 'The ClientRequestToken was already used with a different request.');
    if (earlier) return { VoiceProfileDomain: this.render(earlier) };
    const keyArn: string = input.ServerSideEncryptionConfiguration.KmsKeyArn;
    if (!/:key\//.test(keyArn)) throw new ServiceError('BadRequestException', 'KmsKeyArn must be the ARN of a symmetric key, not an alias.');
    const id = randomUUID();
    const domain: FakeDomain = {
      id,
      arn: `arn:aws:chime:${FAKE_REGION}:${FAKE_ACCOUNT}:voice-profile-domain/${id}`,
      name: input.Name,
      description: input.Description,
      kmsKeyArn: keyArn,
      tags: new Map((input.Tags ?? []).map((t: any) => [t.Key, t.Value])),
      token: ClientRequestToken,
      request,
    };
    this.domains.set(id, domain);
    return { VoiceProfileDomain: this.render(domain) };
  }

  private update(input: any) {
    const d = this.domain(input.VoiceProfileDomainId);
    if (input.Name !== undefined) d.name = input.Name;
    if (input.Description !== undefined) d.description = input.Description;
    return { VoiceProfileDomain: this.render(d) };
  }

  private remove(id: string) {
    this.domain(id);
    this.domains.delete(id);
    return undefined;
  }

  private tag(arn: string, tags: { Key: string; Value: string }[]) {
    const d = this.byArn(arn);
    for (const t of tags) d.tags.set(t.Key, t.Value);
    return undefined;
  }

  private untag(arn: string, keys: string[]) {
    const d = this.byArn(arn);
    for (const k of keys) d.tags.delete(k);
    return undefined;
  }

  private render(d: FakeDomain) {
    return {
      VoiceProfileDomainId: d.id,
      VoiceProfileDomainArn: d.arn,
      Name: d.name,
      Description: d.description,
      ServerSideEncryptionConfiguration: { KmsKeyArn: d.kmsKeyArn },
    };
  }
}
