import * as path from 'path';
import { CustomResourceProviderBase, Duration, Lazy, Size, Stack, Token } from 'aws-cdk-lib';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';

/**
 * The bundled handler (lambda/ built by esbuild), located relative to this
 * module so that it is found wherever the package is installed (src/private
 * and lib/private are at the same depth), never relative to the working
 * directory or node_modules.
 */
export const HANDLER_ASSET_DIR = path.join(__dirname, '..', '..', 'assets', 'handler');

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

/** What an unresolved ARN (a token) is assumed to be long once resolved. */
const ASSUMED_TOKEN_ARN_CHARS = 110;

/** A resource a statement is scoped to, and the wildcard that stands for it and its kin. */
export interface ScopedResource {
  /** The exact ARN (may be a token). */
  readonly arn: string;
  /** The ARN pattern of every resource of this type in the account and Region. */
  readonly typeWildcard: string;
}

interface Grant {
  readonly actions: string[];
  readonly resources: Map<string, ScopedResource>;
}

/**
 * The one Lambda function per stack behind every cdk-live-media custom
 * resource. It is aws-cdk-lib's CustomResourceProvider machinery (its
 * entrypoint answers CloudFormation on every error and handles the Delete that
 * follows a failed Create), with the newest Node.js runtime and a role policy
 * that grows with the resources the stack's instances use.
 */
export class LiveMediaProvider extends CustomResourceProviderBase {
  /** The stack's provider, created on first use. */
  public static of(scope: Construct): LiveMediaProvider {
    const stack = Stack.of(scope);
    const id = 'CdkLiveMediaProvider';
    return (stack.node.tryFindChild(id) as LiveMediaProvider | undefined) ?? new LiveMediaProvider(stack, id);
  }

  private readonly grants = new Map<string, Grant>();

  private constructor(scope: Construct, id: string) {
    super(scope, id, {
      codeDirectory: HANDLER_ASSET_DIR,
      runtimeName: Runtime.NODEJS_24_X.name,
      timeout: HANDLER_TIMEOUT,
      memorySize: Size.mebibytes(256),
      description: 'cdk-live-media: KVS image generation, IVS compositions and Chime SDK voice analytics tasks',
    });
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
      this.addToRolePolicy({
        Effect: 'Allow',
        Action: g.actions,
        Resource: Lazy.list({ produce: () => this.renderResources(g) }),
      });
    }
    for (const r of resources) grant.resources.set(r.arn, r);
  }

  private renderResources(grant: Grant): string[] {
    const collapsed = this.collapsedGrants();
    const resources = [...grant.resources.values()];
    const arns = collapsed.has(grant) ? resources.map((r) => r.typeWildcard) : resources.map((r) => r.arn);
    return [...new Set(arns)];
  }

  /** The grants that must use wildcards for the policy to fit its budget, largest first. */
  private collapsedGrants(): Set<Grant> {
    const size = (g: Grant) =>
      [...g.resources.keys()].reduce((n, arn) => n + (Token.isUnresolved(arn) ? ASSUMED_TOKEN_ARN_CHARS : arn.length) + 3, 0);
    const bySize = [...this.grants.values()].sort((a, b) => size(b) - size(a));
    let total = bySize.reduce((n, g) => n + size(g), 0);
    const collapsed = new Set<Grant>();
    for (const g of bySize) {
      if (total <= RESOURCE_BUDGET_CHARS) break;
      collapsed.add(g);
      total -= size(g) - new Set([...g.resources.values()].map((r) => r.typeWildcard)).size * ASSUMED_TOKEN_ARN_CHARS;
    }
    return collapsed;
  }
}
