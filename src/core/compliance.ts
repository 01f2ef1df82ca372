/**
 * What the library decided on each finding of cdk-nag's regulated packs
 * (NIST 800-53 R5, HIPAA Security) and of AwsSolutions-L1 on its own
 * resources: the acknowledgments the constructs write come from here, and
 * the README's table is generated from it (scripts/compliance-table.ts), so
 * the two cannot drift. `.ci/run`'s nag matrix fails on any finding on the
 * library's resources that this does not answer.
 */
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Acknowledgments } from './acknowledgments';

/** The regulated packs, as cdk-nag prefixes their rule IDs. */
export const REGULATED_PACKS = ['NIST.800.53.R5', 'HIPAA.Security'];

/** A finding of a regulated pack on one of the library's resources, and what the library did about it. */
export interface ComplianceDecision {
  /** The rule, without its pack's prefix. */
  readonly rule: string;
  /** The construct path(s) in the stack, as the README names them. */
  readonly resource: string;
  readonly outcome: 'acknowledged' | 'fixed';
  readonly why: string;
}

const NO_VPC = 'it calls only AWS service APIs and reaches nothing inside a VPC; in a VPC it would need a NAT gateway or an interface endpoint per service, and gain no isolation';
const OWN_ROLE_POLICY = (who: string) =>
  `the policy of a role only ${who} assumes, created and deleted with it; as a customer managed policy it would be a separate object any role of the account could attach, for no added control, and would count against the role's quota of managed policies`;

/** Per resource kind: rule -> why it is acknowledged. */
export const REGULATED_ACKNOWLEDGMENTS = {
  handlerFunction: {
    LambdaConcurrency: 'CloudFormation invokes the handler a few times per deployment; reserved concurrency is taken from the account\'s unreserved pool (an account at the minimum of 10 unreserved cannot reserve any, and the deployment would fail) and a low limit only delays deployments',
    LambdaDLQ: 'invoked by CloudFormation, which is answered on every error (aws-cdk-lib\'s custom-resource entrypoint); a failed event is a failed stack operation, not a message to replay',
    LambdaInsideVPC: NO_VPC,
  },
  keeperFunction: {
    LambdaConcurrency: 'the SQS event source\'s maximum concurrency (2) bounds it already; reserved concurrency is taken from the account\'s unreserved pool (an account at the minimum of 10 unreserved cannot reserve any, and the deployment would fail)',
    LambdaDLQ: 'invoked by an SQS event source, not asynchronously: a message whose check fails moves at once (maxReceiveCount 1: the next scheduled check covers the stage) to the queue\'s own dead-letter queue (CdkLiveMediaStageKeeper/DeadLetterQueue); a Lambda DLQ serves asynchronous invocations only',
    LambdaInsideVPC: NO_VPC,
  },
  handlerRole: {
    IAMNoInlinePolicy: OWN_ROLE_POLICY('the handler function'),
  },
  kindPolicy: {
    IAMNoInlinePolicy: 'one AWS::IAM::Policy per construct kind, which CloudFormation deletes only after the last resource of the kind, so the handler can still stop it: as customer managed policies they would take up to 8 of the handler role\'s 10 managed-policy attachments, and a deployed AWS::IAM::Policy cannot change its type under the same logical ID',
  },
  keeperRole: {
    IAMNoInlinePolicy: OWN_ROLE_POLICY('the stage keeper function'),
  },
  schedulerRole: {
    IAMNoInlinePolicy: OWN_ROLE_POLICY('the reconciliation schedule'),
  },
  resourceAccessRole: {
    IAMNoInlinePolicy: OWN_ROLE_POLICY('the Chime SDK media pipelines of this configuration'),
  },
};

/** Where each kind of REGULATED_ACKNOWLEDGMENTS is, for the README. */
const RESOURCES: Record<keyof typeof REGULATED_ACKNOWLEDGMENTS, string> = {
  handlerFunction: 'CdkLiveMediaProvider/Handler',
  keeperFunction: 'CdkLiveMediaStageKeeper/Function',
  handlerRole: 'CdkLiveMediaProvider/Role',
  kindPolicy: 'CdkLiveMedia&lt;Kind&gt;Policy (one per construct kind)',
  keeperRole: 'CdkLiveMediaStageKeeper/FunctionRole',
  schedulerRole: 'CdkLiveMediaStageKeeper/SchedulerRole',
  resourceAccessRole: '&lt;MediaInsightsPipelineConfiguration&gt;/ResourceAccessRole',
};

/** Every decision, for the README's table. */
export function complianceDecisions(): ComplianceDecision[] {
  const acknowledged = Object.entries(REGULATED_ACKNOWLEDGMENTS).flatMap(([kind, rules]) => Object.entries(rules).map(([rule, why]) => ({
    rule, resource: RESOURCES[kind as keyof typeof REGULATED_ACKNOWLEDGMENTS], outcome: 'acknowledged' as const, why,
  })));
  return [
    ...acknowledged,
    {
      rule: 'CloudWatchLogGroupEncrypted',
      resource: 'CdkLiveMediaProvider/Logs, CdkLiveMediaStageKeeper/Logs',
      outcome: 'fixed',
      why: 'pass your KMS key as `logEncryptionKey` to `LiveMediaHandler.configure`; the library gives CloudWatch Logs the use of it. Not acknowledged: without a key the finding stays, for you to decide',
    },
    {
      rule: 'AwsSolutions-L1 (not a regulated rule; cdk-nag 2, and 3 on aws-cdk-lib with a Node.js runtime newer than 24)',
      resource: 'CdkLiveMediaProvider/Handler, CdkLiveMediaStageKeeper/Function',
      outcome: 'acknowledged',
      why: RUNTIME_PIN_REASON,
    },
  ];
}

/**
 * The runtime of both functions: the Node.js major the handler bundle is
 * tested on (the harness runs it on Node.js 24 too). Raised with a release
 * of the library, not by whichever aws-cdk-lib the app installs.
 */
export const HANDLER_RUNTIME = lambda.Runtime.NODEJS_24_X;

export const RUNTIME_PIN_REASON = `pinned to ${HANDLER_RUNTIME.name}, the Node.js major the handler bundle is tested on (its harness runs on Node.js 24); a newer runtime comes with a release of the library that tests it, not with the aws-cdk-lib your app installs`;

/**
 * The newest runtime of `runtime`'s family in the installed aws-cdk-lib's
 * `Runtime.ALL`, the way AwsSolutions-L1 picks it (numeric order of the
 * version in the name).
 */
function newestOfFamily(runtime: lambda.Runtime): string {
  const parse = (name: string) => /^([a-z]+)(\d+(\.?\d+|\.x)?)?/.exec(name);
  const family = parse(runtime.name)![1];
  const versions = lambda.Runtime.ALL.map((r) => r.name).filter((name) => name.startsWith(family))
    .sort((a, b) => (parse(a)![2] ?? '0').localeCompare(parse(b)![2] ?? '0', undefined, { numeric: true, sensitivity: 'base' }));
  return versions[versions.length - 1];
}

/** Acknowledges, on a function of the library, the regulated packs' findings `reasons` answers, and AwsSolutions-L1 when the installed aws-cdk-lib knows a newer runtime. */
export function acknowledgeFunction(acks: Acknowledgments, reasons: Record<string, string>): void {
  acknowledgeRegulated(acks, reasons);
  acks.acknowledge('AwsSolutions-L1', newestOfFamily(HANDLER_RUNTIME) === HANDLER_RUNTIME.name ? undefined : RUNTIME_PIN_REASON);
}

/** Acknowledges `reasons` (rule -> why) for every regulated pack. */
export function acknowledgeRegulated(acks: Acknowledgments, reasons: Record<string, string>): void {
  for (const pack of REGULATED_PACKS) {
    for (const [rule, reason] of Object.entries(reasons)) acks.acknowledge(`${pack}-${rule}`, reason);
  }
}
