/**
 * Issue 5, VoiceAnalyticsTask: invalid props rejected at synth naming the
 * construct path and the prop, and the same props accepted as tokens (see
 * ../helpers/bad-input).
 */
import { Duration } from 'aws-cdk-lib';
import { CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import { KvsStream, MediaInsightsPipeline, VoiceAnalysis, VoiceAnalyticsTask, VoiceToneLanguage } from '../../src';
import type { VoiceAnalyticsTaskProps } from '../../src';
import { BadInput, Change, ID, TokenInput, complete, describeBadInput, numberToken, stringToken } from '../helpers/bad-input';
import { DOMAIN_ARN, PIPELINE_ARN, PIPELINE_ID, STREAM_ARN } from '../helpers/fixtures';

function chime(change: Change<VoiceAnalyticsTaskProps>) {
  return complete<VoiceAnalyticsTaskProps>({
    mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineId(PIPELINE_ID),
    analysis: VoiceAnalysis.voiceToneAnalysis(),
    source: KvsStream.fromStreamArn(STREAM_ARN),
  }, change);
}

const BAD_INPUT: BadInput<VoiceAnalyticsTaskProps>[] = [
  ['VoiceAnalyticsTask', 'a pipeline ID that is not a UUID', 'mediaInsightsPipeline', chime({ mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineId('my-pipeline') }), /^must be 36 to 36 characters long, got 11/],
  ['VoiceAnalyticsTask', 'an empty pipeline ID', 'mediaInsightsPipeline', chime({ mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineId('') }), /^must be 36 to 36 characters long, got 0/],
  ['VoiceAnalyticsTask', 'a pipeline ID with a character outside the UUID alphabet', 'mediaInsightsPipeline', chime({ mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineId(PIPELINE_ID.replace('0', 'g')) }), /^".*" does not match .* \(a media insights pipeline ID, a UUID\)$/],
  ['VoiceAnalyticsTask', 'a pipeline ARN given to fromPipelineId', 'mediaInsightsPipeline', chime({ mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineId(PIPELINE_ARN) }), /^".*" is an ARN, given to fromPipelineId: use MediaInsightsPipeline\.fromPipelineArn$/],
  ['VoiceAnalyticsTask', 'a blank pipeline ARN', 'mediaInsightsPipeline', chime({ mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineArn(' ') }), /^" " does not match \\S$/],
  ['VoiceAnalyticsTask', 'a pipeline ARN of another service', 'mediaInsightsPipeline', chime({ mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineArn(STREAM_ARN) }), /^".*" is not a media insights pipeline ARN/],
  ['VoiceAnalyticsTask', 'a pipeline ARN of another resource type', 'mediaInsightsPipeline', chime({ mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineArn(DOMAIN_ARN) }), /^".*" is not a media insights pipeline ARN/],
  ['VoiceAnalyticsTask', 'a pipeline in another Region', 'mediaInsightsPipeline', chime({ mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineArn(PIPELINE_ARN.replace('us-east-1', 'eu-west-1')) }), /^the pipeline is in Region eu-west-1 but the stack is in us-east-1$/],
  ['VoiceAnalyticsTask', 'a pipeline in another account', 'mediaInsightsPipeline', chime({ mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineArn(PIPELINE_ARN.replace('123456789012', '210987654321')) }), /^the pipeline is in account 210987654321 but the stack is in 123456789012$/],
  ['VoiceAnalyticsTask', 'an analysis of an unknown kind', 'analysis', chime({ analysis: { kind: 'Transcription' } as unknown as VoiceAnalysis }), /^must be one of VoiceToneAnalysis, SpeakerSearch, got "Transcription"$/],
  ['VoiceAnalyticsTask', 'a language the service does not analyse', 'analysis.languageCode', chime({ analysis: VoiceAnalysis.voiceToneAnalysis({ languageCode: 'fr-FR' as VoiceToneLanguage }) }), /^must be one of en-US, got "fr-FR"$/],
  ['VoiceAnalyticsTask', 'a voice profile domain that is not an ARN', 'analysis.voiceProfileDomainArn', chime({ analysis: VoiceAnalysis.speakerSearch({ voiceProfileDomainArn: 'my-domain' }) }), /^"my-domain" does not match .* \(a voice profile domain ARN\)$/],
  ['VoiceAnalyticsTask', 'an empty voice profile domain ARN', 'analysis.voiceProfileDomainArn', chime({ analysis: VoiceAnalysis.speakerSearch({ voiceProfileDomainArn: '' }) }), /^must be 1 to 1024 characters long, got 0/],
  ['VoiceAnalyticsTask', 'a voice profile domain ARN over 1024 characters', 'analysis.voiceProfileDomainArn', chime({ analysis: VoiceAnalysis.speakerSearch({ voiceProfileDomainArn: `${DOMAIN_ARN}${'a'.repeat(1024)}` }) }), /^must be 1 to 1024 characters long, got 11\d\d/],
  ['VoiceAnalyticsTask', 'a voice profile domain ARN of another resource type', 'analysis.voiceProfileDomainArn', chime({ analysis: VoiceAnalysis.speakerSearch({ voiceProfileDomainArn: PIPELINE_ARN }) }), /^".*" is not a voice profile domain ARN/],
  ['VoiceAnalyticsTask', 'a voice profile domain ARN of another service', 'analysis.voiceProfileDomainArn', chime({ analysis: VoiceAnalysis.speakerSearch({ voiceProfileDomainArn: DOMAIN_ARN.replace(':chime:', ':voiceid:') }) }), /^".*:voiceid:.*" is not a voice profile domain ARN \(arn:<partition>:chime:/],
  ['VoiceAnalyticsTask', 'a stream known by name only', 'source', chime({ source: KvsStream.fromStreamName('agent-call') }), /^the stream "agent-call" is known by name only .* use KvsStream\.fromCfnStream or KvsStream\.fromStreamArn$/],
  ['VoiceAnalyticsTask', 'a stream ARN without its creation time', 'source', chime({ source: KvsStream.fromStreamArn('arn:aws:kinesisvideo:us-east-1:123456789012:stream/agent-call') }), /^".*" does not match .* \(a Kinesis Video stream ARN\)$/],
  ['VoiceAnalyticsTask', 'a stream ARN of another service', 'source', chime({ source: KvsStream.fromStreamArn('arn:aws:kinesis:us-east-1:123456789012:stream/agent-call/1') }), /^".*" does not match/],
  ['VoiceAnalyticsTask', 'a stream ARN over 1024 characters', 'source', chime({ source: KvsStream.fromStreamArn(`arn:aws:kinesisvideo:us-east-1:123456789012:stream/${'s'.repeat(1000)}/1`) }), /^must be 1 to 1024 characters long, got 10\d\d/],
  ['VoiceAnalyticsTask', 'channel 2', 'channelId', chime({ channelId: 2 }), /^must be from 0 to 1, got 2$/],
  ['VoiceAnalyticsTask', 'channel -1', 'channelId', chime({ channelId: -1 }), /^must be from 0 to 1, got -1$/],
  ['VoiceAnalyticsTask', 'a channel that is not a whole number', 'channelId', chime({ channelId: 0.5 }), /^must be a whole number from 0 to 1, got 0.5$/],
  ['VoiceAnalyticsTask', 'a fragment number with letters', 'fragmentNumber', chime({ fragmentNumber: '12ab' }), /^"12ab" does not match \^\[0-9\]\+\$ \(digits only\)$/],
  ['VoiceAnalyticsTask', 'an empty fragment number', 'fragmentNumber', chime({ fragmentNumber: '' }), /^must be 1 to 128 characters long, got 0/],
  ['VoiceAnalyticsTask', 'a fragment number over 128 digits', 'fragmentNumber', chime({ fragmentNumber: '1'.repeat(129) }), /^must be 1 to 128 characters long, got 129/],
  ['VoiceAnalyticsTask', 'a start timeout over 8 minutes', 'startTimeout', chime({ startTimeout: Duration.minutes(9) }), /^must be from 10 s to 480 s, got 540 s$/],
  ['VoiceAnalyticsTask', 'a start timeout under 10 seconds', 'startTimeout', chime({ startTimeout: Duration.seconds(5) }), /^must be from 10 s to 480 s, got 5 s$/],
  ['VoiceAnalyticsTask', 'a start timeout in fractions of a second', 'startTimeout', chime({ startTimeout: Duration.millis(30_500) }), /^must be a whole number from 10 s to 480 s, got 30.5 s$/],
  ['VoiceAnalyticsTask', 'a start timeout in fractions of a millisecond', 'startTimeout', chime({ startTimeout: Duration.millis(30_000.5) }), /^must be a whole number from 10 s to 480 s, got 30.0005 s$/],
  ['VoiceAnalyticsTask', 'a start timeout token in minutes', 'startTimeout', chime({ startTimeout: Duration.minutes(numberToken('Timeout')) }), /^a token duration must be given with Duration\.seconds\(\), got one in minutes$/],
  ['VoiceAnalyticsTask', 'a start timeout without waiting', 'startTimeout', chime({ waitForInProgress: false, startTimeout: Duration.minutes(1) }), /^only applies when waitForInProgress is true$/],
];

const TOKENS: TokenInput<VoiceAnalyticsTaskProps>[] = [
  ['VoiceAnalyticsTask', 'mediaInsightsPipeline', 'fromPipelineId(token)', chime({ mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineId(stringToken('PipelineId')) }), { Identifier: { Ref: 'PipelineId' } }],
  ['VoiceAnalyticsTask', 'mediaInsightsPipeline', 'fromPipelineArn(token)', chime({ mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineArn(stringToken('PipelineArn')) }), { Identifier: { Ref: 'PipelineArn' } }],
  ['VoiceAnalyticsTask', 'analysis.voiceProfileDomainArn', 'a string token', chime({ analysis: VoiceAnalysis.speakerSearch({ voiceProfileDomainArn: stringToken('DomainArn') }) }), { VoiceProfileDomainArn: { Ref: 'DomainArn' } }],
  ['VoiceAnalyticsTask', 'source', 'fromStreamArn(token)', chime({ source: KvsStream.fromStreamArn(stringToken('StreamArn')) }), { KinesisVideoStreamSourceTaskConfiguration: { StreamArn: { Ref: 'StreamArn' } } }],
  ['VoiceAnalyticsTask', 'source', 'a CfnStream (its Arn attribute), retention unset', chime((stack) => ({ source: KvsStream.fromCfnStream(new CfnStream(stack, 'Stream', {})) })), {
    KinesisVideoStreamSourceTaskConfiguration: { StreamArn: { 'Fn::GetAtt': ['Stream', 'Arn'] } },
  }],
  ['VoiceAnalyticsTask', 'channelId', 'a number token', chime({ channelId: numberToken('Channel') }), { KinesisVideoStreamSourceTaskConfiguration: { ChannelId: { Ref: 'Channel' } } }],
  ['VoiceAnalyticsTask', 'fragmentNumber', 'a string token', chime({ fragmentNumber: stringToken('Fragment') }), { KinesisVideoStreamSourceTaskConfiguration: { FragmentNumber: { Ref: 'Fragment' } } }],
  ['VoiceAnalyticsTask', 'startTimeout', 'Duration.seconds(token)', chime({ startTimeout: Duration.seconds(numberToken('Timeout')) }), { StartTimeoutSeconds: { Ref: 'Timeout' } }],
];

/** The props of the bad-input table that cannot hold a token, keyed `<construct> <prop>`, with the reason. */
const NOT_TOKENIZABLE: Record<string, string> = {
  'VoiceAnalyticsTask analysis': 'a VoiceAnalysis object: its kind picks the API and the IAM actions at synth',
  'VoiceAnalyticsTask analysis.languageCode': 'an enum: other languages can pass only its members',
};

describeBadInput('VoiceAnalyticsTask', {
  build: (stack, props) => new VoiceAnalyticsTask(stack, ID, props),
  resourceType: 'Custom::VoiceAnalyticsTask',
  everyProp: [
    chime({ analysis: VoiceAnalysis.voiceToneAnalysis({ languageCode: VoiceToneLanguage.EN_US }), channelId: 1, fragmentNumber: '1234', startTimeout: Duration.minutes(1) }),
    chime({
      mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineArn(PIPELINE_ARN),
      analysis: VoiceAnalysis.speakerSearch({ voiceProfileDomainArn: DOMAIN_ARN }),
    }),
  ],
  minRows: 31,
}, BAD_INPUT, TOKENS, NOT_TOKENIZABLE);
