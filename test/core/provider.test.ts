import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import { AwsSolutionsChecks } from 'cdk-nag';
import { Construct } from 'constructs';
import { KvsStream } from '../../src';
import { LiveMediaProvider } from '../../src/core/provider';
import { streamPolicyResource } from '../../src/kvs/stream-resource';

const KVS_ACTIONS = ['kinesisvideo:UpdateImageGenerationConfiguration', 'kinesisvideo:DescribeImageGenerationConfiguration'];

/** `provider.grant` directly (the constructs grant through their kind's policy: grants.test.ts). */
function stackWith(instances: number) {
  const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
  const provider = LiveMediaProvider.of(stack);
  for (let i = 0; i < instances; i++) {
    const stream = new CfnStream(stack, `Stream${i}`, { dataRetentionInHours: 1 });
    provider.grant(KVS_ACTIONS, { arn: stream.attrArn, typeWildcard: streamPolicyResource(stack, KvsStream.fromStreamName('any')).typeWildcard });
  }
  return stack;
}

/** The statements of the handler role's grants (not its logs statement), each with its actions as a list. */
function statements(stack: Stack): any[] {
  const roles = Template.fromStack(stack).findResources('AWS::IAM::Role');
  return Object.values<any>(roles).flatMap((r) => r.Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement))
    .map((s) => ({ ...s, Action: [s.Action].flat() }))
    .filter((s) => !s.Action[0].startsWith('logs:'));
}

describe('LiveMediaProvider', () => {
  test('is a singleton per stack', () => {
    const app = new App();
    const stack = new Stack(app, 'One');
    const other = new Stack(app, 'Two');
    expect(LiveMediaProvider.of(new Construct(stack, 'A'))).toBe(LiveMediaProvider.of(new Construct(stack, 'B')));
    expect(LiveMediaProvider.of(other)).not.toBe(LiveMediaProvider.of(stack));
  });

  test('grants of the same actions share one statement listing each resource once', () => {
    const stack = stackWith(3);
    // The same stream granted again (actions in another order) is not listed twice.
    LiveMediaProvider.of(stack).grant(['kinesisvideo:UpdateImageGenerationConfiguration', 'kinesisvideo:DescribeImageGenerationConfiguration'], {
      arn: (stack.node.findChild('Stream0') as CfnStream).attrArn,
      typeWildcard: 'unused',
    });
    const [statement, ...others] = statements(stack);
    expect(others).toHaveLength(0);
    expect(statement.Resource).toEqual([0, 1, 2].map((i) => ({ 'Fn::GetAtt': [`Stream${i}`, 'Arn'] })));
  });

  test('past its budget a statement falls back to the per-type wildcard of the account and Region, never *', () => {
    const [statement] = statements(stackWith(80));
    expect(statement.Resource).toEqual([
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':kinesisvideo:us-east-1:123456789012:stream/*/*']] },
    ]);
  });

  test('the largest statements are collapsed first; small ones keep exact ARNs', () => {
    const stack = stackWith(80);
    LiveMediaProvider.of(stack).grant(['ivs:GetComposition'], { arn: 'arn:aws:ivs:us-east-1:123456789012:composition/*', typeWildcard: 'arn:aws:ivs:us-east-1:123456789012:composition/*' });
    LiveMediaProvider.of(stack).grant(['chime:GetSpeakerSearchTask'], { arn: 'arn:aws:chime:us-east-1:123456789012:media-pipeline/abc', typeWildcard: 'arn:aws:chime:us-east-1:123456789012:media-pipeline/*' });
    const byAction = Object.fromEntries(statements(stack).map((s) => [s.Action[0], s.Resource]));
    expect(byAction['chime:GetSpeakerSearchTask']).toEqual(['arn:aws:chime:us-east-1:123456789012:media-pipeline/abc']);
    expect(byAction['kinesisvideo:DescribeImageGenerationConfiguration']).toHaveLength(1);
  });

  test('a collapsed statement\'s wildcard is acknowledged for cdk-nag with its reason; exact ARNs are not', () => {
    const nag = (stack: Stack) => new AwsSolutionsChecks().validateScope(stack).violations.map((v) => v.ruleName);
    const acknowledged = (stack: Stack) => Object.keys(Object.assign({}, ...LiveMediaProvider.of(stack).role.node.metadata
      .filter((m) => m.type === 'aws:cdk:acknowledged-rules').map((m) => m.data)));
    const small = stackWith(3);
    expect(nag(small)).toEqual([]);
    expect(acknowledged(small).filter((id) => id.includes('kinesisvideo'))).toEqual([]);
    const large = stackWith(80);
    expect(nag(large)).toEqual([]);
    expect(acknowledged(large)).toContain('AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:kinesisvideo:us-east-1:123456789012:stream/*/*]');
  });

  test('a bare "*" is acknowledged as actions without a resource type, never as one resource type', () => {
    const stack = stackWith(3);
    LiveMediaProvider.of(stack).grantWithoutResourceType(['chime:CreateVoiceProfileDomain']);
    const reasons: Record<string, string> = Object.assign({}, ...LiveMediaProvider.of(stack).role.node.metadata
      .filter((m) => m.type === 'aws:cdk:acknowledged-rules').map((m) => m.data));
    expect(reasons['AwsSolutions-IAM5[Resource::*]']).toMatch(/^cdk-live-media handler role; actions that have no resource type, nothing else\. chime:CreateVoiceProfileDomain: /);
    expect(reasons['AwsSolutions-IAM5[Resource::*]']).not.toContain('one resource type');
    expect(Object.entries(reasons).filter(([id]) => id !== 'AwsSolutions-IAM5[Resource::*]' && id.startsWith('AwsSolutions-IAM5'))
      .every(([, reason]) => reason.startsWith('cdk-live-media handler role; one resource type, in this account and Region only.'))).toBe(true);
  });
});
