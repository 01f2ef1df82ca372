import { Stack, Token, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledgments of cdk-nag findings the library makes on its own
 * constructs, in the form cdk-nag 3 reads (`Validations`' acknowledged-rules
 * metadata on the resource or an ancestor).
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
  /** Each resource as cdk-nag names it, resolved once. */
  private readonly flattened = new Map<string, string>();
  /** What the entries are made from, when they are out of date. */
  private pending?: () => void;

  constructor(scope: IConstruct) {
    // The entries are made when first read (by cdk-nag, or by synthesis that
    // writes the metadata to the manifest), not on every grant: a stack of
    // N constructs grants N times, and each time over every grant so far.
    const current = () => {
      const make = this.pending;
      this.pending = undefined;
      make?.();
      return this.entries;
    };
    const entries = new Proxy(this.entries, {
      get: (_, key) => Reflect.get(current(), key),
      has: (_, key) => Reflect.has(current(), key),
      ownKeys: () => Reflect.ownKeys(current()),
      getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(current(), key),
    });
    scope.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, entries);
  }

  /**
   * Replaces the acknowledgments of AwsSolutions-IAM5 wildcard resources with
   * those of `resources` that hold a wildcard: `preamble` and the distinct
   * reasons given for the resource. `resources` may be a function, called
   * when the acknowledgments are next read (`invalidate` has it called again).
   */
  public setWildcardResources(scope: IConstruct, preamble: string, resources: AcknowledgedResource[] | (() => AcknowledgedResource[])): void {
    const make = () => this.write(scope, preamble, typeof resources === 'function' ? resources() : resources);
    this.pending = make;
    this.invalidate = () => { this.pending = make; };
  }

  /** The resources of the last `setWildcardResources` changed: make the entries again when next read. */
  public invalidate: () => void = () => {};

  private write(scope: IConstruct, preamble: string, resources: AcknowledgedResource[]): void {
    for (const id of Object.keys(this.entries)) delete this.entries[id];
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
    for (const [id, why] of reasons) this.entries[id] = `${preamble} ${[...why].join('; ')}`;
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
