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
 *
 * 1 lives in harness-assembly.ts, 2 in lambda-container.ts, 3 in
 * response-server.ts; this module re-exports them.
 */
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { synthesizeHarness } from './harness-assembly';
import type { HarnessAssembly, HarnessPart, HarnessResource } from './harness-assembly';
import { checkRuntime, LambdaContainer } from './lambda-container';
import type { InvocationOutput } from './lambda-container';
import { ResponseServer } from './response-server';
import type { CfnResponse } from './response-server';
import { cfnEvent } from '../../helpers/cfn';
import { FakeServices } from '../fakes/fake-services';

export { HARNESS_STACK, deployValues, synthesizeHarness } from './harness-assembly';
export type { HandlerFunction, HarnessAssembly, HarnessPart, HarnessResource } from './harness-assembly';
export { LambdaContainer } from './lambda-container';
export type { InvocationOutput } from './lambda-container';
export { ResponseServer } from './response-server';
export type { CfnResponse, RecordedResponse } from './response-server';

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
    // Before any server starts: a HARNESS_NODE of another major fails the suite at once.
    checkRuntime(assembly.handler.runtime);
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

  /** Delivers `event` twice to one warm container (CloudFormation's repeated delivery); both invocations, in order. */
  public async invokeTwice(event: CloudFormationCustomResourceEvent): Promise<[Invocation, Invocation]> {
    const container = await this.container();
    const first = await this.invoke(event, { container });
    const second = await this.invoke(event, { container });
    await container.stop();
    return [first, second];
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
