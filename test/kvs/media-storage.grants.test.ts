/**
 * KvsMediaStorageConfiguration's grants under CloudFormation's ordering (see
 * test/core/grants-lifecycle.test.ts for the rules): a configuration moved to
 * another channel releases and removes the old channel's under the NEW
 * template's policy; a removed one, and the last one of the kind, is deleted
 * in the cleanup under the new policies plus the kind policy it depended on.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnSignalingChannel, CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import { ImageDestination, KvsImageGeneration, KvsMediaStorageConfiguration, KvsSignalingChannel, KvsStream } from '../../src';
import { TEST_ENV } from '../helpers/fixtures';
import { handlerPolicies, isAllowed, resolver } from '../helpers/iam-policy';
import type { AttachedPolicy } from '../helpers/iam-policy';

const kvsArn = (type: 'channel' | 'stream', name: string) => `arn:aws:kinesisvideo:${TEST_ENV.region}:${TEST_ENV.account}:${type}/${name}/1700000000000`;

/** Each configuration: its channel and its stream (`(Cfn)`: an L1 of the app; `arn `: imported by ARN; else by name). */
type Version = Record<string, { channel: string; stream: string }>;

const VERSIONS: Record<string, Version> = {
  v1: { Doorbell: { channel: 'doorbell (Cfn)', stream: 'porch (Cfn)' }, Intercom: { channel: 'intercom', stream: 'garage' } },
  // Doorbell moved to another channel keeping its stream (the old channel releases it); Intercom removed.
  v2: { Doorbell: { channel: 'arn lobby', stream: 'porch (Cfn)' } },
  // The last one of the kind removed.
  v3: {},
};

function synthesize(version: Version): any {
  const stack = new Stack(new App(), 'Grants', { env: TEST_ENV });
  // Another kind stays in every version: the handler and its role outlive the last KvsMediaStorageConfiguration.
  new KvsImageGeneration(stack, 'Keep', { stream: KvsStream.fromStreamName('other'), destination: ImageDestination.fromUri('s3://images/') });
  const ref = (value: string, cfn: (name: string) => any, byArn: (arn: string) => any, byName: (name: string) => any, type: 'channel' | 'stream') => {
    const name = value.replace(/^arn | \(Cfn\)$/g, '');
    if (value.endsWith('(Cfn)')) return cfn(name);
    return value.startsWith('arn ') ? byArn(kvsArn(type, name)) : byName(name);
  };
  for (const [id, { channel, stream }] of Object.entries(version)) {
    new KvsMediaStorageConfiguration(stack, id, {
      channel: ref(channel, (name) => KvsSignalingChannel.fromCfnSignalingChannel(new CfnSignalingChannel(stack, `${id}Channel`, { name })),
        KvsSignalingChannel.fromChannelArn, KvsSignalingChannel.fromChannelName, 'channel'),
      stream: ref(stream, (name) => KvsStream.fromCfnStream(new CfnStream(stack, `${id}Stream`, { name, dataRetentionInHours: 24 })),
        KvsStream.fromStreamArn, KvsStream.fromStreamName, 'stream'),
      acceptPeerToPeerEnd: true,
    });
  }
  const template = Template.fromStack(stack).toJSON();
  const resolve = resolver(template, (id, r) => (r.Type === 'AWS::KinesisVideo::SignalingChannel'
    ? kvsArn('channel', r.Properties.Name)
    : r.Type === 'AWS::KinesisVideo::Stream' ? kvsArn('stream', r.Properties.Name) : `arn:aws:cloudformation:::resource/${id}`));
  return { template, resolve, policies: handlerPolicies(template, resolve) };
}

interface Call { readonly action: string; readonly resource: string }

/** The calls the handler makes on a configuration with these (resolved) properties: lookups by name, then Describe and Update. */
function calls(p: any, creating: boolean): Call[] {
  const channel = p.ChannelARN ?? kvsArn('channel', p.ChannelName);
  return [
    ...(p.ChannelName ? [{ action: 'kinesisvideo:DescribeSignalingChannel', resource: channel }] : []),
    ...(creating && p.StreamName ? [{ action: 'kinesisvideo:DescribeStream', resource: kvsArn('stream', p.StreamName) }] : []),
    { action: 'kinesisvideo:DescribeMediaStorageConfiguration', resource: channel },
    { action: 'kinesisvideo:UpdateMediaStorageConfiguration', resource: channel },
  ];
}

function deniedCalls(previous: any, next: any): string[] {
  const denied: string[] = [];
  const check = (what: string, cs: Call[], policies: AttachedPolicy[]) => {
    for (const c of cs) if (!isAllowed(policies, c.action, c.resource)) denied.push(`${what}: ${c.action} on ${c.resource}`);
  };
  const customs = (d: any) => Object.entries<any>(d.template.Resources).filter(([, r]) => r.Type === 'Custom::KvsMediaStorage');
  for (const [id, old] of customs(previous)) {
    const now = next.template.Resources[id];
    const oldProps = previous.resolve(old.Properties);
    if (now) {
      // Released during the update, deleted in the cleanup: the new template's policies.
      check(`${id} moved, old channel released and removed`, calls(oldProps, false), [...next.policies.values()]);
    } else {
      const outliving = [old.DependsOn ?? []].flat().filter((dep: string) => previous.policies.has(dep) && !next.template.Resources[dep])
        .map((dep: string) => previous.policies.get(dep)!);
      check(`${id} removed, deleted in the cleanup`, calls(oldProps, false), [...next.policies.values(), ...outliving]);
    }
  }
  for (const [id, r] of customs(next)) check(`${id} written`, calls(next.resolve(r.Properties), true), [...next.policies.values()]);
  return denied;
}

const deployments = Object.fromEntries(Object.entries(VERSIONS).map(([name, v]) => [name, synthesize(v)]));

test.each([['v1', 'v2'], ['v2', 'v3'], ['v1', 'v3'], ['v2', 'v1'], ['v3', 'v1']])('%s -> %s (and its rollback): every call the handler makes is allowed when it makes it', (from, to) => {
  expect(deniedCalls(deployments[from], deployments[to])).toEqual([]);
  expect(deniedCalls(deployments[to], deployments[from])).toEqual([]);
});

test('the check can fail: without the kind policy outliving its last resource, the cleanup Delete is denied', () => {
  const v3 = deployments.v3;
  const resources = Object.fromEntries(Object.entries<any>(deployments.v2.template.Resources)
    .map(([id, r]) => [id, r.Type === 'Custom::KvsMediaStorage' ? { ...r, DependsOn: [] } : r]));
  const noOutliving = { ...deployments.v2, template: { Resources: resources } };
  expect(deniedCalls(noOutliving, v3)).toEqual(expect.arrayContaining([expect.stringMatching(/^Doorbell\w* removed, deleted in the cleanup: kinesisvideo:UpdateMediaStorageConfiguration on .*channel\/lobby\//)]));
});
