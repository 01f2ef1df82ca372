import type { RemovalPolicy } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ApplicationLogLevel } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';

/**
 * How the stack's cdk-live-media functions keep their logs: the handler
 * function (`CdkLiveMediaProvider/Logs`) and, in a stack with an
 * `IvsStageComposition`, the stage keeper (`CdkLiveMediaStageKeeper/Logs`).
 * Every field left out keeps its default (or the value an earlier
 * `LiveMediaHandler.configure` call set); a field an earlier call set to
 * another value fails, naming both.
 */
export interface LiveMediaHandlerSettings {
  /**
   * How long the handler's log group keeps its events. The handler logs only
   * when CloudFormation calls it (a few lines per create, update or delete),
   * so a year costs next to nothing and covers a yearly audit or an
   * incident review of what a deployment started and stopped.
   *
   * @default RetentionDays.ONE_YEAR
   */
  readonly logRetention?: RetentionDays;

  /**
   * What happens to the handler's log group when it leaves the stack. The
   * log group is deleted after the custom resources, so with `DESTROY` the
   * logs of the stack's last deletion are lost with it.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly logRemovalPolicy?: RemovalPolicy;

  /**
   * The lowest level of the handler's own log lines (JSON) that reach the
   * log group.
   *
   * @default - Lambda's default for JSON logs (INFO)
   */
  readonly applicationLogLevel?: ApplicationLogLevel;

  /**
   * A KMS key that encrypts the log groups (cdk-nag NIST.800.53.R5 and HIPAA
   * CloudWatchLogGroupEncrypted). The key's policy is given a statement
   * that lets CloudWatch Logs of the stack's Region use it for the log
   * groups of the stack's account; a key imported from elsewhere
   * (`Key.fromKeyArn`) must allow that itself.
   *
   * @default - CloudWatch Logs' own encryption at rest (no KMS key of yours)
   */
  readonly logEncryptionKey?: IKey;
}
