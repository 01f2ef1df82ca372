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
   * @param scope any construct of the stack
   */
  public static configure(scope: Construct, settings: LiveMediaHandlerSettings): void {
    LiveMediaProvider.of(scope).configure(settings);
  }

  /** The stack's handler function, e.g. for alarms on its errors. Creates it if no construct of the library has yet. */
  public static functionOf(scope: Construct): IFunction {
    return LiveMediaProvider.of(scope).function;
  }

  /** The role of the stack's handler function. */
  public static roleOf(scope: Construct): IRole {
    return LiveMediaProvider.of(scope).role;
  }

  /** The log group of the stack's handler function. */
  public static logGroupOf(scope: Construct): ILogGroup {
    return LiveMediaProvider.of(scope).logGroup;
  }

  private constructor() {}
}
