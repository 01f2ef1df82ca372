/**
 * Scale: 50 IvsStageCompositions in one stack, each with a channel and an
 * S3 destination. One keeper function, one queue and one reconciliation
 * schedule for all of them; per stage a rule and the teardown custom resource; every role
 * policy within IAM's 10,240 characters and the queue policy within SQS's
 * 8,192 bytes; every target input within EventBridge's 8,192 characters.
 * The figures are printed.
 */
import { App, Stack } from 'aws-cdk-lib';
import { CfnStage } from 'aws-cdk-lib/aws-ivs';
import {
  IvsChannel, IvsEncoderConfiguration, IvsStage, IvsStageComposition, IvsStorageConfiguration,
} from '../../src';
import { resolveIntrinsics } from '../helpers/cfn';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const arn = (resource: string) => `arn:aws:ivs:${REGION}:${ACCOUNT}:${resource}`;
/** A deployed stage ARN, as long as the model allows a generated one to be. */
const DEPLOYED_STAGE = arn('stage/AbCdEfGhIjKl');

function stackWith(stages: number, stageOf: (stack: Stack, i: number) => IvsStage) {
  const stack = new Stack(new App(), 'ScaleStack', { env: { account: ACCOUNT, region: REGION } });
  const encoder = IvsEncoderConfiguration.fromEncoderConfigurationArn(arn('encoder-configuration/Hd720'));
  for (let i = 0; i < stages; i++) {
    new IvsStageComposition(stack, `Studio${i}`, {
      stage: stageOf(stack, i),
      channel: { channel: IvsChannel.fromChannelArn(arn(`channel/Channel${i}`)), encoderConfiguration: encoder },
      s3: { storageConfiguration: IvsStorageConfiguration.fromStorageConfigurationArn(arn(`storage-configuration/Storage${i}`)), encoderConfiguration: encoder },
      tags: { project: `studio-${i}` },
    });
  }
  return stack.resolve((stack as any)._toCloudFormation());
}

const byArn = (_stack: Stack, i: number) => IvsStage.fromStageArn(arn(`stage/Stage${i}`));
const byToken = (stack: Stack, i: number) => IvsStage.fromCfnStage(new CfnStage(stack, `Stage${i}`, { name: `stage-${i}` }));
const resolved = (value: unknown) => resolveIntrinsics(value, new Proxy({}, { get: () => DEPLOYED_STAGE }) as Record<string, string>);
const chars = (value: unknown) => JSON.stringify(resolved(value)).length;

describe.each([['ARNs', byArn], ['stages of the stack (tokens)', byToken]] as const)('50 stages given as %s', (_how, stageOf) => {
  const template = stackWith(50, stageOf);
  const resources = Object.values<any>(template.Resources);
  const ofType = (type: string) => resources.filter((r) => r.Type === type);

  test('one keeper function, one queue (and its dead-letter queue), one schedule; per stage a rule and a teardown', () => {
    expect(ofType('AWS::Lambda::Function').filter((f) => f.Properties.Handler === 'index.stageKeeper')).toHaveLength(1);
    expect(ofType('AWS::SQS::Queue')).toHaveLength(2);
    expect(ofType('AWS::Events::Rule')).toHaveLength(50);
    expect(ofType('AWS::Scheduler::Schedule')).toHaveLength(1);
    expect(ofType('Custom::IvsStageCompositionTeardown')).toHaveLength(50);
    expect(resources.length).toBeLessThan(500);
  });

  test('policies and inputs within their limits', () => {
    // Per role: its AWS::IAM::Policy documents (the keeper's) or its inline Policies (the shared handler's).
    const policies = [
      ...ofType('AWS::IAM::Policy').map((p) => chars(p.Properties.PolicyDocument)),
      ...ofType('AWS::IAM::Role').filter((r) => r.Properties.Policies).map((r) => chars(r.Properties.Policies)),
    ];
    const queuePolicies = ofType('AWS::SQS::QueuePolicy').map((p) => chars(p.Properties.PolicyDocument));
    const inputs = ofType('AWS::Events::Rule').map((r) => chars(r.Properties.Targets[0].InputTransformer.InputTemplate));
    const scheduleInputs = ofType('AWS::Scheduler::Schedule').map((s) => chars(s.Properties.Target.Input));
    expect(Math.max(...policies)).toBeLessThan(10_240);
    expect(Math.max(...queuePolicies)).toBeLessThan(8_192);
    expect(Math.max(...inputs, ...scheduleInputs)).toBeLessThan(8_192);
    expect(JSON.stringify(template)).not.toMatch(/"Resource":"\*"/);
    console.log(`${_how}: ${resources.length} resources; role policies ${policies.join(', ')} chars; queue policy ${Math.max(...queuePolicies)} bytes; ` +
      `largest rule input ${Math.max(...inputs)}, schedule input ${Math.max(...scheduleInputs)} chars; template ${JSON.stringify(template).length} chars`);
  });
});

test('resources per added stage: 2 (rule, teardown); the first stage adds the shared keeper and the schedule', () => {
  const count = (n: number) => Object.keys(stackWith(n, byArn).Resources).length;
  const [one, two, ten] = [count(1), count(2), count(10)];
  expect(two - one).toBe(2);
  expect(ten - one).toBe(18);
  console.log(`resources: 1 stage ${one} (with the shared handler and keeper), 2 stages ${two}, 10 stages ${ten}: ${two - one} per added stage`);
});
