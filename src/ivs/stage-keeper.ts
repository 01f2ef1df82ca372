/**
 * What every IvsStageComposition of a stack shares: the FIFO queue between
 * the stages' rules and the runtime function, its dead-letter queue, the
 * function (the shared asset with another handler export) and the
 * reconciliation schedule, which puts one event on the default event bus
 * every interval for every stage's rule to match. Created with the first
 * IvsStageComposition of a stack.
 */
import { ArnFormat, Aws, Duration, Lazy, Stack, Token } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { EventBridgePutEvents } from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { IDependable } from 'constructs';
import { Construct } from 'constructs';
import { STAGE_RECONCILE_DETAIL_TYPE, STAGE_RECONCILE_SOURCE } from './stage-composition.contract';
import type { StageReconcileDetail } from './stage-composition.contract';
import { Acknowledgments } from '../core/acknowledgments';
import { typeWildcardArn } from '../core/arns';
import { acknowledgeFunction, acknowledgeRegulated, HANDLER_RUNTIME, REGULATED_ACKNOWLEDGMENTS } from '../core/compliance';
import { grantsOverBudget } from '../core/policy-budget';
import type { ScopedGrant } from '../core/policy-budget';
import { HANDLER_ASSET_DIR, LiveMediaProvider, newLogGroup } from '../core/provider';
import { stackSingleton } from '../core/singleton';

/** How long the keeper may run for one message (a check takes well under a second; SDK retries on throttling take longer). */
export const KEEPER_TIMEOUT = Duration.seconds(30);

/**
 * How long a message whose check failed stays invisible before SQS moves it
 * to the dead-letter queue (maxReceiveCount 1), and so how long it blocks its
 * stage's message group: twice the keeper's timeout. AWS advises six times
 * the function's timeout for an SQS event source, for retries while the
 * function is throttled; here a message is never retried (a check is a
 * trigger: the next scheduled one covers the stage), and a longer timeout
 * would hold the stage's later events back for minutes.
 */
export const QUEUE_VISIBILITY_TIMEOUT = Duration.seconds(KEEPER_TIMEOUT.toSeconds() * 2);

/** A failed message is received once, then moved to the dead-letter queue at its next receive. */
export const QUEUE_MAX_RECEIVE_COUNT = 1;

/**
 * How long a message stays on the queue: long enough for a failed one to be
 * moved to the dead-letter queue (one visibility timeout, plus the wait of a
 * stage's messages behind it) before it expires. How late a message may
 * still start a composition is bounded by the keeper, which drops messages
 * older than STAGE_KEEPER_MAX_MESSAGE_AGE_SECONDS, not by the retention.
 */
export const QUEUE_RETENTION = Duration.minutes(5);

/** The total length the queue policy gives the rules' ARNs before it names the account's rules instead (SQS allows 8,192 bytes for the whole policy). */
const RULE_ARNS_BUDGET_CHARS = 6_000;
const ASSUMED_RULE_ARN_CHARS = 100;

/** The total length of the keeper role's resource ARNs before they collapse to per-type wildcards (IAM allows 10,240 characters for a role's inline policies). */
const POLICY_ARNS_BUDGET_CHARS = 7_000;

export class IvsStageKeeper extends Construct {
  /** The stack's keeper, created on first use. */
  public static of(scope: Construct): IvsStageKeeper {
    return stackSingleton(scope, 'CdkLiveMediaStageKeeper', (stack, id) => new IvsStageKeeper(stack, id));
  }

  public readonly queue: sqs.Queue;
  /** Where the messages whose check failed go (kept 14 days). */
  public readonly deadLetterQueue: sqs.Queue;
  public readonly function: lambda.Function;
  /** The role EventBridge Scheduler uses to put the reconcile events on the default event bus. */
  public readonly schedulerRole: iam.Role;
  /** The reconciliation schedules, one per interval the stack's stages ask for (normally one). */
  private readonly schedules = new Map<string, scheduler.Schedule>();
  private readonly rules: events.IRule[] = [];
  /** Per action set (sorted, comma-joined): its resources by exact ARN. */
  private readonly grants = new Map<string, ScopedGrant>();
  /** cdk-nag acknowledgments of the wildcards the keeper's role holds on purpose (AwsSolutions-IAM5). */
  private readonly acknowledgments: Acknowledgments;
  private readonly logStreams: string;

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    const stack = Stack.of(this);
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      fifo: true,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      fifo: true,
      // EventBridge needs it for a FIFO target; each message holds its event's or execution's ID, so only redeliveries collapse.
      contentBasedDeduplication: true,
      enforceSSL: true,
      retentionPeriod: QUEUE_RETENTION,
      visibilityTimeout: QUEUE_VISIBILITY_TIMEOUT,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: QUEUE_MAX_RECEIVE_COUNT },
    });
    this.queue.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'StageRules',
      principals: [new iam.ServicePrincipal('events.amazonaws.com')],
      actions: ['sqs:SendMessage'],
      resources: [this.queue.queueArn],
      conditions: {
        ArnEquals: { 'aws:SourceArn': Lazy.list({ produce: () => this.ruleArns() }) },
      },
    }));

    // Kept like the handler's and following LiveMediaHandler.configure (adoptLogs below).
    const logGroup = newLogGroup(this);
    // Its own role, with its log group named instead of the managed AWSLambdaBasicExecutionRole (logs on "*").
    const role = new iam.Role(this, 'FunctionRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'cdk-live-media stage keeper: reads the stages and starts/stops their compositions',
    });
    this.logStreams = stack.formatArn({
      service: 'logs', resource: 'log-group', resourceName: `${logGroup.logGroupName}:log-stream:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [this.logStreams] }));
    this.acknowledgments = new Acknowledgments(role);
    acknowledgeRegulated(this.acknowledgments, REGULATED_ACKNOWLEDGMENTS.keeperRole);
    this.acknowledgeWildcards();
    this.function = new lambda.Function(this, 'Function', {
      role,
      description: 'cdk-live-media: keeps a composition running on each IvsStageComposition stage while someone publishes',
      code: lambda.Code.fromAsset(HANDLER_ASSET_DIR),
      handler: 'index.stageKeeper',
      runtime: HANDLER_RUNTIME,
      memorySize: 256,
      timeout: KEEPER_TIMEOUT,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
    });
    acknowledgeFunction(new Acknowledgments(this.function), REGULATED_ACKNOWLEDGMENTS.keeperFunction);
    LiveMediaProvider.of(this).adoptLogs(this.function, logGroup);
    // One message at a time per stage (FIFO group); two stages at once at most, so that many stages never burst the 5-TPS APIs.
    this.function.addEventSource(new SqsEventSource(this.queue, { batchSize: 1, maxConcurrency: 2 }));

    this.schedulerRole = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    });
    acknowledgeRegulated(new Acknowledgments(this.schedulerRole), REGULATED_ACKNOWLEDGMENTS.schedulerRole);
  }

  /**
   * The reconcile event of the stack's schedule for `interval`, created on
   * first use: a stage's rule matches it. The schedule is deleted before
   * `teardown` runs, so that nothing starts a composition after it.
   */
  public reconcileEvery(interval: Duration, teardown: IDependable): StageReconcileDetail {
    const minutes = interval.toMinutes();
    const key = Token.isUnresolved(minutes) ? Stack.of(this).resolve(minutes) : minutes;
    const detail: StageReconcileDetail = { stack: Aws.STACK_ID, intervalMinutes: typeof key === 'number' ? String(key) : Token.asString(minutes) };
    const id = typeof key === 'number' ? (key === 1 ? 'Reconcile' : `Reconcile${key}m`) : `Reconcile${this.schedules.size}`;
    let schedule = this.schedules.get(JSON.stringify(key));
    if (!schedule) {
      schedule = new scheduler.Schedule(this, id, {
        description: `cdk-live-media: reconciles the stack's stage compositions every ${typeof key === 'number' ? key : '(parameter)'} min`,
        schedule: scheduler.ScheduleExpression.rate(interval),
        target: new EventBridgePutEvents({
          eventBus: events.EventBus.fromEventBusName(this, `${id}Bus`, 'default'),
          source: STAGE_RECONCILE_SOURCE,
          detailType: STAGE_RECONCILE_DETAIL_TYPE,
          detail: scheduler.ScheduleTargetInput.fromObject(detail),
        }, {
          role: this.schedulerRole,
          // A late reconciliation is worth nothing: the next one comes an interval later.
          maxEventAge: Duration.minutes(1),
          retryAttempts: 0,
        }),
      });
      this.schedules.set(JSON.stringify(key), schedule);
    }
    schedule.node.addDependency(teardown);
    return detail;
  }

  /** Lets the queue accept the messages of `rule`. */
  public acceptFrom(rule: events.IRule): void {
    this.rules.push(rule);
  }

  /**
   * Allows the keeper function `actions` on IVS `[arn, type]` pairs (merged
   * per action set, rendered at synth). Should the ARNs of all grants outgrow
   * the role policy's budget, each is replaced by its type's wildcard in the
   * account and Region.
   */
  public grant(actions: string[], ...resources: [arn: string, type: string][]): void {
    const key = [...actions].sort().join(',');
    let grant = this.grants.get(key);
    if (!grant) {
      const g: ScopedGrant = { resources: new Map() };
      this.grants.set(key, grant = g);
      this.function.addToRolePolicy(new iam.PolicyStatement({
        actions: [...actions].sort(),
        resources: Lazy.list({
          produce: () => {
            const collapsed = this.overBudget();
            return [...new Set([...g.resources.values()].map((r) => (collapsed ? r.typeWildcard : r.arn)))];
          },
        }),
      }));
    }
    for (const [arn, type] of resources) grant.resources.set(arn, { arn, typeWildcard: this.everyIvs(type) });
    this.acknowledgeWildcards();
  }

  /** Acknowledges each wildcard of the keeper's role with why it is there. */
  private acknowledgeWildcards(): void {
    const collapsed = this.overBudget();
    const resources = [{ resource: this.logStreams, reason: 'logs:CreateLogStream, logs:PutLogEvents: Lambda names the streams of the keeper\'s own log group at run time' }];
    for (const [key, grant] of this.grants) {
      for (const { arn, typeWildcard } of grant.resources.values()) {
        resources.push(collapsed
          ? { resource: typeWildcard, reason: `${key}: the exact ARNs of the stages' resources would exceed the role's 10,240-character inline policy limit` }
          : { resource: arn, reason: `${key}: the keeper starts these compositions at run time (and stops only those with its owner tag), so their IDs cannot be known at synth` });
      }
    }
    this.acknowledgments.setWildcardResources(this.function ?? this, 'cdk-live-media stage keeper role', resources);
  }

  /** Whether the role names per-type wildcards: all its statements at once, so that one policy reads one way. */
  private overBudget(): boolean {
    return grantsOverBudget([...this.grants.values()], POLICY_ARNS_BUDGET_CHARS, { allOrNothing: true }).size > 0;
  }

  /** The ARN pattern of every `type` resource of IVS in the stack's account and Region. */
  public everyIvs(type: string): string {
    return typeWildcardArn(this, 'ivs', type);
  }

  private ruleArns(): string[] {
    const size = this.rules.reduce((n, r) => n + (Token.isUnresolved(r.ruleArn) ? ASSUMED_RULE_ARN_CHARS : r.ruleArn.length) + 3, 0);
    if (size <= RULE_ARNS_BUDGET_CHARS) return this.rules.map((r) => r.ruleArn);
    // Too many stages to name each rule: the rules of the stack's account and Region.
    return [typeWildcardArn(this, 'events', 'rule')];
  }
}
