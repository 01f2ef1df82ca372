/**
 * Grants under real CloudFormation ordering. An update first creates and
 * updates resources in dependency order (the handler's policies before the
 * custom resources that depend on them), then, in its cleanup phase, deletes
 * the removed resources and the old physical IDs of replaced ones under the
 * NEW template's policies, except that a resource is deleted before anything
 * it depends on: a policy resource the new template removes outlives the
 * resources that depended on it. A failed update is rolled back the same way,
 * with the templates swapped: the old policies come back first, then what the
 * failed update created is deleted.
 *
 * Four versions of one app: re-targeted constructs (stream, stage, pipeline,
 * kind), removed ones, and the last construct of a kind removed while others
 * stay. For every pair (previous, next) the exact calls the handler makes to
 * stop or remove each of the previous version's replaced and removed objects
 * must be allowed by the policies in force at that moment, and the calls that
 * start the next version's objects by the next version's policies.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnStage } from 'aws-cdk-lib/aws-ivs';
import { CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import {
  ImageDestination, IvsChannel, IvsComposition, IvsEncoderConfiguration, IvsStage, KvsImageGeneration, KvsStream,
  MediaInsightsPipeline, VoiceAnalysis, VoiceAnalyticsTask,
} from '../../src';
import { TEST_ENV } from '../helpers/fixtures';
import { handlerPolicies, isAllowed, resolver } from '../helpers/iam-policy';
import type { AttachedPolicy } from '../helpers/iam-policy';

const { account, region } = TEST_ENV;
const arn = (service: string, resource: string) => `arn:aws:${service}:${region}:${account}:${resource}`;
const streamArn = (name: string) => arn('kinesisvideo', `stream/${name}/1700000000000`);
const pipelineId = (n: number) => `0f2b4c6d-8e9f-4a1b-9c3d-00000000000${n}`;
const DOMAIN = arn('chime', 'voice-profile-domain/8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d');
const CHANNEL = IvsChannel.fromChannelArn(arn('ivs', 'channel/Ch4nnel1'));
const ENCODER = IvsEncoderConfiguration.fromEncoderConfigurationArn(arn('ivs', 'encoder-configuration/Enc0der1'));

interface Version {
  /** Each KvsImageGeneration: its stream. */
  readonly kvs: Record<string, 'cam-1 (CfnStream)' | `cam-${number}` | `arn cam-${number}`>;
  /** Each IvsComposition: its stage. */
  readonly ivs: Record<string, 'StageA (CfnStage)' | `Stage${string}`>;
  /** Each VoiceAnalyticsTask: its pipeline and kind. */
  readonly chime: Record<string, { pipeline: number; byArn?: boolean; kind: 'tone' | 'search' }>;
}

const VERSIONS: Record<string, Version> = {
  v1: {
    kvs: { Gen1: 'cam-1 (CfnStream)', Gen2: 'cam-2', Gen3: 'arn cam-3' },
    ivs: { Comp1: 'StageA (CfnStage)', Comp2: 'StageB' },
    chime: { Task1: { pipeline: 1, kind: 'tone' }, Task2: { pipeline: 2, byArn: true, kind: 'search' }, Task3: { pipeline: 3, kind: 'tone' } },
  },
  // Re-targeted: Gen1 to another stream, Comp1 to another stage, Task1 to another pipeline, Task2 to another kind; Gen2, Comp2, Task3 removed.
  v2: {
    kvs: { Gen1: 'cam-4', Gen3: 'arn cam-3' },
    ivs: { Comp1: 'StageC' },
    chime: { Task1: { pipeline: 4, kind: 'tone' }, Task2: { pipeline: 2, byArn: true, kind: 'tone' } },
  },
  // The last IvsComposition and the last VoiceAnalyticsTask removed; a KvsImageGeneration stays.
  v3: { kvs: { Gen3: 'arn cam-3' }, ivs: {}, chime: {} },
  // The last KvsImageGeneration removed; the other kinds back.
  v4: { kvs: {}, ivs: { Comp2: 'StageB' }, chime: { Task2: { pipeline: 2, byArn: true, kind: 'search' } } },
};

function synthesize(version: Version): any {
  const stack = new Stack(new App(), 'Lifecycle', { env: TEST_ENV });
  for (const [id, stream] of Object.entries(version.kvs)) {
    const name = stream.replace(/^arn | \(CfnStream\)$/g, '');
    const kvsStream = stream.endsWith('(CfnStream)')
      ? KvsStream.fromCfnStream(new CfnStream(stack, `${id}Stream`, { name, dataRetentionInHours: 24 }))
      : stream.startsWith('arn ') ? KvsStream.fromStreamArn(streamArn(name)) : KvsStream.fromStreamName(name);
    new KvsImageGeneration(stack, id, { stream: kvsStream, destination: ImageDestination.fromUri('s3://images/') });
  }
  for (const [id, stage] of Object.entries(version.ivs)) {
    const ivsStage = stage.endsWith('(CfnStage)')
      ? IvsStage.fromCfnStage(new CfnStage(stack, stage.split(' ')[0]))
      : IvsStage.fromStageArn(arn('ivs', `stage/${stage}`));
    // Each composition its own channel (one channel takes one broadcast: refused at synth); the first keeps CHANNEL.
    const channel = Object.keys(version.ivs)[0] === id ? CHANNEL : IvsChannel.fromChannelArn(arn('ivs', `channel/${id}`));
    new IvsComposition(stack, id, { stage: ivsStage, channel: { channel, encoderConfiguration: ENCODER }, tags: { team: id } });
  }
  for (const [id, { pipeline, byArn, kind }] of Object.entries(version.chime)) {
    new VoiceAnalyticsTask(stack, id, {
      mediaInsightsPipeline: byArn
        ? MediaInsightsPipeline.fromPipelineArn(arn('chime', `media-pipeline/${pipelineId(pipeline)}`))
        : MediaInsightsPipeline.fromPipelineId(pipelineId(pipeline)),
      analysis: kind === 'tone' ? VoiceAnalysis.voiceToneAnalysis() : VoiceAnalysis.speakerSearch({ voiceProfileDomainArn: DOMAIN }),
      source: KvsStream.fromStreamArn(streamArn('call')),
      waitForInProgress: false,
    });
  }
  return Template.fromStack(stack).toJSON();
}

/** What a resource's Ref / Fn::GetAtt Arn resolves to in a deploy. */
function arnOf(id: string, resource: any): string {
  switch (resource.Type) {
    case 'AWS::KinesisVideo::Stream': return streamArn(resource.Properties.Name);
    case 'AWS::IVS::Stage': return arn('ivs', `stage/${id}`);
    default: return arn('cloudformation', `resource/${id}`);
  }
}

interface Deployed {
  readonly template: any;
  readonly resolve: (v: unknown) => any;
  readonly policies: Map<string, AttachedPolicy>;
}

function deployed(version: Version): Deployed {
  const template = synthesize(version);
  const resolve = resolver(template, arnOf);
  return { template, resolve, policies: handlerPolicies(template, resolve) };
}

interface Call { readonly action: string; readonly resource: string }

const HANDLER_ONLY = ['ServiceToken', 'ServiceTimeout', 'StartTimeoutSeconds', 'WaitForInProgress', 'tags'];

/** The calls the handler makes to stop or remove the object of a custom resource with these (resolved) properties. */
function deleteCalls(id: string, type: string, p: any): Call[] {
  switch (type) {
    case 'Custom::KvsImageGeneration': {
      const stream = p.StreamARN ?? streamArn(p.StreamName);
      return ['UpdateImageGenerationConfiguration', 'DescribeImageGenerationConfiguration'].map((a) => ({ action: `kinesisvideo:${a}`, resource: stream }));
    }
    case 'Custom::IvsComposition':
      // The composition's ID is the service's, known only at deploy time.
      return ['StopComposition', 'GetComposition'].map((a) => ({ action: `ivs:${a}`, resource: arn('ivs', `composition/${id}x9Y8z7`) }));
    case 'Custom::VoiceAnalyticsTask': {
      const pipeline = p.Identifier.startsWith('arn:') ? p.Identifier : arn('chime', `media-pipeline/${p.Identifier}`);
      return ['Stop', 'Get'].map((verb) => ({ action: `chime:${verb}${p.Kind}Task`, resource: pipeline }));
    }
    default: throw new Error(`No delete calls for ${type}`);
  }
}

/** The calls the handler makes to start the object. */
function createCalls(id: string, type: string, p: any): Call[] {
  switch (type) {
    case 'Custom::KvsImageGeneration': return deleteCalls(id, type, p);
    case 'Custom::IvsComposition': {
      const used = [p.stageArn, ...p.destinations.flatMap((d: any) => [d.channel?.channelArn, d.channel?.encoderConfigurationArn])].filter(Boolean);
      const composition = arn('ivs', `composition/${id}x9Y8z7`);
      return [
        ...used.map((resource: string) => ({ action: 'ivs:StartComposition', resource })),
        { action: 'ivs:TagResource', resource: composition },
        { action: 'ivs:GetComposition', resource: composition },
      ];
    }
    case 'Custom::VoiceAnalyticsTask': {
      const pipeline = p.Identifier.startsWith('arn:') ? p.Identifier : arn('chime', `media-pipeline/${p.Identifier}`);
      return ['Start', 'Get'].map((verb) => ({ action: `chime:${verb}${p.Kind}Task`, resource: pipeline }));
    }
    default: throw new Error(`No create calls for ${type}`);
  }
}

const customResources = (d: Deployed) => Object.entries<any>(d.template.Resources).filter(([, r]) => r.Type.startsWith('Custom::'));
/** The properties the service sees, resolved: when they differ, the object is replaced. */
function serviceProps(d: Deployed, r: any): string {
  return JSON.stringify(d.resolve(Object.fromEntries(Object.entries(r.Properties).filter(([k]) => !HANDLER_ONLY.includes(k)))));
}

/**
 * The calls that would be denied when `next` is deployed over `previous`:
 * stopping each replaced object during the update (the new policies only),
 * deleting each removed one in the cleanup (the new policies, plus the
 * policy resources the new template removes that it depended on), and
 * starting each new or replaced one.
 */
function deniedCalls(previous: Deployed, next: Deployed): string[] {
  const denied: string[] = [];
  const check = (what: string, calls: Call[], policies: AttachedPolicy[]) => {
    for (const c of calls) if (!isAllowed(policies, c.action, c.resource)) denied.push(`${what}: ${c.action} on ${c.resource}`);
  };
  for (const [id, old] of customResources(previous)) {
    const now = next.template.Resources[id];
    const oldCalls = deleteCalls(id, old.Type, previous.resolve(old.Properties));
    if (now && serviceProps(previous, old) === serviceProps(next, now)) continue;
    if (now) {
      check(`${id} replaced, old object stopped`, oldCalls, [...next.policies.values()]);
    } else {
      const dependedOn = [old.DependsOn ?? []].flat() as string[];
      const outliving = dependedOn
        .filter((dep) => previous.policies.has(dep) && !next.template.Resources[dep])
        .map((dep) => previous.policies.get(dep)!);
      check(`${id} removed, deleted in the cleanup`, oldCalls, [...next.policies.values(), ...outliving]);
    }
  }
  for (const [id, r] of customResources(next)) {
    const old = previous.template.Resources[id];
    if (old && serviceProps(previous, old) === serviceProps(next, r)) continue;
    check(`${id} started`, createCalls(id, r.Type, next.resolve(r.Properties)), [...next.policies.values()]);
  }
  return denied;
}

const deployments = Object.fromEntries(Object.entries(VERSIONS).map(([name, v]) => [name, deployed(v)]));
const UPDATES: [string, string][] = [['v1', 'v2'], ['v2', 'v3'], ['v1', 'v3'], ['v3', 'v4'], ['v1', 'v4'], ['v2', 'v4']];

describe('the handler\'s grants under CloudFormation\'s update order', () => {
  test.each(UPDATES)('deploying %s then %s: every stop, delete and start is allowed when CloudFormation runs it', (from, to) => {
    expect(deniedCalls(deployments[from], deployments[to])).toEqual([]);
  });

  test.each(UPDATES)('a failed update from %s to %s rolls back: what the update created is deleted under the restored policies', (from, to) => {
    // The rollback deploys `from` over what `to` created.
    expect(deniedCalls(deployments[to], deployments[from])).toEqual([]);
  });

  test('the versions exercise what they claim: each kind re-targeted, removed, and removed last while others stay', () => {
    const types = (name: string) => new Set(customResources(deployments[name]).map(([, r]) => r.Type));
    expect([...types('v1')].sort()).toEqual(['Custom::IvsComposition', 'Custom::KvsImageGeneration', 'Custom::VoiceAnalyticsTask']);
    expect([...types('v3')]).toEqual(['Custom::KvsImageGeneration']);
    expect([...types('v4')].sort()).toEqual(['Custom::IvsComposition', 'Custom::VoiceAnalyticsTask']);
    const props = (name: string, id: string) => {
      const [, resource] = customResources(deployments[name]).find(([i]) => i.startsWith(id))!;
      return deployments[name].resolve(resource.Properties);
    };
    expect(props('v1', 'Gen1').StreamARN).toBe(streamArn('cam-1'));
    expect(props('v2', 'Gen1').StreamName).toBe('cam-4');
    expect(props('v1', 'Comp1').stageArn).not.toBe(props('v2', 'Comp1').stageArn);
    expect(props('v1', 'Task1').Identifier).not.toBe(props('v2', 'Task1').Identifier);
    expect([props('v1', 'Task2').Kind, props('v2', 'Task2').Kind]).toEqual(['SpeakerSearch', 'VoiceToneAnalysis']);
  });

  test('the last KvsImageGeneration removed (v3 to v4): only the policy it depended on, which outlives it, lets the handler delete it', () => {
    const [id, gen3] = customResources(deployments.v3).find(([, r]) => r.Type === 'Custom::KvsImageGeneration')!;
    expect(gen3.DependsOn).toContain('CdkLiveMediaKvsImageGenerationPolicy');
    expect(deployments.v4.template.Resources.CdkLiveMediaKvsImageGenerationPolicy).toBeUndefined();
    const calls = deleteCalls(id, gen3.Type, deployments.v3.resolve(gen3.Properties));
    const v4 = [...deployments.v4.policies.values()];
    const outliving = deployments.v3.policies.get('CdkLiveMediaKvsImageGenerationPolicy')!;
    expect(calls.map((c) => isAllowed(v4, c.action, c.resource))).toEqual([false, false]);
    expect(calls.map((c) => isAllowed([...v4, outliving], c.action, c.resource))).toEqual([true, true]);
  });

  test('the evaluator denies what no policy names (the check can fail)', () => {
    const policies = [...deployments.v3.policies.values()];
    expect(isAllowed(policies, 'kinesisvideo:UpdateImageGenerationConfiguration', streamArn('cam-3'))).toBe(true);
    expect(isAllowed(policies, 'ivs:StopComposition', arn('ivs', 'composition/abc'))).toBe(false);
    expect(isAllowed(policies, 'kinesisvideo:UpdateImageGenerationConfiguration', streamArn('cam-3').replace(region, 'eu-west-1'))).toBe(false);
  });
});
