/**
 * Scale: 150 instances of each construct in one stack. One handler function
 * for all of them; every role's inline policies within IAM's 10,240
 * characters; no statement on Resource "*" (past its budget the provider
 * collapses ARNs to per-type wildcards, still scoped to the account and
 * Region: see src/core/provider.ts). The figures are printed.
 *
 * To add a construct: one line in SCALE_FACTORIES (a factory that adds
 * instance `i` to a scope, with no other resource per instance if it can:
 * the combined stack must stay under CloudFormation's 500 resources).
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import type { Construct } from 'constructs';
import {
  ImageDestination, IvsChannel, IvsComposition, IvsEncoderConfiguration, IvsStage, IvsStorageConfiguration,
  KvsImageGeneration, KvsStream, MediaInsightsPipeline, VoiceAnalysis, VoiceAnalyticsTask,
} from '../src';

const INSTANCES = 150;
const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
/** IAM's limit on all inline policies of one role together (whitespace not counted). */
const MAX_INLINE_POLICY_CHARS = 10_240;
/** CloudFormation's limit on resources per stack. */
const MAX_STACK_RESOURCES = 500;
/** What a Ref / Fn::GetAtt of a resource is counted as once resolved (an ARN; generous). */
const ASSUMED_RESOLVED_CHARS = 110;
/** Pseudo parameters, counted at their longest. */
const LONGEST_PSEUDO: Record<string, string> = {
  'AWS::Partition': 'aws-us-gov',
  'AWS::Region': 'ap-southeast-5',
  'AWS::AccountId': '123456789012',
  'AWS::URLSuffix': 'amazonaws.com.cn',
};

type ScaleFactory = (scope: Construct, i: number) => void;

const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
const ENCODER = IvsEncoderConfiguration.fromEncoderConfigurationArn(arn('ivs', 'encoder-configuration/Hd720'));

/** One factory per construct, adding no other resource per instance: the combined stack uses them all. */
const SCALE_FACTORIES: Record<string, ScaleFactory> = {
  KvsImageGeneration: (scope, i) => new KvsImageGeneration(scope, `Images${i}`, {
    stream: KvsStream.fromStreamName(`camera-${i}`),
    destination: ImageDestination.fromUri(`s3://images/camera-${i}/`),
  }),
  IvsComposition: (scope, i) => new IvsComposition(scope, `Composition${i}`, {
    stage: IvsStage.fromStageArn(arn('ivs', `stage/Stage${i}`)),
    channel: { channel: IvsChannel.fromChannelArn(arn('ivs', `channel/Channel${i}`)), encoderConfiguration: ENCODER },
    s3: { storageConfiguration: IvsStorageConfiguration.fromStorageConfigurationArn(arn('ivs', `storage-configuration/Storage${i}`)), encoderConfiguration: ENCODER },
  }),
  VoiceAnalyticsTask: (scope, i) => new VoiceAnalyticsTask(scope, `Task${i}`, {
    mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineId(`0f0e0d0c-0b0a-4909-8807-${String(i).padStart(12, '0')}`),
    analysis: VoiceAnalysis.voiceToneAnalysis(),
    source: KvsStream.fromStreamArn(arn('kinesisvideo', `stream/call-${i}/1700000000000`)),
    waitForInProgress: false,
  }),
};

/** More shapes of the same constructs, measured alone. */
const EXTRA_FACTORIES: Record<string, ScaleFactory> = {
  'KvsImageGeneration on CfnStreams': (scope, i) => new KvsImageGeneration(scope, `Images${i}`, {
    stream: KvsStream.fromCfnStream(new CfnStream(scope, `Stream${i}`, { name: `camera-${i}`, dataRetentionInHours: 24 })),
    destination: ImageDestination.fromUri(`s3://images/camera-${i}/`),
  }),
};

interface Figures {
  readonly name: string;
  readonly instances: number;
  readonly resources: number;
  readonly functions: number;
  readonly roles: { readonly id: string; readonly chars: number; readonly statements: any[] }[];
}

interface SynthOptions {
  readonly env?: { account?: string; region?: string };
  readonly instances?: number;
}

function synthesize(name: string, factories: ScaleFactory[], options: SynthOptions = {}): Figures {
  const instances = options.instances ?? INSTANCES;
  const stack = new Stack(new App(), 'Scale', { env: options.env ?? { account: ACCOUNT, region: REGION } });
  factories.forEach((factory, f) => {
    for (let i = 0; i < instances; i++) factory(stack, f * instances + i);
  });
  return figuresOf(name, Template.fromStack(stack).toJSON(), factories.length * instances);
}

function figuresOf(name: string, template: any, instances: number): Figures {
  const resources = Object.entries<any>(template.Resources);
  const roles = resources.filter(([, r]) => r.Type === 'AWS::IAM::Role').map(([id, role]) => {
    const documents = [
      ...(role.Properties.Policies ?? []).map((p: any) => p.PolicyDocument),
      ...resources
        .filter(([, r]) => r.Type === 'AWS::IAM::Policy' && (r.Properties.Roles ?? []).some((ref: any) => ref.Ref === id))
        .map(([, r]) => r.Properties.PolicyDocument),
    ];
    return {
      id,
      chars: documents.reduce((n, d) => n + JSON.stringify(conservativelyResolved(d)).length, 0),
      statements: documents.flatMap((d) => d.Statement),
    };
  });
  return {
    name,
    instances,
    resources: resources.length,
    functions: resources.filter(([, r]) => r.Type === 'AWS::Lambda::Function').length,
    roles,
  };
}

/** A policy document as IAM would count it: intrinsics replaced by values at least as long as any they resolve to. */
function conservativelyResolved(value: any): any {
  if (Array.isArray(value)) return value.map(conservativelyResolved);
  if (value === null || typeof value !== 'object') return value;
  if ('Ref' in value) return LONGEST_PSEUDO[value.Ref] ?? 'x'.repeat(ASSUMED_RESOLVED_CHARS);
  if ('Fn::Join' in value) return value['Fn::Join'][1].map(conservativelyResolved).join(value['Fn::Join'][0]);
  if (Object.keys(value).some((k) => k.startsWith('Fn::'))) return 'x'.repeat(ASSUMED_RESOLVED_CHARS);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, conservativelyResolved(v)]));
}

/** A Resource entry with the pseudo parameters of the deploy (partition aws), or undefined for a Ref / GetAtt of one resource. */
function deployedArn(resource: any, env: Record<string, string>): string | undefined {
  if (typeof resource === 'string') return resource;
  if (resource.Ref && !resource.Ref.startsWith('AWS::')) return undefined;
  if (resource['Fn::GetAtt']) return undefined;
  if (resource.Ref) return env[resource.Ref];
  if (resource['Fn::Join']) return resource['Fn::Join'][1].map((p: any) => deployedArn(p, env) ?? '<resource>').join(resource['Fn::Join'][0]);
  throw new Error(`Unexpected Resource entry ${JSON.stringify(resource)}`);
}

/** The Resource entries of every statement the constructs granted (not the handler's logs), as deployed in partition aws (undefined: one resource's Ref/GetAtt). */
function resourcesOf(f: Figures, env: Record<string, string> = { 'AWS::Partition': 'aws' }): (string | undefined)[] {
  const granted = (s: any) => ![s.Action].flat().every((a: string) => a.startsWith('logs:'));
  return f.roles.flatMap((r) => r.statements.filter(granted).flatMap((s) => [s.Resource].flat())).map((r) => deployedArn(r, env));
}

/** A per-type wildcard: every resource of one type in one account and Region. */
const TYPE_WILDCARD = /^arn:[^:]+:[^:]+:[^:]*:[^:]*:[a-z-]+(\/\*)+$/;

const printed: Figures[] = [];
const thresholds: string[] = [];
afterAll(() => {
  const rows = printed.map((f) => {
    const resources = resourcesOf(f, { 'AWS::Partition': 'aws', 'AWS::Region': REGION, 'AWS::AccountId': ACCOUNT });
    const wildcards = resources.filter((r) => r !== undefined && TYPE_WILDCARD.test(r)).length;
    const chars = Math.max(...f.roles.map((r) => r.chars));
    return `${f.name.padEnd(40)} | ${String(f.instances).padStart(9)} | ${String(f.resources).padStart(9)} | ${String(f.functions).padStart(9)} | ` +
      `${String(f.roles.length).padStart(5)} | ${`${chars} / ${MAX_INLINE_POLICY_CHARS}`.padStart(13)} | ${String(resources.length).padStart(9)} | ${wildcards}`;
  });
  console.log([
    `Scale figures (${INSTANCES} instances per construct; policy characters without whitespace, a Ref/GetAtt of a resource counted as ${ASSUMED_RESOLVED_CHARS})`,
    `${'stack'.padEnd(40)} | instances | resources | functions | roles | policy chars  | Resources | per-type wildcards`,
    ...rows,
    ...thresholds,
  ].join('\n'));
});

function expectWithinLimits(f: Figures) {
  printed.push(f);
  expect(f.functions).toBe(1);
  expect(f.resources).toBeLessThanOrEqual(MAX_STACK_RESOURCES);
  for (const role of f.roles) {
    expect({ role: role.id, chars: role.chars }).toEqual({ role: role.id, chars: expect.any(Number) });
    expect(role.chars).toBeLessThanOrEqual(MAX_INLINE_POLICY_CHARS);
    for (const statement of role.statements) {
      expect(statement.NotResource).toBeUndefined();
      for (const resource of [statement.Resource].flat()) expect(resource).not.toBe('*');
    }
  }
}

/** Every Resource that is not a single resource's Ref/GetAtt is an ARN in this account and Region, wildcards only after the resource type. */
function expectScopedToAccountAndRegion(f: Figures, env: Record<string, string>, account: string, region: string) {
  for (const statement of f.roles.flatMap((r) => r.statements)) {
    for (const resource of [statement.Resource].flat()) {
      const deployed = deployedArn(resource, env);
      if (deployed === undefined) continue;
      const [prefix, partition, service, arnRegion, arnAccount, ...rest] = deployed.split(':');
      expect({ prefix, partition, region: arnRegion, account: arnAccount }).toEqual({ prefix: 'arn', partition: 'aws', region, account });
      expect(service).not.toContain('*');
      // A resource type, then an ID (or a wildcard for each part of it: stream/*/* is stream/<name>/<creationTime>),
      // or the streams of the handler's own log group (one group, a Ref of it).
      expect(rest.join(':')).toMatch(/^([a-z-]+\/([^*]*(\*)?|\*\/\*)|log-group:<resource>:log-stream:\*)$/);
    }
  }
}

describe(`${INSTANCES} instances`, () => {
  const each = { ...SCALE_FACTORIES, ...EXTRA_FACTORIES };
  test.each(Object.keys(each))('%s: one function, inline policies within the limit, nothing on *, scoped to the account and Region', (name) => {
    const figures = synthesize(name, [each[name]]);
    expectWithinLimits(figures);
    expectScopedToAccountAndRegion(figures, { 'AWS::Partition': 'aws' }, ACCOUNT, REGION);
  });

  test(`every construct together (${Object.keys(SCALE_FACTORIES).join(', ')})`, () => {
    const figures = synthesize('every construct together', Object.values(SCALE_FACTORIES));
    expectWithinLimits(figures);
    expectScopedToAccountAndRegion(figures, { 'AWS::Partition': 'aws' }, ACCOUNT, REGION);
  });

  test('an environment-agnostic stack: the collapsed policy is scoped to the deploy\'s account and Region', () => {
    const figures = synthesize('every construct, environment-agnostic', Object.values(SCALE_FACTORIES), { env: {} });
    expectWithinLimits(figures);
    const env = { 'AWS::Partition': 'aws', 'AWS::Region': 'eu-west-1', 'AWS::AccountId': '210987654321' };
    expectScopedToAccountAndRegion(figures, env, '210987654321', 'eu-west-1');
  });

  test('past the budget the start path collapses to per-type wildcards; below it, exact ARNs (the delete path is per type at any scale)', () => {
    const everyPipeline = `arn:aws:chime:${REGION}:${ACCOUNT}:media-pipeline/*`;
    const small = synthesize('VoiceAnalyticsTask x3', [SCALE_FACTORIES.VoiceAnalyticsTask], { instances: 3 });
    expect(resourcesOf(small)).toEqual([
      ...[0, 1, 2].map((i) => `arn:aws:chime:${REGION}:${ACCOUNT}:media-pipeline/0f0e0d0c-0b0a-4909-8807-${String(i).padStart(12, '0')}`),
      everyPipeline,
    ]);
    const large = synthesize('VoiceAnalyticsTask', [SCALE_FACTORIES.VoiceAnalyticsTask]);
    expect(resourcesOf(large)).toEqual([everyPipeline, everyPipeline]);
    // KvsImageGeneration's start and delete paths are the same two calls: per type at any scale.
    expect(resourcesOf(synthesize('KvsImageGeneration x3', [SCALE_FACTORIES.KvsImageGeneration], { instances: 3 })))
      .toEqual([`arn:aws:kinesisvideo:${REGION}:${ACCOUNT}:stream/*/*`]);
  });

  test.each(Object.keys(SCALE_FACTORIES))('%s: how many instances keep exact ARNs (printed)', (name) => {
    // Wildcards a construct needs at any scale (IvsComposition: composition/*, IDs known only at deploy) do not count.
    const wildcards = (n: number) => resourcesOf(synthesize(name, [SCALE_FACTORIES[name]], { instances: n }))
      .filter((r) => r !== undefined && TYPE_WILDCARD.test(r)).length;
    const inherent = wildcards(1);
    if (inherent === resourcesOf(synthesize(name, [SCALE_FACTORIES[name]], { instances: 1 })).length) {
      thresholds.push(`${name}: no exact-ARN statement, per-type ARNs of the account and Region at any scale (${inherent})`);
      return;
    }
    const exact = (n: number) => wildcards(n) === inherent;
    let [low, high] = [1, INSTANCES];
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (exact(mid)) low = mid;
      else high = mid - 1;
    }
    const at = synthesize(name, [SCALE_FACTORIES[name]], { instances: low });
    thresholds.push(`${name}: exact ARNs up to ${low} instances in one stack (inline policy ${Math.max(...at.roles.map((r) => r.chars))} chars), ` +
      `per-type wildcards beyond${inherent ? ` (${inherent} wildcard(s) at any scale)` : ''}`);
    expect(low).toBeGreaterThanOrEqual(20);
  });
});
