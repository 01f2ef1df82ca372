/**
 * The harness app and its cloud assembly: `synthesizeHarness` (see
 * lambda-runner.ts for the whole picture).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { AssetManifestArtifact } from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import type { IConstruct } from 'constructs';
import type { Invocation, LifecycleHarness } from './lambda-runner';
import { resolveIntrinsics } from '../../helpers/cfn';
import { FAKE_ACCOUNT, FAKE_REGION } from '../fakes/fake-common';

// ---------------------------------------------------------------------------
// The harness app and its cloud assembly
// ---------------------------------------------------------------------------

/** One construct's share of the harness stack. */
export interface HarnessPart {
  /** Prefix of the part's resource keys, e.g. `kvs`. */
  readonly name: string;
  /**
   * Adds the part's constructs under `scope`. Returns its custom resources
   * by variant (each an instance of the construct; keys `<name>.<variant>`),
   * and the deploy-time values of the Ref / Fn::GetAtt its properties use
   * (see `deployValues`).
   */
  add(scope: Construct): { readonly resources: Record<string, IConstruct>; readonly refs: Record<string, string> };
  /**
   * A whole lifecycle of the part's resources, with its own fake state
   * (create, update, replacement, delete, a failed create and its delete):
   * for checks over everything the handler logs. Returns every invocation.
   */
  lifecycle(h: LifecycleHarness): Promise<Invocation[]>;
}

/** A custom resource of the synthesized template. */
export interface HarnessResource {
  readonly key: string;
  readonly logicalId: string;
  readonly type: string;
  /** Its properties as a deploy would hand them over (intrinsics resolved, before stringification). */
  readonly properties: Record<string, unknown>;
}

/** The handler function, as the cloud assembly describes it. */
export interface HandlerFunction {
  readonly logicalId: string;
  /** The staged asset directory (the zip's content). */
  readonly assetDir: string;
  /** `<module>.<export>`. */
  readonly handler: string;
  readonly runtime: string;
  readonly timeoutMs: number;
  readonly memoryMb: number;
}

export interface HarnessAssembly {
  readonly outdir: string;
  readonly template: any;
  readonly handler: HandlerFunction;
  readonly resources: Record<string, HarnessResource>;
}

/** The values a deploy gives the Ref / Fn::GetAtt of `[token, value]` pairs, keyed as resolveIntrinsics wants. */
export function deployValues(scope: IConstruct, pairs: [token: string, value: string][]): Record<string, string> {
  const stack = Stack.of(scope);
  return Object.fromEntries(pairs.map(([token, value]) => {
    const resolved = stack.resolve(token);
    if (resolved?.Ref) return [resolved.Ref, value];
    if (resolved?.['Fn::GetAtt']) return [resolved['Fn::GetAtt'].join('.'), value];
    throw new Error(`${JSON.stringify(resolved)} is not a Ref or Fn::GetAtt`);
  }));
}

export const HARNESS_STACK = 'LiveMediaHarness';

export function synthesizeHarness(parts: readonly HarnessPart[]): HarnessAssembly {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-live-media-harness-'));
  const app = new App({ outdir });
  const stack = new Stack(app, HARNESS_STACK, { env: { account: FAKE_ACCOUNT, region: FAKE_REGION } });
  const refs: Record<string, string> = {};
  const byKey: Record<string, string> = {};
  for (const part of parts) {
    const scope = new Construct(stack, part.name);
    const added = part.add(scope);
    Object.assign(refs, added.refs);
    for (const [variant, construct] of Object.entries(added.resources)) {
      const custom = construct.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c) && c.cfnResourceType.startsWith('Custom::'));
      if (custom.length !== 1) throw new Error(`${part.name}.${variant} has ${custom.length} custom resources, expected 1`);
      byKey[`${part.name}.${variant}`] = stack.getLogicalId(custom[0]);
    }
  }
  const assembly = app.synth();
  const artifact = assembly.getStackByName(stack.stackName);
  const template = artifact.template;

  const functions = Object.entries<any>(template.Resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function');
  if (functions.length !== 1) throw new Error(`The harness stack has ${functions.length} Lambda functions, expected 1`);
  const [fnId, fn] = functions[0];
  const objectKey = fn.Properties.Code.S3Key;
  const manifests = assembly.artifacts.filter((a): a is AssetManifestArtifact => a instanceof AssetManifestArtifact);
  const asset = manifests
    .flatMap((m) => Object.values<any>(JSON.parse(fs.readFileSync(m.file, 'utf8')).files ?? {}))
    .find((f) => Object.values<any>(f.destinations).some((d) => d.objectKey === objectKey));
  if (!asset) throw new Error(`No file asset with object key ${objectKey} in the cloud assembly`);
  const assetDir = path.join(outdir, asset.source.path);
  for (const file of ['__entrypoint__.js', 'index.js']) {
    if (!fs.existsSync(path.join(assetDir, file))) throw new Error(`The handler asset ${assetDir} has no ${file}`);
  }
  refs[`${fnId}.Arn`] = `arn:aws:lambda:${FAKE_REGION}:${FAKE_ACCOUNT}:function:${fnId}`;

  const resources: Record<string, HarnessResource> = {};
  for (const [key, logicalId] of Object.entries(byKey)) {
    const resource = template.Resources[logicalId];
    const properties = resolveIntrinsics(resource.Properties, refs);
    const leftover = JSON.stringify(properties).match(/"(ref|getatt)-[^"]*"|"Fn::[A-Za-z]+"/g);
    if (leftover) throw new Error(`${key} (${logicalId}): no deploy value for ${leftover.join(', ')}; add it to the part's refs`);
    resources[key] = { key, logicalId, type: resource.Type, properties };
  }
  return {
    outdir,
    template,
    resources,
    handler: {
      logicalId: fnId,
      assetDir,
      handler: fn.Properties.Handler,
      runtime: fn.Properties.Runtime,
      timeoutMs: fn.Properties.Timeout * 1000,
      memoryMb: fn.Properties.MemorySize,
    },
  };
}
