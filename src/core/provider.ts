import * as path from 'path';
import { ArnFormat, Duration, Lazy, RemovalPolicy, Size, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { Acknowledgments } from './acknowledgments';
import { acknowledgeFunction, acknowledgeRegulated, HANDLER_RUNTIME, REGULATED_ACKNOWLEDGMENTS } from './compliance';
import type { LiveMediaHandlerSettings } from './handler-settings';
import { grantsOverBudget } from './policy-budget';
import type { ScopedResource } from './policy-budget';
import { stackSingleton } from './singleton';

/**
 * The handler asset (built by the `bundle` task): our handlers bundled by
 * esbuild as index.js, and aws-cdk-lib's custom-resource entrypoint as
 * __entrypoint__.js, which answers CloudFormation (response upload with
 * retries, the failed-Create marker) and requires ./index for the rest.
 * Located relative to this module so that it is found wherever the package is
 * installed (src/core and lib/core are at the same depth).
 */
export const HANDLER_ASSET_DIR = path.join(__dirname, '..', '..', 'assets', 'handler');
const ENTRYPOINT_HANDLER = '__entrypoint__.handler';

/**
 * The logical IDs of the function and its role, which deployed stacks have had
 * since the first release. The function's must never change: a custom
 * resource's ServiceToken is its ARN, and CloudFormation refuses to modify a
 * ServiceToken.
 */
const FUNCTION_LOGICAL_ID = 'CdkLiveMediaProviderHandler5A4B8FAB';
const ROLE_LOGICAL_ID = 'CdkLiveMediaProviderRoleC883151C';

/** What the function's logs need: no AWS managed policy, only its own log group's streams. */
const LOG_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'];

/** How long one invocation of the handler may run. */
export const HANDLER_TIMEOUT = Duration.minutes(10);

/**
 * How long CloudFormation waits for an answer. The handler answers before its
 * own timeout on every path it controls; this bounds the rest (a crash of the
 * runtime itself) far below CloudFormation's default of one hour.
 */
export const SERVICE_TIMEOUT = Duration.minutes(15);

/**
 * The total length of the Resource entries of the handler role's inline
 * policy before ARNs are collapsed to per-type wildcards. IAM allows 10,240
 * characters for all inline policies of a role; the rest of the document
 * (actions, keys, the statements' syntax) takes well under 2,000.
 */
const RESOURCE_BUDGET_CHARS = 7_000;

/** The Sid of the handler's one statement on `Resource: "*"` (see `grantWithoutResourceType`). */
export const NO_RESOURCE_TYPE_SID = 'ActionsWithoutResourceType';

export type { ScopedResource } from './policy-budget';

interface Grant {
  readonly actions: string[];
  readonly resources: Map<string, ScopedResource>;
}


/** A setting's value as the user wrote it (RetentionDays by its member name). */
function describeSetting(key: keyof LiveMediaHandlerSettings, value: unknown): string {
  if (key === 'logRetention' && typeof value === 'number') return `RetentionDays.${logs.RetentionDays[value]}`;
  // A construct (a KMS key) by its path.
  if (typeof value === 'object' && value !== null) return (value as { node?: { path?: string } }).node?.path ?? String(value);
  return JSON.stringify(value);
}

/**
 * The one Lambda function per stack behind every cdk-live-media custom
 * resource, with its role and its log group, all in the construct tree
 * (Aspects, tags and cdk-nag reach them). aws-cdk-lib's custom-resource
 * entrypoint runs first (see HANDLER_ASSET_DIR); the role's inline policy
 * grows with the resources the stack's instances use.
 */
export class LiveMediaProvider extends Construct {
  /** The stack's provider, created on first use. */
  public static of(scope: Construct): LiveMediaProvider {
    return stackSingleton(scope, 'CdkLiveMediaProvider', (stack, id) => new LiveMediaProvider(stack, id));
  }

  /** The role of the handler; further policies may be attached to it. */
  public readonly role: iam.IRole;
  public readonly function: lambda.Function;
  public readonly logGroup: logs.LogGroup;
  private readonly policy = new iam.PolicyDocument({ minimize: false });
  private readonly grants = new Map<string, Grant>();
  private readonly acknowledgments: Acknowledgments;
  private readonly logStreams: string;
  private readonly actionsWithoutResourceType = new Set<string>();
  /** The functions whose logs follow `configure`: the handler, and those `adoptLogs` adds (the stage keeper's). */
  private readonly logged: { fn: lambda.Function; logGroup: logs.LogGroup }[] = [];
  /** Every setting `configure` was given, the later over the earlier. */
  private settings: LiveMediaHandlerSettings = {};
  /** The keys whose policy already lets CloudWatch Logs use them. */
  private readonly logKeys = new Set<kms.IKey>();

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    this.logGroup = newLogGroup(this);
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'cdk-live-media handler: calls the services for the custom resources of this stack',
      inlinePolicies: { Inline: this.policy },
    });
    (role.node.defaultChild as iam.CfnRole).overrideLogicalId(ROLE_LOGICAL_ID);
    this.role = role;
    this.acknowledgments = new Acknowledgments(role);
    acknowledgeRegulated(this.acknowledgments, REGULATED_ACKNOWLEDGMENTS.handlerRole);
    // The streams of its own log group only (Lambda names them at run time).
    this.logStreams = Stack.of(this).formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: `${this.logGroup.logGroupName}:log-stream:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.policy.addStatements(new iam.PolicyStatement({ actions: LOG_ACTIONS, resources: [this.logStreams] }));

    this.acknowledgeWildcards();

    this.function = new lambda.Function(this, 'Handler', {
      code: lambda.Code.fromAsset(HANDLER_ASSET_DIR),
      handler: ENTRYPOINT_HANDLER,
      runtime: HANDLER_RUNTIME,
      timeout: HANDLER_TIMEOUT,
      memorySize: Size.mebibytes(256).toMebibytes(),
      description: 'cdk-live-media: KVS image generation, IVS compositions and Chime SDK voice analytics tasks',
      role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
    });
    (this.function.node.defaultChild as lambda.CfnFunction).overrideLogicalId(FUNCTION_LOGICAL_ID);
    acknowledgeFunction(new Acknowledgments(this.function), REGULATED_ACKNOWLEDGMENTS.handlerFunction);
    this.logged.push({ fn: this.function, logGroup: this.logGroup });
  }

  /** The ARN CloudFormation calls: GetAtt of the function's (never changing) logical ID. */
  public get serviceToken(): string {
    return this.function.functionArn;
  }

  /**
   * Applies `settings` to the functions' logs (the handler's, the keeper's),
   * now and for those adopted later. A setting an earlier call gave a
   * different value fails: the last call silently winning would hide one of
   * the two intents.
   */
  public configure(settings: LiveMediaHandlerSettings): void {
    const conflicts = (Object.keys(settings) as Array<keyof LiveMediaHandlerSettings>)
      .filter((key) => settings[key] !== undefined && this.settings[key] !== undefined && this.settings[key] !== settings[key])
      .map((key) => `${key}: ${describeSetting(key, this.settings[key])} (earlier call) and ${describeSetting(key, settings[key])} (this call)`);
    if (conflicts.length > 0) {
      throw new Error(`LiveMediaHandler.configure on stack ${Stack.of(this).node.path}: called again with different settings, ${conflicts.join('; ')}. Configure each setting once per stack.`);
    }
    const given = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
    this.settings = { ...this.settings, ...given };
    for (const logged of this.logged) this.applySettings(logged.fn, logged.logGroup, given);
  }

  /**
   * Makes the logs of `fn` (JSON, in `logGroup`, made by `newLogGroup`)
   * follow the stack's handler settings, those given so far and later.
   */
  public adoptLogs(fn: lambda.Function, logGroup: logs.LogGroup): void {
    this.logged.push({ fn, logGroup });
    this.applySettings(fn, logGroup, this.settings);
  }

  private applySettings(fn: lambda.Function, logGroup: logs.LogGroup, settings: LiveMediaHandlerSettings): void {
    const cfnLogGroup = logGroup.node.defaultChild as logs.CfnLogGroup;
    if (settings.logRetention !== undefined) {
      cfnLogGroup.retentionInDays = settings.logRetention === logs.RetentionDays.INFINITE ? undefined : settings.logRetention;
    }
    if (settings.logRemovalPolicy !== undefined) logGroup.applyRemovalPolicy(settings.logRemovalPolicy);
    if (settings.applicationLogLevel !== undefined) {
      const cfnFunction = fn.node.defaultChild as lambda.CfnFunction;
      const loggingConfig = cfnFunction.loggingConfig as lambda.CfnFunction.LoggingConfigProperty;
      cfnFunction.loggingConfig = { ...loggingConfig, applicationLogLevel: settings.applicationLogLevel };
    }
    if (settings.logEncryptionKey !== undefined) {
      cfnLogGroup.kmsKeyId = settings.logEncryptionKey.keyArn;
      this.allowLogsToUse(settings.logEncryptionKey);
    }
  }

  /**
   * Lets CloudWatch Logs of the stack's Region use `key` for the log groups
   * of the stack's account (a key of another stack or account: a no-op, its
   * policy must allow it). Not scoped to the log groups' ARNs: they
   * reference the key, so naming them in its policy would be a cycle.
   */
  private allowLogsToUse(key: kms.IKey): void {
    if (this.logKeys.has(key)) return;
    this.logKeys.add(key);
    const stack = Stack.of(this);
    key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'CdkLiveMediaLogs',
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': stack.formatArn({
            service: 'logs', resource: 'log-group', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        },
      },
    }), true);
  }

  /** The name of the handler's role (a Ref): the per-kind policies (grants.ts) attach to it. */
  public get roleName(): string {
    return this.role.roleName;
  }

  /**
   * Allows the handler `actions` on `resources`. Grants of the same actions
   * share one statement. Should the policy outgrow its budget, the statements
   * with the most resources fall back to their per-type wildcards (still
   * scoped to the account and Region, never `*`).
   */
  public grant(actions: string[], ...resources: ScopedResource[]): void {
    const key = [...actions].sort().join(',');
    let grant = this.grants.get(key);
    if (!grant) {
      grant = { actions: [...actions].sort(), resources: new Map() };
      this.grants.set(key, grant);
      const g = grant;
      // One token standing for the whole list: rendered once every grant is known.
      this.policy.addStatements(new iam.PolicyStatement({
        actions: g.actions,
        resources: [Token.asString(Lazy.any({ produce: () => this.renderResources(g) }))],
      }));
    }
    for (const r of resources) grant.resources.set(r.arn, r);
    this.acknowledgeWildcards();
  }

  /**
   * Acknowledges (cdk-nag AwsSolutions-IAM5) the wildcards the policy holds
   * on purpose: resources the handler creates at deploy time (their IDs exist
   * only then) and grants collapsed to fit the policy's size limit. Each is
   * one resource type in the stack's account and Region.
   */
  private acknowledgeWildcards(): void {
    const collapsed = this.collapsedGrants();
    const ownLogs = { resource: this.logStreams, reason: `${LOG_ACTIONS.join(', ')}: Lambda names the streams of the handler's own log group at run time` };
    const withoutResourceType = this.actionsWithoutResourceType.size === 0 ? [] : [{
      resource: '*',
      reason: `${[...this.actionsWithoutResourceType].sort().join(', ')}: these actions have no resource type in the Service Authorization Reference, so IAM can only grant them on "*" (in a statement of their own)`,
    }];
    const granted = [...this.grants.values()];
    const resources = [ownLogs, ...withoutResourceType, ...granted.flatMap((grant) => [...grant.resources.values()].map((r) => collapsed.has(grant)
      ? { resource: r.typeWildcard, reason: `${grant.actions.join(', ')}: the exact ARNs of this stack's resources would exceed the role's 10,240-character inline policy limit` }
      : { resource: r.arn, reason: `${grant.actions.join(', ')}: the handler creates these resources at deploy time, so their IDs cannot be known at synth` }))];
    this.acknowledgments.setWildcardResources(this, 'cdk-live-media handler role', resources);
  }

  /**
   * Adds a statement with conditions to the role's own policy (iam:PassRole
   * of one role, KMS actions via one service): statements `grant` cannot
   * express.
   */
  public addToRolePolicy(statement: Record<string, unknown>): void {
    this.policy.addStatements(iam.PolicyStatement.fromJson(statement));
  }

  /**
   * Allows the handler `actions` that have no resource type in the Service
   * Authorization Reference (chime:CreateMediaInsightsPipelineConfiguration,
   * chime:CreateVoiceProfileDomain): IAM can only grant them on `*`. They share
   * one statement of their own, never mixed with scoped actions.
   */
  public grantWithoutResourceType(actions: string[]): void {
    if (this.actionsWithoutResourceType.size === 0) {
      this.policy.addStatements(iam.PolicyStatement.fromJson({
        Sid: NO_RESOURCE_TYPE_SID,
        Effect: 'Allow',
        Action: Lazy.list({ produce: () => [...this.actionsWithoutResourceType].sort() }),
        Resource: '*',
      }));
    }
    actions.forEach((action) => this.actionsWithoutResourceType.add(action));
    this.acknowledgeWildcards();
  }

  private renderResources(grant: Grant): string[] {
    const collapsed = this.collapsedGrants();
    const resources = [...grant.resources.values()];
    const arns = collapsed.has(grant) ? resources.map((r) => r.typeWildcard) : resources.map((r) => r.arn);
    return [...new Set(arns)];
  }

  /** The grants that must use wildcards for the policy to fit its budget, largest first. */
  private collapsedGrants(): Set<Grant> {
    return grantsOverBudget([...this.grants.values()], RESOURCE_BUDGET_CHARS);
  }
}

/**
 * A log group of the library's functions with the handler settings'
 * defaults: kept a year and retained (see LiveMediaHandlerSettings);
 * `LiveMediaProvider.adoptLogs` or `configure` then apply the stack's settings.
 */
export function newLogGroup(scope: Construct): logs.LogGroup {
  return new logs.LogGroup(scope, 'Logs', { retention: logs.RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN });
}
