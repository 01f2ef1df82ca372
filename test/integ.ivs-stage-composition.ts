/**
 * Integ test of IvsStageComposition: a stage with a channel, followed by a
 * stage composition (rule, schedule, keeper, teardown). Without a publisher
 * nothing may start: the assertions read the rule back from EventBridge and
 * check that the stage has no composition. Publishing needs a WebRTC client, which an integ test
 * cannot run; the harness tests (test/harness/scenarios/ivs-stage-composition.harness.test.ts)
 * cover the keeper with publishers against the fake.
 *
 *   npx projen integ integ.ivs-stage-composition.ts            # verify the snapshot offline
 *   npx projen integ:deploy integ.ivs-stage-composition.ts     # deploy, assert, destroy (README)
 */
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { CfnChannel, CfnStage } from 'aws-cdk-lib/aws-ivs';
import { CompositionLayout, IvsChannel, IvsStage, IvsStageComposition } from '../src';

const app = new App();
const stack = new Stack(app, 'CdkLiveMediaIntegIvsStageComposition');

const stage = new CfnStage(stack, 'Stage', { name: 'cdk-live-media-integ-follow' });
const channel = new CfnChannel(stack, 'Channel', { name: 'cdk-live-media-integ-follow', latencyMode: 'LOW', type: 'STANDARD' });

const composition = new IvsStageComposition(stack, 'Composition', {
  stage: IvsStage.fromCfnStage(stage),
  layout: CompositionLayout.grid({ gridGap: 4 }),
  channel: { channel: IvsChannel.fromCfnChannel(channel), name: 'live' },
  tags: { test: 'integ' },
});

const integ = new IntegTest(app, 'IvsStageComposition', { testCases: [stack], assertionStack: stack });

// The rule is there, enabled, for this stage's events.
const rule = integ.assertions
  .awsApiCall('@aws-sdk/client-eventbridge', 'DescribeRule', { Name: composition.rule.ruleName })
  .expect(ExpectedResult.objectLike({ State: 'ENABLED', EventPattern: Match.stringLikeRegexp('IVS Stage Update') }));
rule.node.addDependency(composition);

// Nobody publishes: nothing was started at deploy time (unlike AWS::IVS::Composition), nor by the keeper.
const none = integ.assertions
  .awsApiCall('@aws-sdk/client-ivs-realtime', 'ListCompositions', { filterByStageArn: stage.attrArn })
  .expect(ExpectedResult.objectLike({ compositions: [] }));
none.node.addDependency(composition);

// See integ.ivs-composition.ts: the assertions live in the test stack, so their salt is fixed.
for (const resource of stack.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c))) {
  if (resource.cfnResourceType.startsWith('Custom::DeployAssert')) resource.addPropertyOverride('salt', 'integ');
}
