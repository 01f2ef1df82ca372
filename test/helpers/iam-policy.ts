/**
 * A small IAM policy evaluator over synthesized templates: which identity
 * policies are attached to the shared handler's role, and whether they allow
 * an action on a resource ARN, with the intrinsics resolved as one deploy
 * would (fixed partition, account and Region; each resource's Ref / Arn given
 * by `arnOf`).
 *
 * Enough for what the library writes: Allow and Deny statements, `Action`
 * and `Resource` with `*` and `?` wildcards. Anything else (NotAction,
 * NotResource, Condition) is refused rather than misjudged.
 */
import { resolveIntrinsics } from './cfn';

export const HANDLER_LOGICAL_ID = 'CdkLiveMediaProviderHandler5A4B8FAB';

/** One policy document attached to the handler's role, and where it comes from. */
export interface AttachedPolicy {
  /** `<role>/inline/<name>` for a role's inline policy, the logical ID of an AWS::IAM::Policy. */
  readonly source: string;
  /** The document, intrinsics resolved. */
  readonly document: any;
}

/** Resolves a template's intrinsics: a resource's Ref / Fn::GetAtt via `arnOf(logicalId, resource)`. */
export function resolver(template: any, arnOf: (id: string, resource: any) => string, parameters: Record<string, string> = {}) {
  const refs: Record<string, string> = { ...parameters };
  for (const [id, resource] of Object.entries<any>(template.Resources)) {
    const arn = arnOf(id, resource);
    refs[id] = arn;
    refs[`${id}.Arn`] = arn;
  }
  return (value: unknown) => resolveIntrinsics(value, refs);
}

/** The logical ID of the handler function's role. */
export function handlerRoleId(template: any): string {
  const role = template.Resources[HANDLER_LOGICAL_ID]?.Properties?.Role;
  const id = role?.['Fn::GetAtt']?.[0];
  if (!id) throw new Error(`No role on ${HANDLER_LOGICAL_ID}: ${JSON.stringify(role)}`);
  return id;
}

/** Every identity policy of the handler's role: its inline policies and the AWS::IAM::Policy resources naming it. */
export function handlerPolicies(template: any, resolve: (v: unknown) => any): Map<string, AttachedPolicy> {
  const roleId = handlerRoleId(template);
  const role = template.Resources[roleId];
  const policies = new Map<string, AttachedPolicy>();
  for (const p of role.Properties.Policies ?? []) {
    const source = `${roleId}/inline/${p.PolicyName}`;
    policies.set(source, { source, document: resolve(p.PolicyDocument) });
  }
  for (const [id, r] of Object.entries<any>(template.Resources)) {
    if (r.Type !== 'AWS::IAM::Policy') continue;
    if (!(r.Properties.Roles ?? []).some((ref: any) => ref?.Ref === roleId)) continue;
    policies.set(id, { source: id, document: resolve(r.Properties.PolicyDocument) });
  }
  return policies;
}

/** Whether `pattern` (IAM wildcards `*` and `?`) matches `value`. */
export function wildcardMatch(pattern: string, value: string, caseInsensitive = false): boolean {
  const source = pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, caseInsensitive ? 'i' : '').test(value);
}

/** Whether the policies allow `action` on `resource`: some Allow matches and no Deny does. */
export function isAllowed(policies: Iterable<AttachedPolicy>, action: string, resource: string): boolean {
  let allowed = false;
  for (const { source, document } of policies) {
    for (const s of [document.Statement].flat()) {
      for (const key of ['NotAction', 'NotResource', 'Condition', 'NotPrincipal']) {
        if (key in s) throw new Error(`${source}: the evaluator does not handle ${key}`);
      }
      const actionMatches = [s.Action].flat().some((a: string) => wildcardMatch(a, action, true));
      const resourceMatches = [s.Resource].flat().some((r: string) => wildcardMatch(r, resource));
      if (!actionMatches || !resourceMatches) continue;
      if (s.Effect === 'Deny') return false;
      if (s.Effect === 'Allow') allowed = true;
    }
  }
  return allowed;
}

/** The logical ID of a construct kind's policy (src/core/grants.ts). */
export const kindPolicyId = (kind: 'KvsImageGeneration' | 'IvsComposition' | 'VoiceAnalyticsTask') => `CdkLiveMedia${kind}Policy`;

/**
 * The statements (intrinsics unresolved) of every policy of the handler's
 * role, inline ones first, then each AWS::IAM::Policy naming it; `kind`
 * narrows them to that construct kind's policy.
 */
export function handlerStatements(template: { toJSON(): any } | any, kind?: Parameters<typeof kindPolicyId>[0]): any[] {
  const t = typeof template.toJSON === 'function' ? template.toJSON() : template;
  const identity = (v: unknown) => v;
  return [...handlerPolicies(t, identity).values()]
    .filter((p) => kind === undefined || p.source === kindPolicyId(kind))
    .flatMap((p) => p.document.Statement)
    // The statement for the handler's own log group is the provider's, not a construct's grant.
    .filter((s: any) => ![s.Action].flat().every((a: string) => a.startsWith('logs:')));
}
