/**
 * A local fake of the three REST-JSON APIs the handler calls (Kinesis Video
 * Streams, IVS real-time, Chime SDK media pipelines), on one HTTP server on
 * 127.0.0.1 at a random port, for the real SDK v3 clients (in the bundled
 * handler or in a test) pointed at it with the AWS_ENDPOINT_URL_* variables.
 *
 * Everything about the wire comes from the services' Smithy models
 * (src/<service>/model.generated.ts and test/harness/model/<service>.generated.ts):
 * - requests are routed by method and path from each operation's `http`
 *   binding (`POST /updateImageGenerationConfiguration`,
 *   `POST /media-insights-pipelines/{Identifier}/voice-tone-analysis-tasks?operation=start`, ...);
 * - the input is assembled from the labels, query, headers and JSON body as
 *   the members' http traits say, and validated with `validateShape` against
 *   the operation's input shape; an invalid request is answered with the
 *   service's own validation error;
 * - errors are answered as restJson1 does: the status of the error shape's
 *   `httpError`, the `x-amzn-errortype` header, and a body holding the error
 *   shape's members (`Message` for KVS and Chime, `exceptionMessage` for IVS);
 * - outputs are checked against the output shape before they are sent (a
 *   fake that answers what the service never would is a bug, recorded in
 *   `problems`).
 *
 * The SigV4 credential scope of each request must name the service's signing
 * name and the fake's Region (what IAM evaluates is `<signingName>:<Operation>`).
 *
 * The services' state lives in fake-kvs.ts, fake-ivs.ts and fake-chime.ts;
 * routing and serialization helpers in fake-routing.ts; the answers on the wire
 * in fake-answers.ts.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import { RestJsonAnswers } from './fake-answers';
import { FakeChime } from './fake-chime';
import { FakeChimeVoice } from './fake-chime-voice';
import { FAKE_REGION, ServiceError } from './fake-common';
import type { FakeServiceState } from './fake-common';
import { FakeIvs } from './fake-ivs';
import { FakeKvs } from './fake-kvs';
import { RateQuotas } from './fake-quota';
import {
  VALIDATION_ERRORS, assembleInput, checkSignature, compileRoutes, matchRoute,
} from './fake-routing';
import type { Fault, FakeCall, PendingFault, Route } from './fake-routing';
import { SERVICES, shape, validateShape } from '../../helpers/model';

export { FAKE_ACCOUNT, FAKE_REGION, ServiceError } from './fake-common';
export type { Fault, FakeCall } from './fake-routing';

export class FakeServices {
  /** Starts the fake on 127.0.0.1 at a random port. */
  public static async start(): Promise<FakeServices> {
    const fake = new FakeServices();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  public readonly kvs = new FakeKvs();
  public readonly ivs = new FakeIvs();
  public readonly chime = new FakeChime();
  public readonly voice = new FakeChimeVoice();

  /** Every request received, in order. */
  public readonly calls: FakeCall[] = [];

  /** The account's rate quotas per operation (none by default): a request over its quota is throttled. */
  public readonly quotas = new RateQuotas();

  /** Bugs of the fake itself (an output its model rejects, an exception): a test should expect none. */
  public readonly problems: string[] = [];

  private readonly answer = new RestJsonAnswers(this.calls, this.problems);
  private readonly server: http.Server;
  private readonly routes: Route[];
  private readonly faults = new Map<string, PendingFault[]>();
  private readonly tokens = new Set<string>();
  private readonly started = Date.now();

  private constructor() {
    this.routes = compileRoutes();
    const states: Record<string, FakeServiceState> = { 'kinesisvideo': this.kvs, 'ivsrealtime': this.ivs, 'media-pipelines-chime': this.chime, 'voice-chime': this.voice };
    for (const route of this.routes) {
      if (!states[route.service.endpointPrefix]?.operations[route.operation]) {
        throw new Error(`The fake does not implement ${route.service.endpointPrefix} ${route.operation}`);
      }
    }
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        try {
          this.handle(req, Buffer.concat(chunks).toString('utf8'), res, states);
        } catch (error) {
          this.problems.push(`fake crashed on ${req.method} ${req.url}: ${(error as Error).stack}`);
          res.writeHead(500, { 'content-type': 'application/json', 'x-amzn-errortype': 'FakeInternalError' });
          res.end(JSON.stringify({ message: `fake crashed: ${(error as Error).message}` }));
        }
      });
    });
    // The SDK keeps connections alive; let close() end them.
    this.server.keepAliveTimeout = 1_000;
  }

  public get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  public get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /**
   * The environment that points the SDK v3 clients at the fake: one
   * AWS_ENDPOINT_URL_<SDK ID> per service, dummy credentials, the Region,
   * and no shared config or credentials files.
   */
  public clientEnvironment(): Record<string, string> {
    const env: Record<string, string> = {
      AWS_REGION: FAKE_REGION,
      AWS_DEFAULT_REGION: FAKE_REGION,
      AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKEFAKE',
      AWS_SECRET_ACCESS_KEY: 'fake-secret-access-key',
      AWS_SESSION_TOKEN: 'fake-session-token',
      AWS_CONFIG_FILE: '/nonexistent/aws-config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    };
    for (const service of Object.values(SERVICES)) {
      env[`AWS_ENDPOINT_URL_${service.sdkId.toUpperCase().replace(/ /g, '_')}`] = this.url;
    }
    return env;
  }

  /**
   * Answers the next `times` requests of `operation` (short name) with
   * `fault`, then serves normally. Faults queue up in the order injected.
   */
  public injectFault(operation: string, fault: Fault, times = 1): void {
    if (!this.routes.some((r) => r.operation === operation)) throw new Error(`No operation ${operation}`);
    const queue = this.faults.get(operation) ?? [];
    queue.push({ fault, remaining: times });
    this.faults.set(operation, queue);
  }

  /** The calls of one operation (short name), or all. */
  public callsOf(operation?: string): FakeCall[] {
    return operation ? this.calls.filter((c) => c.operation === operation) : [...this.calls];
  }

  /** The inputs of one operation's calls, in order. */
  public inputsOf(operation: string): Record<string, any>[] {
    return this.callsOf(operation).map((c) => c.input);
  }

  /**
   * Every value of an idempotency-token member (Smithy `idempotencyToken`,
   * e.g. IVS `idempotencyToken`, Chime `ClientRequestToken`) the fake
   * received since it started (reset() keeps them): values that must never
   * appear in logs.
   */
  public idempotencyTokensSeen(): string[] {
    return [...this.tokens];
  }

  /** Forgets state, faults, quotas, calls and problems. */
  public reset(): void {
    this.kvs.reset();
    this.ivs.reset();
    this.chime.reset();
    this.voice.reset();
    this.faults.clear();
    this.quotas.clear();
    this.calls.length = 0;
    this.problems.length = 0;
  }

  public async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, body: string, res: http.ServerResponse, states: Record<string, FakeServiceState>): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const segments = url.pathname.split('/').slice(1);
    // Two services may bind an operation to the same path (the Chime SDK's TagResource): the
    // SDK's user agent names the client's service (`api/<sdk id>#<version>`).
    const userAgent = String(req.headers['user-agent'] ?? '');
    const matches = this.routes
      .filter((r) => r.model.http.method === req.method)
      .map((r) => ({ r, labels: matchRoute(r, segments, url.searchParams) }))
      .filter((m) => m.labels !== undefined);
    const match = matches.length > 1
      ? matches.find((m) => userAgent.includes(`api/${m.r.service.sdkId.toLowerCase().replace(/ /g, '-')}#`))
      : matches[0];
    const route = match?.r;
    const labels = match?.labels;
    if (!route || !labels) {
      res.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'UnknownOperationException' });
      res.end(JSON.stringify({ message: `No operation for ${req.method} ${url.pathname}${url.search}` }));
      this.problems.push(`request to no operation: ${req.method} ${req.url}`);
      return;
    }
    const sdkRequest = /attempt=(\d+)/.exec(String(req.headers['amz-sdk-request'] ?? ''));
    const base = {
      service: route.service.endpointPrefix,
      operation: route.operation,
      attempt: sdkRequest ? Number(sdkRequest[1]) : undefined,
      invocationId: req.headers['amz-sdk-invocation-id'] as string | undefined,
      at: Date.now() - this.started,
    };

    let input: Record<string, any>;
    try {
      input = assembleInput(route, labels, url.searchParams, req.headers, body);
    } catch (error) {
      return this.answer.error(res, route, { ...base, input: {} }, VALIDATION_ERRORS[route.service.endpointPrefix], `Request body is not valid JSON: ${(error as Error).message}`);
    }
    const call = { ...base, input };
    const members = route.model.input ? shape(route.model.input).members ?? {} : {};
    for (const [name, member] of Object.entries(members)) {
      if (member.idempotencyToken && typeof input[name] === 'string') this.tokens.add(input[name]);
    }

    const scopeProblem = checkSignature(req.headers.authorization, route.service.signingName);
    if (scopeProblem) return this.answer.generic(res, call, 403, 'InvalidSignatureException', scopeProblem);

    if (!this.quotas.take(route.operation)) return this.answer.fault(res, route, { ...call, overQuota: true }, 'throttling');
    const fault = this.takeFault(route.operation);
    if (fault) return this.answer.fault(res, route, call, fault);

    const violations = route.model.input ? validateShape(route.model.input, input, 'input') : [];
    if (violations.length > 0) {
      return this.answer.error(res, route, { ...call, violations }, VALIDATION_ERRORS[route.service.endpointPrefix],
        `${violations.length} validation error(s) detected: ${violations.join('; ')}`);
    }

    let output: unknown;
    try {
      output = states[route.service.endpointPrefix].operations[route.operation](input);
    } catch (error) {
      if (error instanceof ServiceError) return this.answer.error(res, route, call, error.errorName, error.message);
      throw error;
    }
    this.answer.output(res, route, call, output);
  }

  private takeFault(operation: string): Fault | undefined {
    const queue = this.faults.get(operation);
    const pending = queue?.find((f) => f.remaining > 0);
    if (!pending) return undefined;
    pending.remaining--;
    return pending.fault;
  }
}
