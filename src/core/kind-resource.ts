import { CustomResource } from 'aws-cdk-lib';
import type { CustomResourceProps, RemovalPolicy } from 'aws-cdk-lib';
import type { Construct, IDependable } from 'constructs';
import type { KindPolicy } from './grants';
import { LiveMediaProvider, SERVICE_TIMEOUT } from './provider';

/** A custom resource of one kind, as every construct of the library makes it. */
export interface KindResourceOptions {
  /** The kind's policy (KindPolicy.of), which the resource depends on: created after it, deleted before it. */
  readonly policy: KindPolicy;
  /** `Custom::<Kind>`, from the resource's contract. */
  readonly resourceType: string;
  /** The ResourceProperties the handler decodes (the contract's type). */
  readonly properties: CustomResourceProps['properties'];
  /** What must exist before the resource; undefined entries (e.g. a stream not made in this app) are skipped. */
  readonly dependsOn?: ReadonlyArray<IDependable | undefined>;
  /** @default RemovalPolicy.DESTROY (CustomResource's default) */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Creates the custom resource of a kind, served by the stack's shared handler
 * (LiveMediaProvider) with the library's ServiceTimeout, depending on the
 * kind's policy and on `dependsOn`.
 */
export function kindResource(scope: Construct, id: string, options: KindResourceOptions): CustomResource {
  const resource = new CustomResource(scope, id, {
    serviceToken: LiveMediaProvider.of(scope).serviceToken,
    resourceType: options.resourceType,
    properties: options.properties,
    serviceTimeout: SERVICE_TIMEOUT,
    removalPolicy: options.removalPolicy,
  });
  options.policy.attach(resource);
  for (const dependency of options.dependsOn ?? []) if (dependency) resource.node.addDependency(dependency);
  return resource;
}
