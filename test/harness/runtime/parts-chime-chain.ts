/**
 * The harness part of the voice analytics chain (issue 13): configuration,
 * pipeline and voice profile domain variants, synthesized into the harness
 * stack like the other parts (see parts.ts).
 */
import { Role } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { CREATE_FAILED_MARKER } from './expectations';
import type { HarnessPart, Invocation, LifecycleHarness } from './lambda-runner';
import { deployValues } from './lambda-runner';
import { KvsMediaInsightsPipeline, KvsStream, MediaInsightsPipelineConfiguration, VoiceAnalyticsSink, VoiceProfileDomain } from '../../../src';
import { FAKE_ACCOUNT, FAKE_REGION } from '../fakes/fake-common';


export const CHAIN_FIXTURES = {
  configurationName: 'harness-calls',
  configurationArn: `arn:aws:chime:${FAKE_REGION}:${FAKE_ACCOUNT}:media-insights-pipeline-configuration/harness-calls`,
  renamedConfigurationArn: `arn:aws:chime:${FAKE_REGION}:${FAKE_ACCOUNT}:media-insights-pipeline-configuration/harness-calls-v2`,
  missingConfigurationArn: `arn:aws:chime:${FAKE_REGION}:${FAKE_ACCOUNT}:media-insights-pipeline-configuration/missing`,
  roleArn: `arn:aws:iam::${FAKE_ACCOUNT}:role/harness-resource-access`,
  topicArn: `arn:aws:sns:${FAKE_REGION}:${FAKE_ACCOUNT}:harness-results`,
  queueArn: `arn:aws:sqs:${FAKE_REGION}:${FAKE_ACCOUNT}:harness-results`,
  streamArn: `arn:aws:kinesisvideo:${FAKE_REGION}:${FAKE_ACCOUNT}:stream/harness-call/1700000000009`,
  keyArn: `arn:aws:kms:${FAKE_REGION}:${FAKE_ACCOUNT}:key/0f0e0d0c-0b0a-4909-8807-0000000000aa`,
} as const;

/**
 * Variants:
 * - `configuration` / `configurationWithQueue`: the same configuration, one or two sinks (an in-place update);
 * - `configurationTagged` / `configurationRetagged`: the same configuration, its tags changed (in place);
 * - `configurationRenamed`: `configurationTagged` under another name and tags (a replacement);
 * - `pipeline` on the `configuration` (its Arn attribute resolves to the fixture ARN), `pipelineMissing` on a configuration the fake lacks;
 * - `pipelineOnTagged` / `pipelineOnRenamed`: the same pipeline on `configurationTagged` / `configurationRenamed` (a replacement);
 * - `domain` / `domainRenamed` (name and tags change in place); `domainRekeyed`: `domain` under another key (a replacement).
 */
export const chimeChainPart: HarnessPart = {
  name: 'chain',
  add(scope) {
    const role = Role.fromRoleArn(scope, 'Role', CHAIN_FIXTURES.roleArn, { mutable: false });
    const topic = Topic.fromTopicArn(scope, 'Topic', CHAIN_FIXTURES.topicArn);
    const queue = Queue.fromQueueArn(scope, 'Queue', CHAIN_FIXTURES.queueArn);
    const common = { configurationName: CHAIN_FIXTURES.configurationName, voiceToneAnalysis: true, role };
    const configuration = new MediaInsightsPipelineConfiguration(scope, 'Configuration', { ...common, sinks: [VoiceAnalyticsSink.snsTopic(topic)] });
    const withQueue = new MediaInsightsPipelineConfiguration(scope, 'ConfigurationWithQueue', {
      ...common, sinks: [VoiceAnalyticsSink.snsTopic(topic), VoiceAnalyticsSink.sqsQueue(queue)],
    });
    const tagged = (id: string, tags: Record<string, string>) =>
      new MediaInsightsPipelineConfiguration(scope, id, { ...common, sinks: [VoiceAnalyticsSink.snsTopic(topic)], tags });
    const missing = new MediaInsightsPipelineConfiguration(scope, 'Missing', { ...common, configurationName: 'missing', sinks: [VoiceAnalyticsSink.snsTopic(topic)] });
    const source = { stream: KvsStream.fromStreamArn(CHAIN_FIXTURES.streamArn) };
    const configurationTagged = tagged('ConfigurationTagged', { team: 'support', cost: 'calls', env: 'prod' });
    const configurationRenamed = new MediaInsightsPipelineConfiguration(scope, 'ConfigurationRenamed', {
      ...common, configurationName: `${CHAIN_FIXTURES.configurationName}-v2`, sinks: [VoiceAnalyticsSink.snsTopic(topic)], tags: { team: 'voice' },
    });
    const key = Key.fromKeyArn(scope, 'Key', CHAIN_FIXTURES.keyArn);
    const domain = { speakerConsentAcknowledged: true, encryptionKey: key, tags: { team: 'support' } };
    return {
      resources: {
        configuration,
        configurationWithQueue: withQueue,
        configurationTagged,
        configurationRetagged: tagged('ConfigurationRetagged', { team: 'support', cost: 'voice', owner: 'ops' }),
        configurationRenamed,
        pipeline: new KvsMediaInsightsPipeline(scope, 'Pipeline', { configuration, sources: [source], mediaSampleRate: 8000 }),
        pipelineOnTagged: new KvsMediaInsightsPipeline(scope, 'PipelineOnTagged', { configuration: configurationTagged, sources: [source], mediaSampleRate: 8000 }),
        pipelineOnRenamed: new KvsMediaInsightsPipeline(scope, 'PipelineOnRenamed', { configuration: configurationRenamed, sources: [source], mediaSampleRate: 8000 }),
        pipelineMissing: new KvsMediaInsightsPipeline(scope, 'PipelineMissing', { configuration: missing, sources: [source], mediaSampleRate: 8000 }),
        domain: new VoiceProfileDomain(scope, 'Domain', { ...domain, domainName: 'callers' }),
        domainRenamed: new VoiceProfileDomain(scope, 'DomainRenamed', { ...domain, domainName: 'known callers', tags: { team: 'sales' } }),
        domainRekeyed: new VoiceProfileDomain(scope, 'DomainRekeyed', {
          ...domain, domainName: 'callers', encryptionKey: Key.fromKeyArn(scope, 'OtherKey', CHAIN_FIXTURES.keyArn.replace(/key\/./, 'key/f')),
        }),
      },
      refs: deployValues(scope, [
        [configuration.configurationArn, CHAIN_FIXTURES.configurationArn],
        [missing.configurationArn, CHAIN_FIXTURES.missingConfigurationArn],
        [configurationTagged.configurationArn, CHAIN_FIXTURES.configurationArn],
        [configurationRenamed.configurationArn, CHAIN_FIXTURES.renamedConfigurationArn],
      ]),
    };
  },
  async lifecycle(h) {
    const id = { logicalId: 'Resource' };
    const invocations: Invocation[] = [];
    const run = async (event: Parameters<LifecycleHarness['event']>) => {
      const invocation = await h.invoke(h.event(...event));
      invocations.push(invocation);
      return invocation.response?.PhysicalResourceId;
    };
    const config = await run(['Create', 'chain.configuration', id]);
    await run(['Update', 'chain.configurationWithQueue', { ...id, old: 'chain.configuration', physicalId: config }]);
    const pipeline = await run(['Create', 'chain.pipeline', { logicalId: 'Pipeline' }]);
    await run(['Delete', 'chain.pipeline', { logicalId: 'Pipeline', physicalId: pipeline }]);
    await run(['Update', 'chain.configurationRetagged', { ...id, old: 'chain.configurationWithQueue', physicalId: config }]);
    await run(['Delete', 'chain.configurationRetagged', { ...id, physicalId: config }]);
    await run(['Create', 'chain.pipelineMissing', { logicalId: 'Failing' }]);
    await run(['Delete', 'chain.pipelineMissing', { logicalId: 'Failing', physicalId: CREATE_FAILED_MARKER }]);
    const domain = await run(['Create', 'chain.domain', { logicalId: 'Domain' }]);
    await run(['Update', 'chain.domainRenamed', { logicalId: 'Domain', old: 'chain.domain', physicalId: domain }]);
    await run(['Delete', 'chain.domainRenamed', { logicalId: 'Domain', physicalId: domain }]);
    return invocations;
  },
};
