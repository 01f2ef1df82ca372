/**
 * Issue 13: bad input of the voice analytics chain's constructs
 * (MediaInsightsPipelineConfiguration, KvsMediaInsightsPipeline,
 * VoiceProfileDomain, and VoiceAnalyticsTask's new props), rejected at synth
 * naming the construct path and the prop, and the same props accepted as
 * tokens (see ../helpers/bad-input).
 */
import { Duration, Token } from 'aws-cdk-lib';
import type { Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  KvsMediaInsightsPipeline, KvsStream, MediaInsightsPipeline, MediaInsightsPipelineConfiguration, ParticipantRole, PipelineMediaEncoding,
  VoiceAnalysis, VoiceAnalyticsSink, VoiceAnalyticsTask, VoiceProfileDomain,
} from '../../src';
import type { IMediaInsightsPipelineConfiguration, KvsMediaInsightsPipelineProps, MediaInsightsPipelineConfigurationProps, VoiceAnalyticsTaskProps, VoiceProfileDomainProps } from '../../src';
import { BadInput, Change, ID, TokenInput, complete, describeBadInput, newStack, numberToken, stringToken } from '../helpers/bad-input';
import { PIPELINE_ID, STREAM_ARN } from '../helpers/fixtures';

const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:results';
const KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const topic = (stack: Stack, arn = TOPIC_ARN, id = 'Topic') => sns.Topic.fromTopicArn(stack, id, arn);

/** Valid configuration props with `change` applied (the default sink is made only when the change gives none). */
function configProps(change: Change<MediaInsightsPipelineConfigurationProps>) {
  return (stack: Stack): MediaInsightsPipelineConfigurationProps => {
    const changed = typeof change === 'function' ? change(stack) : change;
    return { voiceToneAnalysis: true, sinks: changed.sinks ?? [VoiceAnalyticsSink.snsTopic(topic(stack))], ...changed };
  };
}

const CONFIGURATION_BAD: BadInput<MediaInsightsPipelineConfigurationProps>[] = [
  ['MediaInsightsPipelineConfiguration', 'a name over 64 characters', 'configurationName', configProps({ configurationName: 'c'.repeat(65) }), /^must be 2 to 64 characters long, got 65/],
  ['MediaInsightsPipelineConfiguration', 'a name with a space', 'configurationName', configProps({ configurationName: 'my calls' }), /^"my calls" does not match/],
  ['MediaInsightsPipelineConfiguration', 'a role of another account', 'role', configProps((s) => ({ role: iam.Role.fromRoleArn(s, 'R', 'arn:aws:iam::210987654321:role/x') })),
    /^the role is in account 210987654321 but the stack is in 123456789012; the service cannot use a cross-account role$/],
  ['MediaInsightsPipelineConfiguration', 'neither analysis enabled', 'voiceToneAnalysis', configProps({ voiceToneAnalysis: false }), /^enable voiceToneAnalysis, speakerSearch or both/],
  ['MediaInsightsPipelineConfiguration', 'speaker search without consent', 'speakerConsentAcknowledged', configProps({ speakerSearch: true }), /^speaker search processes voiceprints .* Read more: https:\/\//],
  ['MediaInsightsPipelineConfiguration', 'no sinks', 'sinks', configProps({ sinks: [] }), /^give at least one sink/],
  ['MediaInsightsPipelineConfiguration', 'a FIFO queue', 'sinks[0]', configProps((s) => ({ sinks: [VoiceAnalyticsSink.sqsQueue(new sqs.Queue(s, 'Q', { fifo: true }))] })), /^the queue is FIFO/],
  ['MediaInsightsPipelineConfiguration', 'a FIFO topic', 'sinks[0]', configProps((s) => ({ sinks: [VoiceAnalyticsSink.snsTopic(new sns.Topic(s, 'T', { fifo: true }))] })), /^the topic is FIFO/],
  ['MediaInsightsPipelineConfiguration', 'a sink in another Region', 'sinks[0]', configProps((s) => ({ sinks: [VoiceAnalyticsSink.snsTopic(topic(s, TOPIC_ARN.replace('us-east-1', 'eu-west-1')))] })),
    /^the sink is in Region eu-west-1 but the stack is in us-east-1/],
  ['MediaInsightsPipelineConfiguration', 'two sinks of one type', 'sinks[1]', configProps((s) => ({ sinks: [VoiceAnalyticsSink.snsTopic(topic(s)), VoiceAnalyticsSink.snsTopic(topic(s, `${TOPIC_ARN}2`, 'T2'))] })),
    /^a second SnsTopicSink: a configuration takes each element type once$/],
  ['MediaInsightsPipelineConfiguration', 'more tags than the model\'s TagList takes less the owner tag', 'tags', configProps({ tags: Object.fromEntries([...Array(200)].map((_, i) => [`k${i}`, 'v'])) }),
    /^at most 199 tags \(the service takes 200, one is the handler's cdk-live-media:resource\), got 200$/],
  ['MediaInsightsPipelineConfiguration', 'an empty tag key', 'tags', configProps({ tags: { '': 'v' } }), /^must be 1 to 128 characters long, got 0 \(""\)$/],
  ['MediaInsightsPipelineConfiguration', 'a tag key over 128 characters', 'tags', configProps({ tags: { ['k'.repeat(129)]: 'v' } }), /^must be 1 to 128 characters long, got 129/],
  ['MediaInsightsPipelineConfiguration', 'a tag value over 256 characters', 'tags.team', configProps({ tags: { team: 'v'.repeat(257) } }), /^must be 0 to 256 characters long, got 257/],
  ['MediaInsightsPipelineConfiguration', 'a tag key with the handler\'s reserved prefix', 'tags', configProps({ tags: { 'cdk-live-media:resource': 'mine' } }),
    /^the key "cdk-live-media:resource" uses the prefix cdk-live-media:, reserved for the handler's own tags \(cdk-live-media:resource\)$/],
  ['MediaInsightsPipelineConfiguration', 'a tag key with the handler\'s reserved prefix in capitals', 'tags', configProps({ tags: { 'CDK-Live-Media:team': 'x' } }),
    /^the key "CDK-Live-Media:team" uses the prefix cdk-live-media:/],
  ['MediaInsightsPipelineConfiguration', 'a tag key with the reserved aws: prefix', 'tags', configProps({ tags: { 'AWS:team': 'support' } }), /^the key "AWS:team" uses the prefix aws:, reserved for AWS$/],
];

const CONFIGURATION_TOKENS: TokenInput<MediaInsightsPipelineConfigurationProps>[] = [
  ['MediaInsightsPipelineConfiguration', 'configurationName', 'a string token', configProps({ configurationName: stringToken('Name') }), { Name: { Ref: 'Name' } }],
  ['MediaInsightsPipelineConfiguration', 'role', 'Role.fromRoleArn(token)', configProps((s) => ({ role: iam.Role.fromRoleArn(s, 'R', stringToken('RoleArn')) })), { ResourceAccessRoleArn: { Ref: 'RoleArn' } }],
  ['MediaInsightsPipelineConfiguration', 'sinks[0]', 'Topic.fromTopicArn(token)', configProps((s) => ({ sinks: [VoiceAnalyticsSink.snsTopic(topic(s, stringToken('TopicArn')))] })),
    { Elements: Match.arrayWith([{ Type: 'SnsTopicSink', SnsTopicSinkConfiguration: { InsightsTarget: { Ref: 'TopicArn' } } }]) }],
  ['MediaInsightsPipelineConfiguration', 'tags.team', 'a string token value', configProps({ tags: { team: stringToken('Team') } }), { Tags: { team: { Ref: 'Team' } } }],
  ['MediaInsightsPipelineConfiguration', 'tags', 'a token for the whole map', configProps({ tags: Token.asAny({ Ref: 'Tags' }) as unknown as Record<string, string> }), { Tags: { Ref: 'Tags' } }],
];

describeBadInput('MediaInsightsPipelineConfiguration', {
  build: (stack, props) => new MediaInsightsPipelineConfiguration(stack, ID, props),
  resourceType: 'Custom::MediaInsightsPipelineConfiguration',
  everyProp: [configProps({ configurationName: 'calls', speakerSearch: true, speakerConsentAcknowledged: true, tags: { team: 'support' } })],
  minRows: 15,
}, CONFIGURATION_BAD, CONFIGURATION_TOKENS, {
  'MediaInsightsPipelineConfiguration voiceToneAnalysis': 'a boolean that picks the processor\'s features and the tasks granted at synth',
  'MediaInsightsPipelineConfiguration speakerConsentAcknowledged': 'an acknowledgement, checked at synth',
  'MediaInsightsPipelineConfiguration sinks': 'a list of constructs: each sink picks its element type and grants at synth',
  'MediaInsightsPipelineConfiguration sinks[1]': 'the element type of a sink is known at synth',
});

/**
 * A stand-in configuration: the pipeline's table must see only the pipeline's
 * own checks (a real configuration would run its own validation in the same build).
 */
function standInConfiguration(stack: Stack): IMediaInsightsPipelineConfiguration {
  return Object.assign(new Construct(stack, 'Configuration'), {
    configurationName: 'calls',
    configurationArn: 'arn:aws:chime:us-east-1:123456789012:media-insights-pipeline-configuration/calls',
    pipelineRuntimeMetadata: { cdkLiveMediaConfiguration: 'calls' },
    grantStreamRead: () => undefined,
    grantCreatePipelines: () => { throw new Error('not used'); },
    grantRunTasks: () => { throw new Error('not used'); },
  });
}

function pipeline(change: Change<KvsMediaInsightsPipelineProps>) {
  return (stack: Stack): KvsMediaInsightsPipelineProps => ({
    configuration: standInConfiguration(stack),
    sources: [{ stream: KvsStream.fromStreamArn(STREAM_ARN) }],
    mediaSampleRate: 8000,
    ...(typeof change === 'function' ? change(stack) : change),
  });
}
const source = (extra: object) => ({ sources: [{ stream: KvsStream.fromStreamArn(STREAM_ARN), ...extra }] });

const PIPELINE_BAD: BadInput<KvsMediaInsightsPipelineProps>[] = [
  ['KvsMediaInsightsPipeline', 'no stream', 'sources', pipeline({ sources: [] }), /^give one or two streams, got 0$/],
  ['KvsMediaInsightsPipeline', 'three streams', 'sources', pipeline({ sources: [1, 2, 3].map(() => ({ stream: KvsStream.fromStreamArn(STREAM_ARN) })) }), /^give one or two streams, got 3$/],
  ['KvsMediaInsightsPipeline', 'a stream known by name only', 'sources[0].stream', pipeline({ sources: [{ stream: KvsStream.fromStreamName('camera') }] }), /^the stream "camera" is known by name only/],
  ['KvsMediaInsightsPipeline', 'a stream ARN without its creation time', 'sources[0].stream', pipeline({ sources: [{ stream: KvsStream.fromStreamArn(STREAM_ARN.replace(/\/\d+$/, '')) }] }), /does not match .*\(a Kinesis Video stream ARN\)$/],
  ['KvsMediaInsightsPipeline', '3 channels', 'sources[0].numberOfChannels', pipeline(source({ numberOfChannels: 3 })), /^must be from 1 to 2, got 3$/],
  ['KvsMediaInsightsPipeline', 'channel 2', 'sources[0].channels[0].channelId', pipeline(source({ numberOfChannels: 2, channels: [{ channelId: 2 }] })), /^must be from 0 to 1, got 2$/],
  ['KvsMediaInsightsPipeline', 'channel 1 of a one-channel stream', 'sources[0].channels[0].channelId', pipeline(source({ channels: [{ channelId: 1 }] })), /^channel 1 does not exist in a stream of 1 channel\(s\)$/],
  ['KvsMediaInsightsPipeline', 'an unknown participant role', 'sources[0].channels[0].participantRole', pipeline(source({ channels: [{ channelId: 0, participantRole: 'BOSS' as ParticipantRole }] })),
    /^must be one of AGENT, CUSTOMER, got "BOSS"$/],
  ['KvsMediaInsightsPipeline', 'more channels described than the stream has', 'sources[0].channels', pipeline(source({ channels: [{ channelId: 0 }, { channelId: 0 }] })), /^describe 1 to numberOfChannels \(1\) channels, got 2$/],
  ['KvsMediaInsightsPipeline', 'a fragment number with letters', 'sources[0].fragmentNumber', pipeline(source({ fragmentNumber: '12ab' })), /^"12ab" does not match/],
  ['KvsMediaInsightsPipeline', 'an encoding other than PCM', 'mediaEncoding', pipeline({ mediaEncoding: 'mp3' as PipelineMediaEncoding }), /^must be one of pcm, got "mp3"$/],
  ['KvsMediaInsightsPipeline', 'a sample rate under 8000 Hz', 'mediaSampleRate', pipeline({ mediaSampleRate: 7999 }), /^must be from 8000 to 48000, got 7999$/],
  ['KvsMediaInsightsPipeline', 'a sample rate over 48000 Hz', 'mediaSampleRate', pipeline({ mediaSampleRate: 48001 }), /^must be from 8000 to 48000, got 48001$/],
  ['KvsMediaInsightsPipeline', 'a start timeout over 8 minutes', 'startTimeout', pipeline({ waitForInProgress: true, startTimeout: Duration.minutes(9) }), /^must be from 10 to 480, got 540$/],
  ['KvsMediaInsightsPipeline', 'a start timeout without waiting', 'startTimeout', pipeline({ startTimeout: Duration.minutes(1) }), /^only applies when waitForInProgress is true$/],
];

const PIPELINE_TOKENS: TokenInput<KvsMediaInsightsPipelineProps>[] = [
  ['KvsMediaInsightsPipeline', 'sources[0].stream', 'fromStreamArn(token)', pipeline({ sources: [{ stream: KvsStream.fromStreamArn(stringToken('StreamArn')) }] }),
    { KinesisVideoStreamSourceRuntimeConfiguration: { Streams: [Match.objectLike({ StreamArn: { Ref: 'StreamArn' } })] } }],
  ['KvsMediaInsightsPipeline', 'sources[0].numberOfChannels', 'a number token', pipeline(source({ numberOfChannels: numberToken('Channels') })),
    { KinesisVideoStreamSourceRuntimeConfiguration: { Streams: [Match.objectLike({ StreamChannelDefinition: { NumberOfChannels: { Ref: 'Channels' } } })] } }],
  ['KvsMediaInsightsPipeline', 'sources[0].channels[0].channelId', 'a number token', pipeline(source({ numberOfChannels: 2, channels: [{ channelId: numberToken('Channel') }] })),
    { KinesisVideoStreamSourceRuntimeConfiguration: { Streams: [Match.objectLike({ StreamChannelDefinition: { NumberOfChannels: 2, ChannelDefinitions: [{ ChannelId: { Ref: 'Channel' } }] } })] } }],
  ['KvsMediaInsightsPipeline', 'sources[0].fragmentNumber', 'a string token', pipeline(source({ fragmentNumber: stringToken('Fragment') })),
    { KinesisVideoStreamSourceRuntimeConfiguration: { Streams: [Match.objectLike({ FragmentNumber: { Ref: 'Fragment' } })] } }],
  ['KvsMediaInsightsPipeline', 'mediaSampleRate', 'a number token', pipeline({ mediaSampleRate: numberToken('Rate') }), { KinesisVideoStreamSourceRuntimeConfiguration: { MediaSampleRate: { Ref: 'Rate' } } }],
  ['KvsMediaInsightsPipeline', 'startTimeout', 'Duration.seconds(token)', pipeline({ waitForInProgress: true, startTimeout: Duration.seconds(numberToken('Timeout')) }), { StartTimeoutSeconds: { Ref: 'Timeout' } }],
];

describeBadInput('KvsMediaInsightsPipeline', {
  build: (stack, props) => new KvsMediaInsightsPipeline(stack, ID, props),
  resourceType: 'Custom::MediaInsightsPipeline',
  everyProp: [pipeline(source({ numberOfChannels: 2, channels: [{ channelId: 1, participantRole: ParticipantRole.AGENT }], fragmentNumber: '1' }))],
  minRows: 15,
}, PIPELINE_BAD, PIPELINE_TOKENS, {
  'KvsMediaInsightsPipeline sources': 'a list of streams, each with its own synth-time checks',
  'KvsMediaInsightsPipeline sources[0].channels': 'a list: its length is checked at synth',
  'KvsMediaInsightsPipeline sources[0].channels[0].participantRole': 'an enum: other languages can pass only its members',
  'KvsMediaInsightsPipeline mediaEncoding': 'an enum: other languages can pass only its members',
});

function domain(change: Change<VoiceProfileDomainProps>) {
  return complete<VoiceProfileDomainProps>({ speakerConsentAcknowledged: true }, change);
}

const DOMAIN_BAD: BadInput<VoiceProfileDomainProps>[] = [
  ['VoiceProfileDomain', 'no consent', 'speakerConsentAcknowledged', domain({ speakerConsentAcknowledged: false }), /^speaker search processes voiceprints/],
  ['VoiceProfileDomain', 'a name over 256 characters', 'domainName', domain({ domainName: 'd'.repeat(257) }), /^must be 1 to 256 characters long, got 257/],
  ['VoiceProfileDomain', 'a name with a slash', 'domainName', domain({ domainName: 'callers/eu' }), /^"callers\/eu" does not match/],
  ['VoiceProfileDomain', 'a description over 1024 characters', 'description', domain({ description: 'd'.repeat(1025) }), /^must be 0 to 1024 characters long, got 1025/],
  ['VoiceProfileDomain', 'a key alias', 'encryptionKey', domain((s) => ({ encryptionKey: kms.Key.fromKeyArn(s, 'K', 'arn:aws:kms:us-east-1:123456789012:alias/voice') })), /is not a KMS key ARN \(not an alias/],
  ['VoiceProfileDomain', 'a key in another Region', 'encryptionKey', domain((s) => ({ encryptionKey: kms.Key.fromKeyArn(s, 'K', KEY_ARN.replace('us-east-1', 'eu-west-1')) })), /^the key is in Region eu-west-1/],
  ['VoiceProfileDomain', '49 tags (two of 50 are the handler\'s)', 'tags', domain({ tags: Object.fromEntries([...Array(49).keys()].map((i) => [`k${i}`, 'v'])) }), /^at most 48 tags \(the service takes 50, two are the handler's cdk-live-media:resource and cdk-live-media:replaces\), got 49$/],
  ['VoiceProfileDomain', 'a tag key over 128 characters', 'tags', domain({ tags: { ['k'.repeat(129)]: 'v' } }), /^must be 1 to 128 characters long, got 129/],
  ['VoiceProfileDomain', 'a tag value over 256 characters', 'tags', domain({ tags: { team: 'v'.repeat(257) } }), /^must be 0 to 256 characters long, got 257/],
  ['VoiceProfileDomain', 'a tag key with the reserved aws: prefix', 'tags', domain({ tags: { 'aws:team': 'support' } }), /^the key "aws:team" uses the prefix aws:, reserved for AWS$/],
  ['VoiceProfileDomain', 'a tag key with the handler\'s prefix', 'tags', domain({ tags: { 'cdk-live-media:replaces': 'x' } }), /^the key "cdk-live-media:replaces" uses the prefix cdk-live-media:, reserved for the handler's own tags$/],
  ['VoiceProfileDomain', 'the whole tag map as a token', 'tags', domain({ tags: Token.asAny({ Ref: 'Tags' }) as any }), /^must be a map written in the app, not a token/],
];

const DOMAIN_TOKENS: TokenInput<VoiceProfileDomainProps>[] = [
  ['VoiceProfileDomain', 'domainName', 'a string token', domain({ domainName: stringToken('Name') }), { Name: { Ref: 'Name' } }],
  ['VoiceProfileDomain', 'description', 'a string token', domain({ description: stringToken('Description') }), { Description: { Ref: 'Description' } }],
  ['VoiceProfileDomain', 'encryptionKey', 'Key.fromKeyArn(token)', domain((s) => ({ encryptionKey: kms.Key.fromKeyArn(s, 'K', stringToken('KeyArn')) })), { KmsKeyArn: { Ref: 'KeyArn' } }],
  ['VoiceProfileDomain', 'tags', 'a string token value', domain({ tags: { team: stringToken('Team') } }), { Tags: [{ Key: 'team', Value: { Ref: 'Team' } }] }],
];

describeBadInput('VoiceProfileDomain', {
  build: (stack, props) => new VoiceProfileDomain(stack, ID, props),
  resourceType: 'Custom::VoiceProfileDomain',
  everyProp: [domain((s) => ({ domainName: 'callers', description: 'd', encryptionKey: kms.Key.fromKeyArn(s, 'K', KEY_ARN), tags: { team: 'support' } }))],
  minRows: 11,
}, DOMAIN_BAD, DOMAIN_TOKENS, {
  'VoiceProfileDomain speakerConsentAcknowledged': 'an acknowledgement, checked at synth',
});

describe('VoiceAnalyticsTask with a pipeline or domain construct', () => {
  const stackPipeline = (stack: Stack) => new KvsMediaInsightsPipeline(stack, 'Pipeline', pipeline({})(stack));
  const attempt = (props: (stack: Stack) => VoiceAnalyticsTaskProps) => () => {
    const stack = newStack();
    new VoiceAnalyticsTask(stack, ID, props(stack));
  };
  const header = `VoiceAnalyticsTask at 'TestStack/${ID}' has invalid props:\n  - `;

  test('rejects no pipeline, naming the construct path and pipeline', () => {
    expect(attempt(() => ({ analysis: VoiceAnalysis.voiceToneAnalysis(), source: KvsStream.fromStreamArn(STREAM_ARN) })))
      .toThrow(`${header}pipeline: give pipeline (a KvsMediaInsightsPipeline) or mediaInsightsPipeline (an ID or ARN), exactly one`);
  });

  test('rejects both pipelines', () => {
    const byId = MediaInsightsPipeline.fromPipelineId(PIPELINE_ID);
    expect(attempt((s) => ({ analysis: VoiceAnalysis.voiceToneAnalysis(), pipeline: stackPipeline(s), mediaInsightsPipeline: byId })))
      .toThrow(`${header}pipeline: give pipeline`);
  });

  test('rejects a pipeline by ID without a source, naming source', () => {
    expect(attempt(() => ({ analysis: VoiceAnalysis.voiceToneAnalysis(), mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineId(PIPELINE_ID) })))
      .toThrow(`${header}source: required with mediaInsightsPipeline`);
  });

  test('rejects an analysis the pipeline\'s configuration does not enable, naming analysis', () => {
    const domainArn = 'arn:aws:chime:us-east-1:123456789012:voice-profile-domain/d';
    // A configuration of the stack (an imported one's features are not known).
    const toneOnly = (s: Stack) => new KvsMediaInsightsPipeline(s, 'Pipeline', {
      configuration: new MediaInsightsPipelineConfiguration(s, 'Configuration', { voiceToneAnalysis: true, sinks: [VoiceAnalyticsSink.snsTopic(topic(s))] }),
      sources: [{ stream: KvsStream.fromStreamArn(STREAM_ARN) }],
      mediaSampleRate: 8000,
    });
    expect(attempt((s) => ({ pipeline: toneOnly(s), analysis: VoiceAnalysis.speakerSearch({ voiceProfileDomainArn: domainArn }) })))
      .toThrow(`${header}analysis: the pipeline's configuration TestStack/Configuration does not enable speakerSearch`);
  });

  test('speakerSearch takes a domain construct or an ARN, exactly one', () => {
    expect(() => VoiceAnalysis.speakerSearch({})).toThrow('VoiceAnalysis.speakerSearch: give voiceProfileDomain or voiceProfileDomainArn, exactly one');
  });
});
