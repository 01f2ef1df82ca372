/**
 * IAM allows 10,240 characters for all inline policies of a role. Grants
 * name exact ARNs while they fit a budget; past it, the largest grants give
 * way to their per-type wildcards in the account and Region.
 */
import { Token } from 'aws-cdk-lib';

/** What an unresolved ARN (a token) is assumed to be long once resolved. */
export const ASSUMED_TOKEN_ARN_CHARS = 110;

/** A resource a statement is scoped to, and the wildcard that stands for it and its kin. */
export interface ScopedResource {
  /** The exact ARN (may be a token). */
  readonly arn: string;
  /** The ARN pattern of every resource of this type in the account and Region. */
  readonly typeWildcard: string;
}

/** A statement's resources, by exact ARN. */
export interface ScopedGrant {
  readonly resources: Map<string, ScopedResource>;
}

/** The characters a grant's exact ARNs take in a policy. */
function exactChars(grant: ScopedGrant): number {
  return [...grant.resources.keys()].reduce((n, arn) => n + (Token.isUnresolved(arn) ? ASSUMED_TOKEN_ARN_CHARS : arn.length) + 3, 0);
}

/** How grantsOverBudget gives way. */
export interface BudgetOptions {
  /**
   * Every grant uses its wildcards once all of them do not fit, instead of
   * the largest first: one policy whose statements all name exact ARNs or
   * all name per-type wildcards (the stage keeper's role).
   * @default false
   */
  readonly allOrNothing?: boolean;
}

/**
 * The grants that must use their per-type wildcards for all of `grants`
 * to fit `budgetChars`: the largest first, until the rest fit (or all of
 * them with `allOrNothing`).
 */
export function grantsOverBudget<G extends ScopedGrant>(grants: readonly G[], budgetChars: number, options: BudgetOptions = {}): Set<G> {
  const bySize = [...grants].sort((a, b) => exactChars(b) - exactChars(a));
  let total = bySize.reduce((n, g) => n + exactChars(g), 0);
  if (options.allOrNothing) return new Set(total > budgetChars ? grants : []);
  const collapsed = new Set<G>();
  for (const g of bySize) {
    if (total <= budgetChars) break;
    collapsed.add(g);
    total -= exactChars(g) - new Set([...g.resources.values()].map((r) => r.typeWildcard)).size * ASSUMED_TOKEN_ARN_CHARS;
  }
  return collapsed;
}
