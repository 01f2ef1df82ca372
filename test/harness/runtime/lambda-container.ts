/**
 * The Lambda execution environment: `LambdaContainer` (see lambda-runner.ts
 * for the whole picture).
 */
import { ChildProcess, execFileSync, fork } from 'child_process';
import { randomUUID } from 'crypto';
import * as path from 'path';
import type { HandlerFunction } from './harness-assembly';

// ---------------------------------------------------------------------------
// The Lambda execution environment
// ---------------------------------------------------------------------------

const RUNTIME = path.join(__dirname, 'lambda-runtime.js');
/**
 * The Node.js that runs the functions: `HARNESS_NODE` when set (CI sets it
 * to compat/node24's, the major of the functions' runtime nodejs24.x: see
 * `.ci/run`), else the one running the tests.
 */
export const HARNESS_NODE = process.env.HARNESS_NODE || process.execPath;

/** HARNESS_NODE's version (`24.22.3`), asked once. */
let harnessVersion: string | undefined;
function harnessNodeVersion(): string {
  harnessVersion ??= HARNESS_NODE === process.execPath ? process.versions.node : execFileSync(HARNESS_NODE, ['--version'], { encoding: 'utf8' }).trim().slice(1);
  return harnessVersion;
}

/** With HARNESS_NODE set, fails unless it runs the major of the function's runtime (`nodejs24.x`: 24). */
export function checkRuntime(runtime: string): void {
  if (!process.env.HARNESS_NODE) return;
  const major = harnessNodeVersion().split('.')[0];
  if (runtime !== `nodejs${major}.x`) throw new Error(`HARNESS_NODE (${HARNESS_NODE}) is Node.js ${major}, the function's runtime ${runtime}`);
}

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
    checkRuntime(fn.runtime);
    const child = fork(RUNTIME, [], {
      cwd: fn.assetDir,
      execPath: HARNESS_NODE,
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
      child.once('message', (m: any) => {
        if (m.type !== 'ready') return reject(new Error(`unexpected ${JSON.stringify(m)}`));
        // The function runs on HARNESS_NODE, not on the tests' Node.js.
        const expected = `v${harnessNodeVersion()}`;
        return m.node === expected ? resolve() : reject(new Error(`The function runs on Node.js ${m.node}, HARNESS_NODE is ${expected}`));
      });
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
