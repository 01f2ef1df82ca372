import { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * The construct `id` directly under the stack of `scope`, made by `create` on
 * first use: the one-per-stack constructs (provider, grants, stage keeper).
 */
export function stackSingleton<T extends IConstruct>(scope: IConstruct, id: string, create: (stack: Stack, id: string) => T): T {
  const stack = Stack.of(scope);
  return (stack.node.tryFindChild(id) as T | undefined) ?? create(stack, id);
}
