import { Stack } from 'aws-cdk-lib';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { LiveMediaHandlerSettings } from './handler-settings';
import { LiveMediaProvider } from './provider';

/**
 * The one Lambda function per stack behind every cdk-live-media construct: a
 * `lambda.Function` named `CdkLiveMediaProvider/Handler` in the stack, with
 * its own role (`CdkLiveMediaProvider/Role`) and log group
 * (`CdkLiveMediaProvider/Logs`). Tags and permissions boundaries applied to
 * the stack reach all three, and cdk-nag checks them like any other resource.
 */
export class LiveMediaHandler {
  /**
   * Configures the stack's handler (creating it if no construct of the
   * library has yet). May be called before or after the constructs are added.
   *
   * @param scope any construct of the stack (an App or a Stage is refused: the handler is per stack)
   */
  public static configure(scope: Construct, settings: LiveMediaHandlerSettings): void {
    LiveMediaProvider.of(stackOf(scope, 'configure')).configure(settings);
  }

  /** The stack's handler function, e.g. for alarms on its errors. Creates it if no construct of the library has yet. */
  public static functionOf(scope: Construct): IFunction {
    return LiveMediaProvider.of(stackOf(scope, 'functionOf')).function;
  }

  /** The role of the stack's handler function. */
  public static roleOf(scope: Construct): IRole {
    return LiveMediaProvider.of(stackOf(scope, 'roleOf')).role;
  }

  /** The log group of the stack's handler function. */
  public static logGroupOf(scope: Construct): ILogGroup {
    return LiveMediaProvider.of(stackOf(scope, 'logGroupOf')).logGroup;
  }

  private constructor() {}
}

/**
 * The stack of `scope`: the handler is per stack, so a scope outside any
 * stack (an App, a Stage) is a mistake worth its own message rather than
 * aws-cdk-lib's "should be created in the scope of a Stack".
 */
function stackOf(scope: Construct, method: string): Stack {
  const stack = scope.node.scopes.reverse().find((s) => Stack.isStack(s));
  if (!stack) {
    const where = scope.node.path === '' ? 'the App' : `'${scope.node.path}'`;
    throw new Error(`LiveMediaHandler.${method}: ${where} is not in a Stack. The handler function is per stack: pass the Stack (or any construct in it) whose handler you mean, e.g. LiveMediaHandler.${method}(stack${method === 'configure' ? ', { ... }' : ''}); call it once per stack.`);
  }
  return stack as Stack;
}
