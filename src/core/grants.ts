import { Lazy, Stack } from 'aws-cdk-lib';
import { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { IConstruct } from 'constructs';
import { Acknowledgments } from './acknowledgments';
import type { AcknowledgedResource } from './acknowledgments';
import { acknowledgeRegulated, REGULATED_ACKNOWLEDGMENTS } from './compliance';
import { grantsOverBudget } from './policy-budget';
import type { ScopedResource } from './policy-budget';
import { LiveMediaProvider } from './provider';
import { stackSingleton } from './singleton';

/**
 * The total length of the exact-ARN Resource entries of every kind's policy
 * before the largest statements collapse to per-type wildcards. IAM allows
 * 10,240 characters for all inline policies of a role together (an
 * AWS::IAM::Policy attached to it counts); three documents of a few
 * statements each take well under 3,000.
 */
const RESOURCE_BUDGET_CHARS = 6_500;


interface Grant {
  readonly actions: string[];
  /** Exact ARNs (start path), collapsed to their per-type wildcards when the budget runs out. */
  readonly resources: Map<string, ScopedResource>;
  /** Always a per-type wildcard (delete path). */
  readonly onType: boolean;
}

/**
 * The handler's permissions for one construct kind (KvsImageGeneration,
 * IvsComposition, VoiceAnalyticsTask): one AWS::IAM::Policy per kind and
 * stack, attached to the shared handler's role, with a stable logical ID
 * (`CdkLiveMedia<Kind>Policy`). Every custom resource of the kind depends on
 * it, so CloudFormation deletes the last resource of a kind before the
 * policy that lets the handler delete it.
 *
 * Two kinds of statements:
 * - `grantOnType`: the delete path (stop, get, remove). Always on the per-type
 *   ARN pattern of the account and Region, so that an object a previous
 *   template named (a re-targeted or removed resource, deleted in the
 *   cleanup phase under the NEW template's policy) stays deletable.
 * - `grant`: the start path, on exact ARNs while all kinds' statements fit
 *   their shared budget, then (largest statements first) on the per-type
 *   ARN pattern.
 */
export class KindPolicy {
  /** The kind's policy in the stack of `scope`, created on first use. */
  public static of(scope: IConstruct, kind: string): KindPolicy {
    return HandlerGrants.of(scope).policy(kind);
  }

  private readonly statements = new Map<string, Grant>();
  /** cdk-nag acknowledgments of the wildcards this policy holds on purpose (AwsSolutions-IAM5). */
  private readonly acknowledgments: Acknowledgments;

  /** For HandlerGrants. */
  constructor(private readonly grants: HandlerGrants, readonly resource: CfnPolicy) {
    this.acknowledgments = new Acknowledgments(resource);
    this.acknowledgments.setWildcardResources(this.resource, 'cdk-live-media handler policy',
      () => this.wildcardResources(this.grants.collapsedGrants()));
    acknowledgeRegulated(this.acknowledgments, REGULATED_ACKNOWLEDGMENTS.kindPolicy);
  }

  /** Allows `actions` on `resources` (exact ARNs while the budget lasts). */
  public grant(actions: string[], ...resources: ScopedResource[]): void {
    const grant = this.statement(actions, false);
    for (const r of resources) grant.resources.set(r.arn, r);
    this.grants.changed();
  }

  /** Allows `actions` on every resource of a type in the account and Region (`typeWildcard`). */
  public grantOnType(actions: string[], typeWildcard: string): void {
    this.statement(actions, true).resources.set(typeWildcard, { arn: typeWildcard, typeWildcard });
    this.grants.changed();
  }

  /** For HandlerGrants: which grants are collapsed changed, so the acknowledgments must be made again. */
  public invalidateAcknowledgments(): void {
    this.acknowledgments.invalidate();
  }

  /** Each wildcard of the policy with why it is there. */
  private wildcardResources(collapsed: Set<Grant>): AcknowledgedResource[] {
    return this.grantList.flatMap((grant) => [...grant.resources.values()].map((r) => {
      const actions = grant.actions.join(', ');
      if (grant.onType) {
        return { resource: r.typeWildcard, reason: `${actions}: the delete path must reach objects a previous template named, which CloudFormation deletes under this template's policy` };
      }
      return collapsed.has(grant)
        ? { resource: r.typeWildcard, reason: `${actions}: the exact ARNs of this stack's resources would exceed the role's 10,240-character inline policy limit` }
        : { resource: r.arn, reason: `${actions}: the resource is chosen by the service at deploy time, so its ID cannot be known at synth` };
    }));
  }

  /** Makes `resource` (a custom resource of the kind) depend on the policy: created after it, deleted before it. */
  public attach(resource: IConstruct): void {
    resource.node.addDependency(this.resource);
  }

  /** For HandlerGrants. */
  public get grantList(): Grant[] {
    return [...this.statements.values()];
  }

  /** For HandlerGrants. */
  public render(): object {
    return {
      Version: '2012-10-17',
      Statement: this.grantList.map((g) => ({ Effect: 'Allow', Action: g.actions, Resource: this.grants.resourcesOf(g) })),
    };
  }

  private statement(actions: string[], onType: boolean): Grant {
    const sorted = [...new Set(actions)].sort();
    const key = `${onType ? 'type' : 'exact'}:${sorted.join(',')}`;
    let grant = this.statements.get(key);
    if (!grant) {
      grant = { actions: sorted, resources: new Map(), onType };
      this.statements.set(key, grant);
    }
    return grant;
  }
}

/** Every kind's policy of one stack, and the budget they share. A construct without resources. */
class HandlerGrants extends Construct {
  public static of(scope: IConstruct): HandlerGrants {
    return stackSingleton(scope, 'CdkLiveMediaGrants', (stack, id) => new HandlerGrants(stack, id));
  }

  private readonly policies = new Map<string, KindPolicy>();
  /** The grants of the last `collapsedGrants`, until a grant changes them. */
  private collapsed?: Set<Grant>;

  public policy(kind: string): KindPolicy {
    let policy = this.policies.get(kind);
    if (!policy) {
      const stack = Stack.of(this);
      // Directly under the stack: the logical ID is the ID itself, stable across releases.
      const resource = new CfnPolicy(stack, `CdkLiveMedia${kind}Policy`, {
        policyName: `CdkLiveMedia${kind}`,
        roles: [LiveMediaProvider.of(stack).roleName],
        policyDocument: Lazy.any({ produce: () => policy!.render() }),
      });
      policy = new KindPolicy(this, resource);
      this.policies.set(kind, policy);
    }
    return policy;
  }

  /**
   * A grant was added: which grants are collapsed may change, so every
   * kind's acknowledgments are made again when next read.
   */
  public changed(): void {
    this.collapsed = undefined;
    for (const policy of this.policies.values()) policy.invalidateAcknowledgments();
  }

  /** A statement's Resource: its exact ARNs, or their per-type wildcards when collapsed. */
  public resourcesOf(grant: Grant): string[] {
    const resources = [...grant.resources.values()];
    const collapsed = grant.onType || this.collapsedGrants().has(grant);
    return [...new Set(resources.map((r) => (collapsed ? r.typeWildcard : r.arn)))];
  }

  /** The exact-ARN grants that must use wildcards for all policies to fit the budget, largest first. */
  public collapsedGrants(): Set<Grant> {
    if (!this.collapsed) {
      const exact = [...this.policies.values()].flatMap((p) => p.grantList).filter((g) => !g.onType);
      this.collapsed = grantsOverBudget(exact, RESOURCE_BUDGET_CHARS);
    }
    return this.collapsed;
  }
}
