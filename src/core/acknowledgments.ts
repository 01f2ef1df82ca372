import { AspectPriority, Aspects, CfnResource, Stack, Token, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** One cdk-nag 2 suppression, as `NagSuppressions` writes it into a resource's `cdk_nag` metadata. */
interface NagV2Suppression {
  readonly id: string;
  readonly reason: string;
  readonly applies_to?: string[];
}

/**
 * Acknowledgments of cdk-nag findings the library makes on its own
 * constructs, in both forms cdk-nag reads:
 * - cdk-nag 3: `Validations`' acknowledged-rules metadata on the scope
 *   (cdk-nag 3 also reads it on a resource's ancestors);
 * - cdk-nag 2: the `cdk_nag` metadata (`rules_to_suppress`) on each
 *   CloudFormation resource of the scope, which cdk-nag 2 reads on the
 *   resource itself only (and which the template carries, as with
 *   `NagSuppressions`).
 *
 * `Validations.of(scope).acknowledge()` (aws-cdk-lib 2.257) rejects IDs with
 * more than one `::`, which every finding ID of cdk-nag's IAM rules has
 * (`AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:...]`), so the entry is
 * written as the metadata `acknowledge()` writes. One entry per scope, kept
 * current: the set of wildcards changes as grants are added.
 */
/** A resource of a policy and why it is there. */
export interface AcknowledgedResource {
  readonly resource: string;
  readonly reason: string;
}

export class Acknowledgments {
  private readonly entries: Record<string, string> = {};
  private readonly nagV2: { rules_to_suppress: NagV2Suppression[] } = { rules_to_suppress: [] };
  private wildcards: Record<string, string> = {};
  private readonly rules: Record<string, string> = {};
  /** Each resource as cdk-nag names it, resolved once. */
  private readonly flattened = new Map<string, string>();
  /** Makes the wildcards' acknowledgments, when they are out of date. */
  private pending?: () => void;

  constructor(scope: IConstruct) {
    // The wildcards' acknowledgments are made when first read (by cdk-nag,
    // by the aspect below, or by synthesis that writes the metadata to the
    // manifest), not on every grant: a stack of N constructs grants N times,
    // and each time over every grant so far.
    const current = () => {
      this.refresh();
      return this.entries;
    };
    const entries = new Proxy(this.entries, {
      get: (_, key) => Reflect.get(current(), key),
      has: (_, key) => Reflect.has(current(), key),
      ownKeys: () => Reflect.ownKeys(current()),
      getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(current(), key),
    });
    scope.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, entries);
    // The cdk-nag 2 form goes on every CloudFormation resource of the scope,
    // including those added later (a role's DefaultPolicy appears with its
    // first grant): at synth, before the packs (priority MUTATING, below an
    // Aspect's default).
    Aspects.of(scope).add({
      visit: (node) => {
        this.refresh();
        if (this.nagV2.rules_to_suppress.length > 0 && CfnResource.isCfnResource(node)) node.addMetadata('cdk_nag', this.nagV2);
      },
    }, { priority: AspectPriority.MUTATING });
  }

  /** Acknowledges the finding `id` (a rule ID, or a rule ID with its finding in brackets) with `reason`; `undefined` withdraws it. */
  public acknowledge(id: string, reason: string | undefined): void {
    if (reason === undefined) delete this.rules[id];
    else this.rules[id] = reason;
    this.write();
  }

  /**
   * Replaces the acknowledgments of AwsSolutions-IAM5 wildcard resources with
   * those of `resources` that hold a wildcard: the `owner` (what holds the
   * statement), the wildcard's scope and the distinct reasons given for the resource. `resources` may be a function, called
   * when the acknowledgments are next read (`invalidate` has it called again).
   */
  public setWildcardResources(scope: IConstruct, owner: string, resources: AcknowledgedResource[] | (() => AcknowledgedResource[])): void {
    const make = () => {
      this.wildcards = this.wildcardEntries(scope, owner, typeof resources === 'function' ? resources() : resources);
      this.write();
    };
    this.pending = make;
    this.invalidate = () => { this.pending = make; };
  }

  /** The resources of the last `setWildcardResources` changed: make their acknowledgments again when next read. */
  public invalidate: () => void = () => {};

  private refresh(): void {
    const make = this.pending;
    this.pending = undefined;
    make?.();
  }

  private wildcardEntries(scope: IConstruct, owner: string, resources: AcknowledgedResource[]): Record<string, string> {
    const reasons = new Map<string, Set<string>>();
    for (const { resource, reason } of resources) {
      let flat = this.flattened.get(resource);
      if (flat === undefined) {
        flat = flattenCfnReference(Token.isUnresolved(resource) ? Stack.of(scope).resolve(resource) : resource);
        this.flattened.set(resource, flat);
      }
      if (!flat.includes('*')) continue;
      const id = `AwsSolutions-IAM5[Resource::${flat}]`;
      reasons.set(id, (reasons.get(id) ?? new Set()).add(reason));
    }
    // A bare "*" is not one resource type: it holds only actions that have none.
    const scopeOf = (id: string) => (id === 'AwsSolutions-IAM5[Resource::*]'
      ? 'actions that have no resource type, nothing else.'
      : 'one resource type, in this account and Region only.');
    return Object.fromEntries([...reasons].map(([id, why]) => [id, `${owner}; ${scopeOf(id)} ${[...why].join('; ')}`]));
  }

  /** Writes both forms (the objects the metadata holds, updated in place). */
  private write(): void {
    for (const id of Object.keys(this.entries)) delete this.entries[id];
    Object.assign(this.entries, this.rules, this.wildcards);
    this.nagV2.rules_to_suppress.splice(0, this.nagV2.rules_to_suppress.length, ...Object.entries(this.entries).map(([id, reason]) => {
      const finding = /^([^[]+)\[(.+)\]$/.exec(id);
      return finding ? { id: finding[1], reason, applies_to: [finding[2]] } : { id, reason };
    }));
  }
}

/** A resolved CloudFormation value as cdk-nag names it in a finding ID (its `flattenCfnReference`). */
function flattenCfnReference(node: any): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/}/g, '>');
  if (node['Fn::Join']) return node['Fn::Join'][1].map(flattenCfnReference).join(node['Fn::Join'][0]);
  if (node['Fn::Sub']) return flattenCfnReference(node['Fn::Sub']);
  if (node['Fn::GetAtt']) return `<${node['Fn::GetAtt'].map(flattenCfnReference).join('.')}>`;
  if (node['Fn::ImportValue']) return flattenCfnReference(node['Fn::ImportValue']);
  if (node.Ref) return `<${flattenCfnReference(node.Ref)}>`;
  return JSON.stringify(node);
}
