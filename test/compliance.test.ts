/**
 * The library's answers to cdk-nag's regulated packs (src/core/compliance.ts):
 * the README's table is generated from them; the functions' log groups
 * follow LiveMediaHandler.configure (the stage keeper's too) and take a KMS
 * key; AwsSolutions-L1 is acknowledged only where aws-cdk-lib knows a newer
 * runtime than the one pinned.
 */
import * as fs from 'fs';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CfnChannel, CfnStage } from 'aws-cdk-lib/aws-ivs';
import { Key } from 'aws-cdk-lib/aws-kms';
import { ApplicationLogLevel, Runtime } from 'aws-cdk-lib/aws-lambda';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { complianceTable, README, withTable } from '../scripts/compliance-table';
import { CompositionLayout, IvsChannel, IvsStage, IvsStageComposition, LiveMediaHandler } from '../src';
import { HANDLER_RUNTIME } from '../src/core/compliance';

test('the README\'s table is the one src/core/compliance.ts makes (npx projen docs:compliance rewrites it)', () => {
  const readme = fs.readFileSync(README, 'utf8');
  expect(withTable(readme, complianceTable())).toBe(readme);
});

function stackWithKeeper(configure?: (stack: Stack) => void) {
  const stack = new Stack(new App(), 'Keeper', { env: { account: '111111111111', region: 'us-east-1' } });
  configure?.(stack);
  const stage = new CfnStage(stack, 'Stage', { name: 'show' });
  const channel = new CfnChannel(stack, 'Channel', { name: 'show-live' });
  new IvsStageComposition(stack, 'Show', {
    stage: IvsStage.fromCfnStage(stage),
    layout: CompositionLayout.grid(),
    channel: { channel: IvsChannel.fromCfnChannel(channel) },
  });
  return stack;
}

/** The log group of `functionPath`'s function and the function itself. */
function logsOf(template: Template, functionPrefix: string) {
  const functions = template.findResources('AWS::Lambda::Function');
  const [, fn] = Object.entries<any>(functions).find(([id]) => id.startsWith(functionPrefix))!;
  const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref;
  return { fn, logGroup: template.toJSON().Resources[logGroupId] };
}

describe('the stage keeper\'s log group', () => {
  test('by default it is kept like the handler\'s: a year, retained, JSON', () => {
    const template = Template.fromStack(stackWithKeeper());
    for (const prefix of ['CdkLiveMediaProviderHandler', 'CdkLiveMediaStageKeeperFunction']) {
      const { fn, logGroup } = logsOf(template, prefix);
      expect(logGroup).toMatchObject({ Properties: { RetentionInDays: 365 }, DeletionPolicy: 'Retain' });
      expect(fn.Properties.LoggingConfig.LogFormat).toBe('JSON');
    }
  });

  test.each([
    ['before the constructs', true],
    ['after the constructs', false],
  ])('follows LiveMediaHandler.configure called %s: retention, removal policy, log level, key', (_when, before) => {
    const configure = (stack: Stack) => LiveMediaHandler.configure(stack, {
      logRetention: RetentionDays.ONE_WEEK,
      logRemovalPolicy: RemovalPolicy.DESTROY,
      applicationLogLevel: ApplicationLogLevel.WARN,
      logEncryptionKey: new Key(stack, 'LogsKey'),
    });
    const stack = stackWithKeeper(before ? configure : undefined);
    if (!before) configure(stack);
    const template = Template.fromStack(stack);
    for (const prefix of ['CdkLiveMediaProviderHandler', 'CdkLiveMediaStageKeeperFunction']) {
      const { fn, logGroup } = logsOf(template, prefix);
      expect(logGroup).toMatchObject({
        Properties: { RetentionInDays: 7, KmsKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^LogsKey/), 'Arn'] } },
        DeletionPolicy: 'Delete',
      });
      expect(fn.Properties.LoggingConfig).toEqual(expect.objectContaining({ LogFormat: 'JSON', ApplicationLogLevel: 'WARN' }));
    }
  });
});

test('the key lets CloudWatch Logs of the stack\'s Region use it for the account\'s log groups, once', () => {
  const stack = stackWithKeeper((s) => LiveMediaHandler.configure(s, { logEncryptionKey: new Key(s, 'LogsKey') }));
  LiveMediaHandler.configure(stack, { logRetention: RetentionDays.ONE_MONTH });
  const statements = Template.fromStack(stack).findResources('AWS::KMS::Key');
  const policy = Object.values<any>(statements)[0].Properties.KeyPolicy.Statement.filter((s: any) => s.Sid === 'CdkLiveMediaLogs');
  expect(policy).toEqual([{
    Sid: 'CdkLiveMediaLogs',
    Effect: 'Allow',
    Principal: { Service: 'logs.us-east-1.amazonaws.com' },
    Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    Resource: '*',
    Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:us-east-1:111111111111:log-group:*']] } } },
  }]);
});

test('no key: the log groups name none (CloudWatch Logs\' own encryption) and the finding is not acknowledged', () => {
  const template = Template.fromStack(stackWithKeeper());
  template.allResourcesProperties('AWS::Logs::LogGroup', { KmsKeyId: Match.absent() });
  expect(JSON.stringify(template.toJSON())).not.toContain('CloudWatchLogGroupEncrypted');
});

test('AwsSolutions-L1: acknowledged on both functions exactly when aws-cdk-lib knows a newer Node.js runtime than the pinned one', () => {
  const stack = stackWithKeeper();
  const newer = Runtime.ALL.some((r) => /^nodejs(\d+)/.exec(r.name) && Number(/^nodejs(\d+)/.exec(r.name)![1]) > Number(/\d+/.exec(HANDLER_RUNTIME.name)![0]));
  const functions = Template.fromStack(stack).findResources('AWS::Lambda::Function');
  expect(Object.keys(functions)).toHaveLength(2);
  for (const fn of Object.values<any>(functions)) {
    expect(fn.Properties.Runtime).toBe('nodejs24.x');
    const ids = (fn.Metadata?.cdk_nag?.rules_to_suppress ?? []).map((r: any) => r.id);
    expect(ids.includes('AwsSolutions-L1')).toBe(newer);
    expect(ids).toEqual(expect.arrayContaining(['NIST.800.53.R5-LambdaDLQ', 'HIPAA.Security-LambdaInsideVPC']));
  }
});
