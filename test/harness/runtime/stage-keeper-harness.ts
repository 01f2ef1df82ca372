/**
 * The stage keeper as deployed: a stack with IvsStageComposition
 * synthesized, its two functions (the keeper, `index.stageKeeper`, and the
 * shared custom resource handler) read from the cloud assembly, and what
 * EventBridge and SQS do between an IVS event and the keeper:
 * - `messageFor` fills the rule's input template as EventBridge does: each
 *   unquoted placeholder becomes its value's JSON; `scheduledMessage` does
 *   it to the reconciliation schedule's event, after matching it against
 *   the rule's pattern;
 * - `FakeFifoQueue` is the FIFO queue with content-based deduplication (5
 *   minutes) feeding the function through its event source mapping: one
 *   message in flight per message group, at most `maxConcurrency` groups.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { AssetManifestArtifact } from 'aws-cdk-lib/cx-api';
import type { HandlerFunction } from './harness-assembly';
import type { LambdaContainer } from './lambda-container';
import { IvsChannel, IvsStage, IvsStageComposition } from '../../../src';
import { resolveIntrinsics } from '../../helpers/cfn';
import { matchesPattern } from '../../helpers/event-pattern';
import { FAKE_ACCOUNT, FAKE_REGION } from '../fakes/fake-common';

export interface StageKeeperAssembly {
  readonly outdir: string;
  readonly keeper: HandlerFunction;
  readonly provider: HandlerFunction;
  /** The rule target's input template, resolved. */
  readonly ruleInput: string;
  /** The rule's event pattern, resolved. */
  readonly rulePattern: Record<string, unknown>;
  /** The event the stack's reconciliation schedule puts on the default bus (without its ID), resolved. */
  readonly scheduleEvent: { readonly 'source': string; readonly 'detail-type': string; readonly 'detail': Record<string, unknown> };
  readonly teardownProperties: Record<string, unknown>;
  readonly messageGroupId: string;
}

export function synthesizeStageKeeper(stageArn: string, channelArn: string, options: { maxRetriesPerSession?: number } = {}): StageKeeperAssembly {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-live-media-keeper-'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'KeeperHarness', { env: { account: FAKE_ACCOUNT, region: FAKE_REGION } });
  new IvsStageComposition(stack, 'Studio', {
    stage: IvsStage.fromStageArn(stageArn),
    channel: { channel: IvsChannel.fromChannelArn(channelArn) },
    tags: { project: 'studio' },
    maxRetriesPerSession: options.maxRetriesPerSession,
    retryBackoff: Duration.seconds(1),
  });
  const assembly = app.synth();
  const template = assembly.getStackByName(stack.stackName).template;
  const resources = Object.entries<any>(template.Resources);
  const manifests = assembly.artifacts.filter((a): a is AssetManifestArtifact => a instanceof AssetManifestArtifact);
  const files = manifests.flatMap((m) => Object.values<any>(JSON.parse(fs.readFileSync(m.file, 'utf8')).files ?? {}));
  const fn = (handler: string): HandlerFunction => {
    const [logicalId, r] = resources.find(([, x]) => x.Type === 'AWS::Lambda::Function' && x.Properties.Handler === handler)!;
    const asset = files.find((f) => Object.values<any>(f.destinations).some((d) => d.objectKey === r.Properties.Code.S3Key));
    return {
      logicalId,
      assetDir: path.join(outdir, asset.source.path),
      handler,
      runtime: r.Properties.Runtime,
      timeoutMs: r.Properties.Timeout * 1000,
      memoryMb: r.Properties.MemorySize,
    };
  };
  const rule = resources.find(([, r]) => r.Type === 'AWS::Events::Rule')![1];
  const schedule = resources.find(([, r]) => r.Type === 'AWS::Scheduler::Schedule')![1];
  const teardown = resources.find(([, r]) => r.Type === 'Custom::IvsStageCompositionTeardown')![1];
  return {
    outdir,
    keeper: fn('index.stageKeeper'),
    provider: fn('__entrypoint__.handler'),
    ruleInput: resolveIntrinsics(rule.Properties.Targets[0].InputTransformer.InputTemplate, {}) as string,
    rulePattern: resolveIntrinsics(rule.Properties.EventPattern, {}),
    scheduleEvent: {
      'source': schedule.Properties.Target.EventBridgeParameters.Source,
      'detail-type': schedule.Properties.Target.EventBridgeParameters.DetailType,
      'detail': JSON.parse(resolveIntrinsics(schedule.Properties.Target.Input, {}) as string),
    },
    teardownProperties: resolveIntrinsics(teardown.Properties, {}) as Record<string, unknown>,
    messageGroupId: rule.Properties.Targets[0].SqsParameters.MessageGroupId,
  };
}

/** An IVS event as EventBridge delivers it. */
export interface IvsEvent {
  readonly 'id': string;
  readonly 'detail-type': string;
  readonly 'detail': Record<string, unknown>;
}

/** The message body the rule's input transformer makes of `event`. */
export function messageFor(ruleInput: string, event: IvsEvent): string {
  return ruleInput.replace('<id>', JSON.stringify(event.id)).replace('<detail-type>', JSON.stringify(event['detail-type'])).replace('<detail>', JSON.stringify(event.detail));
}

/**
 * The message body the stage's rule makes of one execution of the stack's
 * reconciliation schedule: the schedule's event, which must match the
 * rule's pattern, through the rule's input transformer.
 */
export function scheduledMessage(assembly: StageKeeperAssembly, eventId: string): string {
  const event = { id: eventId, ...assembly.scheduleEvent };
  if (!matchesPattern(assembly.rulePattern, event)) {
    throw new Error(`The stage's rule does not match the schedule's event ${JSON.stringify(event)}: ${JSON.stringify(assembly.rulePattern)}`);
  }
  return messageFor(assembly.ruleInput, event);
}

/** A FIFO queue with content-based deduplication and the event source mapping that feeds the keeper. */
export class FakeFifoQueue {
  public readonly delivered: string[] = [];
  public readonly deduplicated: string[] = [];
  private readonly seen = new Map<string, number>();
  private readonly groups = new Map<string, Promise<void>>();

  /** `containers`: the function's warm environments; one per group in flight (the mapping's maxConcurrency). */
  constructor(private readonly containers: LambdaContainer[]) {}

  /** SendMessage: dropped when the same body was sent in the last 5 minutes; otherwise delivered after the group's earlier messages. */
  public send(groupId: string, body: string): Promise<void> {
    const hash = createHash('sha256').update(body).digest('hex');
    const at = this.seen.get(hash);
    if (at !== undefined && Date.now() - at < 5 * 60_000) {
      this.deduplicated.push(body);
      return this.groups.get(groupId) ?? Promise.resolve();
    }
    this.seen.set(hash, Date.now());
    const previous = this.groups.get(groupId) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(body));
    this.groups.set(groupId, next);
    return next;
  }

  /** Waits until every group is drained. */
  public async drained(): Promise<void> {
    await Promise.all(this.groups.values());
  }

  private async deliver(body: string): Promise<void> {
    const container = this.containers.shift();
    if (!container) throw new Error('More message groups in flight than containers: give the queue more');
    try {
      const output = await container.invoke({ Records: [{ messageId: createHash('md5').update(body).digest('hex'), body, eventSource: 'aws:sqs' }] });
      if (output.error) throw new Error(`The keeper failed: ${output.error}\n${output.logs.join('\n')}`);
      this.delivered.push(body);
    } finally {
      this.containers.push(container);
    }
  }
}
