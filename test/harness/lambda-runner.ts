/**
 * Drives the deployed artifact the way CloudFormation and Lambda do:
 *
 * 1. `synthesizeHarness` synthesizes a stack of harness parts (one per
 *    construct, see parts.ts) and reads, from the cloud assembly only, the
 *    template and the handler's asset: the one AWS::Lambda::Function's
 *    Code.S3Key -> the asset manifest's file asset with that object key ->
 *    its staged directory (`__entrypoint__.js` + `index.js`).
 * 2. `LambdaContainer` runs that directory in a child `node` process
 *    (lambda-runtime.js) that requires the Handler's module from the task
 *    root like the Lambda runtime does, with the function's environment set
 *    before anything loads: the SDK clients the bundle creates at module
 *    scope see the AWS_ENDPOINT_URL_* of the fake and dummy credentials. A
 *    child process, not jest's module registry: what runs is the staged file
 *    under plain Node (no jest sandbox or transforms), each container starts
 *    cold with its own module state, a container can be kept warm for
 *    several invocations as Lambda does, its console output is captured at
 *    the process's stdout/stderr (what CloudWatch would get), and a
 *    handler that overruns its timeout is killed as Lambda would.
 * 3. `ResponseServer` is the ResponseURL: HTTPS on 127.0.0.1 with a
 *    certificate made at test time; it records every PUT. aws-cdk-lib's
 *    entrypoint ignores the URL's port (see lambda-runtime.js for how the
 *    port is added back without replacing the entrypoint's own https call).
 * 4. `LifecycleHarness` ties them to the fake services and builds
 *    CloudFormation events from the template: properties resolved as a
 *    deploy would (resolveIntrinsics) and every scalar a string (cfnEvent).
 */
import { ChildProcess, fork } from 'child_process';
import { randomBytes, randomUUID } from 'crypto';
import * as fs from 'fs';
import * as https from 'https';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { AssetManifestArtifact } from 'aws-cdk-lib/cx-api';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { Construct } from 'constructs';
import type { IConstruct } from 'constructs';
import { FAKE_ACCOUNT, FAKE_REGION } from './fake-common';
import { FakeServices } from './fake-services';
import { selfSignedCertificate } from './tls';
import { cfnEvent, resolveIntrinsics } from '../helpers/cfn';

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

// ---------------------------------------------------------------------------
// The ResponseURL
// ---------------------------------------------------------------------------

/** The body the handler sends CloudFormation. */
export interface CfnResponse {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly Reason: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly PhysicalResourceId: string;
  readonly LogicalResourceId: string;
  readonly NoEcho?: boolean;
  readonly Data?: Record<string, string>;
}

export interface RecordedResponse {
  readonly method: string;
  /** The request path, with its query. */
  readonly url: string;
  readonly headers: Record<string, unknown>;
  readonly raw: string;
  readonly body: CfnResponse;
  /** Date.now() when it arrived. */
  readonly at: number;
}

/**
 * HTTPS on 127.0.0.1 at a random port, with a certificate made at test
 * time, standing in for the pre-signed S3 URL CloudFormation hands the
 * handler. Records every PUT; can refuse the next ones to exercise the
 * entrypoint's retries.
 */
export class ResponseServer {
  public static async start(): Promise<ResponseServer> {
    const server = new ResponseServer();
    await new Promise<void>((resolve) => server.server.listen(0, '127.0.0.1', resolve));
    return server;
  }

  public readonly received: RecordedResponse[] = [];
  /** Every ResponseURL handed out: none of it but the path may ever be logged. */
  public readonly issued: string[] = [];
  public readonly ca: string;
  /** How many PUTs were refused (see refuseNext). */
  public refused = 0;
  private readonly server: https.Server;
  private refuse = 0;

  private constructor() {
    const { cert, key } = selfSignedCertificate();
    this.ca = cert;
    this.server = https.createServer({ cert, key }, (req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        if (this.refuse > 0) {
          this.refuse--;
          this.refused++;
          res.writeHead(503).end();
          return;
        }
        let body: CfnResponse;
        try {
          body = JSON.parse(raw);
        } catch {
          body = { Status: 'INVALID JSON' } as any;
        }
        this.received.push({ method: req.method!, url: req.url!, headers: req.headers, raw, body, at: Date.now() });
        res.writeHead(200).end();
      });
    });
  }

  public get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** A ResponseURL shaped like CloudFormation's: the path names the resource, the query holds a signature. */
  public urlFor(event: { StackId: string; LogicalResourceId: string; RequestId: string }): string {
    const objectKey = encodeURIComponent(`${event.StackId}|${event.LogicalResourceId}|${event.RequestId}`);
    const query = 'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20260101T000000Z&X-Amz-Expires=7200' +
      `&X-Amz-Credential=AKIAFAKE${randomBytes(6).toString('hex').toUpperCase()}%2F20260101%2Fus-east-1%2Fs3%2Faws4_request` +
      `&X-Amz-SignedHeaders=host&X-Amz-Signature=${randomBytes(32).toString('hex')}`;
    const url = `https://127.0.0.1:${this.port}/${objectKey}?${query}`;
    this.issued.push(url);
    return url;
  }

  /** Answers the next `n` PUTs with 503. */
  public refuseNext(n: number): void {
    this.refuse = n;
  }

  public responsesTo(requestId: string): RecordedResponse[] {
    return this.received.filter((r) => r.body.RequestId === requestId);
  }

  public async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

// ---------------------------------------------------------------------------
// The Lambda execution environment
// ---------------------------------------------------------------------------

const RUNTIME = path.join(__dirname, 'lambda-runtime.js');
/** How long past the function's timeout the parent waits for the child before it kills it. */
const KILL_GRACE_MS = 2_000;

export interface InvocationOutput {
  /** The lines the function printed during the invocation (stdout and stderr). */
  readonly logs: string[];
  /** Invocation start to the runtime's result, ms. */
  readonly durationMs: number;
  /** The function ran past its timeout and was killed. */
  readonly timedOut: boolean;
  /**
   * The handler export rejected, or the runtime died (Lambda would record a
   * function error and retry the asynchronous invocation).
   */
  readonly error?: string;
}

/** One warm Lambda execution environment: a child process running lambda-runtime.js. */
export class LambdaContainer {
  public static async start(fn: HandlerFunction, environment: Record<string, string>): Promise<LambdaContainer> {
    const child = fork(RUNTIME, [], {
      cwd: fn.assetDir,
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        TZ: 'UTC',
        LANG: 'en_US.UTF-8',
        LAMBDA_TASK_ROOT: fn.assetDir,
        _HANDLER: fn.handler,
        AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
        AWS_LAMBDA_FUNCTION_NAME: fn.logicalId,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        ...environment,
      },
    });
    const container = new LambdaContainer(child, fn);
    await container.ready;
    return container;
  }

  /** Every line printed, from start to now. */
  public readonly output: string[] = [];
  private readonly ready: Promise<void>;
  private readonly partial = { stdout: '', stderr: '' };
  private readonly waiting = new Map<string, () => void>();
  private exited = false;

  private constructor(private readonly child: ChildProcess, public readonly fn: HandlerFunction) {
    for (const stream of ['stdout', 'stderr'] as const) {
      child[stream]!.setEncoding('utf8');
      child[stream]!.on('data', (chunk: string) => this.collect(stream, chunk));
    }
    this.ready = new Promise((resolve, reject) => {
      child.once('message', (m: any) => (m.type === 'ready' ? resolve() : reject(new Error(`unexpected ${JSON.stringify(m)}`))));
      child.once('exit', (code) => reject(new Error(`The function failed to initialize (exit ${code}):\n${this.output.join('\n')}`)));
    });
    child.on('exit', () => (this.exited = true));
  }

  /** Invokes the function with `event`, its context's deadline `timeoutMs` away (default: the function's timeout). */
  public async invoke(event: unknown, timeoutMs = this.fn.timeoutMs): Promise<InvocationOutput> {
    if (this.exited) throw new Error('The container is gone');
    const id = randomUUID();
    const firstLine = this.output.length;
    const started = Date.now();
    const markers = Promise.all(['stdout', 'stderr'].map((s) => new Promise<void>((resolve) => this.waiting.set(`${s}:${id}`, resolve))));
    const result = new Promise<{ ok: boolean; error?: string } | 'timeout' | 'exit'>((resolve) => {
      const done = (outcome: { ok: boolean; error?: string } | 'timeout' | 'exit') => {
        clearTimeout(timer);
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
        resolve(outcome);
      };
      const timer = setTimeout(() => {
        // Lambda ends an invocation that runs past the function's timeout.
        this.child.kill('SIGKILL');
        done('timeout');
      }, timeoutMs + KILL_GRACE_MS);
      const onMessage = (m: any) => m.type === 'result' && m.id === id && done(m);
      const onExit = () => done('exit');
      this.child.on('message', onMessage);
      this.child.on('exit', onExit);
    });
    this.child.send({ type: 'invoke', id, event, timeoutMs, awsRequestId: id });
    const outcome = await result;
    if (typeof outcome === 'object') await markers;
    return {
      logs: this.output.slice(firstLine),
      durationMs: Date.now() - started,
      timedOut: outcome === 'timeout',
      error: outcome === 'exit' ? 'The runtime exited during the invocation' : typeof outcome === 'object' && !outcome.ok ? outcome.error : undefined,
    };
  }

  public async stop(): Promise<void> {
    if (this.exited) return;
    const exit = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill();
    await exit;
  }

  private collect(stream: 'stdout' | 'stderr', chunk: string): void {
    const lines = (this.partial[stream] + chunk).split('\n');
    this.partial[stream] = lines.pop()!;
    for (const line of lines) {
      const marker = /^<<harness:end:(.+)>>$/.exec(line);
      if (marker) this.waiting.get(`${stream}:${marker[1]}`)?.();
      else if (line !== '') this.output.push(line);
    }
  }
}

// ---------------------------------------------------------------------------
// CloudFormation
// ---------------------------------------------------------------------------

export interface EventOptions {
  /** The resource's logical ID in the template CloudFormation deploys. @default 'Resource' */
  readonly logicalId?: string;
  /** Update and Delete: the physical ID CloudFormation has. */
  readonly physicalId?: string;
  /** Update: the resource key whose properties are the old ones. */
  readonly old?: string;
  /** Replaces properties (after resolution, before stringification): for malformed input. */
  readonly properties?: Record<string, unknown>;
}

export interface Invocation extends InvocationOutput {
  readonly event: CloudFormationCustomResourceEvent;
  /** The last response the ResponseURL received for this request. */
  readonly response?: CfnResponse;
  /** Its size in bytes. */
  readonly responseBytes: number;
  /** How many PUTs arrived for this request. */
  readonly puts: number;
  /** Invocation start to the (last) response, ms. */
  readonly respondedAfterMs?: number;
  /** Date.now() when the last answer reached the response server. */
  readonly respondedAt?: number;
}

/** The fake services, the ResponseURL and the synthesized harness stack, and Lambda containers to run its handler. */
export class LifecycleHarness {
  public static async start(parts: readonly HarnessPart[]): Promise<LifecycleHarness> {
    const assembly = synthesizeHarness(parts);
    const [fake, responses] = await Promise.all([FakeServices.start(), ResponseServer.start()]);
    return new LifecycleHarness(assembly, fake, responses);
  }

  /** Every line every container printed, for checks over a whole lifecycle. */
  public readonly logs: string[] = [];
  private readonly containers: LambdaContainer[] = [];

  private constructor(public readonly assembly: HarnessAssembly, public readonly fake: FakeServices, public readonly responses: ResponseServer) {}

  public resource(key: string): HarnessResource {
    const r = this.assembly.resources[key];
    if (!r) throw new Error(`No harness resource ${key}; there are ${Object.keys(this.assembly.resources).join(', ')}`);
    return r;
  }

  /** A CloudFormation event for `key`'s resource, as CloudFormation sends it (every scalar a string). */
  public event(requestType: 'Create' | 'Update' | 'Delete', key: string, options: EventOptions = {}): CloudFormationCustomResourceEvent {
    const resource = this.resource(key);
    const event = cfnEvent(requestType, resource.type, options.properties ?? resource.properties, {
      RequestId: randomUUID(),
      PhysicalResourceId: options.physicalId,
      OldResourceProperties: options.old ? this.resource(options.old).properties : undefined,
    });
    const serviceToken = (resource.properties as { ServiceToken: string }).ServiceToken;
    const withIds = { ...event, ServiceToken: serviceToken, LogicalResourceId: options.logicalId ?? 'Resource' };
    return { ...withIds, ResponseURL: this.responses.urlFor(withIds) } as CloudFormationCustomResourceEvent;
  }

  /** A new (cold) container, kept for reuse until the harness stops. */
  public async container(): Promise<LambdaContainer> {
    const container = await LambdaContainer.start(this.assembly.handler, {
      ...this.fake.clientEnvironment(),
      HARNESS_RESPONSE_PORT: String(this.responses.port),
      HARNESS_RESPONSE_CA: this.responses.ca,
    });
    this.containers.push(container);
    return container;
  }

  /**
   * Invokes the handler with `event` in `container` (default: a new, cold
   * one) with its deadline `timeoutMs` away, and collects what
   * CloudFormation received.
   */
  public async invoke(
    event: CloudFormationCustomResourceEvent,
    options: { timeoutMs?: number; container?: LambdaContainer } = {},
  ): Promise<Invocation> {
    const container = options.container ?? await this.container();
    const started = Date.now();
    const output = await container.invoke(event, options.timeoutMs);
    this.logs.push(...output.logs);
    const puts = this.responses.responsesTo(event.RequestId);
    const last = puts[puts.length - 1];
    if (!options.container) await container.stop();
    return {
      ...output,
      event,
      response: last?.body,
      responseBytes: last ? Buffer.byteLength(last.raw) : 0,
      puts: puts.length,
      respondedAfterMs: last ? last.at - started : undefined,
      respondedAt: last?.at,
    };
  }

  /** Stops every container, the fake and the response server; removes the cloud assembly. */
  public async stop(): Promise<void> {
    await Promise.all(this.containers.map((c) => c.stop()));
    await Promise.all([this.fake.stop(), this.responses.stop()]);
    fs.rmSync(this.assembly.outdir, { recursive: true, force: true });
  }
}
