import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CfnChannel, CfnEncoderConfiguration, CfnStage, CfnStorageConfiguration } from 'aws-cdk-lib/aws-ivs';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { DEADLINE_MARGIN_MS } from '../../lambda/shared/deadline';
import { requestToken as idempotencyTokenOf } from '../../lambda/shared/request-token';
import {
  CompositionLayout,
  IvsChannel,
  IvsComposition,
  IvsEncoderConfiguration,
  IvsStage,
  IvsStorageConfiguration,
  PipBehavior,
  PipPosition,
  ThumbnailStorage,
  VideoAspectRatio,
  VideoFillMode,
} from '../../src';
import { HANDLER_TIMEOUT } from '../../src/core/provider';
import {
  decodeIvsCompositionProperties,
  IVS_COMPOSITION_MAX_START_TIMEOUT_SECONDS,
  IVS_COMPOSITION_STOP_WAIT_SECONDS,
} from '../../src/ivs/composition.contract';
import { resolveIntrinsics, stringifyScalars } from '../helpers/cfn';
import { CHANNEL_ARN, ENCODER_ARN, STAGE_ARN, STORAGE_ARN, TEST_ENV as ENV } from '../helpers/fixtures';
import { handlerStatements, kindPolicyId } from '../helpers/iam-policy';
import { fromCfnIvs } from '../helpers/ivs';
import { validateShape } from '../helpers/model';
import { withImageGeneration } from '../helpers/shared-handler';
import { snapshotOf } from '../helpers/snapshot';


/** What a deploy would resolve the Arn attributes of the representative stack to. */
const DEPLOYED_ARNS = {
  'Stage.Arn': STAGE_ARN,
  'Channel.Arn': CHANNEL_ARN,
  'Encoder.Arn': ENCODER_ARN,
  'Storage.Arn': STORAGE_ARN,
};

function newStack(env: { account?: string; region?: string } | undefined = ENV) {
  return new Stack(new App(), 'TestStack', { env });
}

const getAtt = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });
const everyOf = (type: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:ivs:us-east-1:123456789012:${type}/*`]] });

/** A stage, an encoder configuration, a storage configuration on a bucket and a channel, all in the app. */
function ivsResources(stack: Stack) {
  const stage = new CfnStage(stack, 'Stage', { name: 'studio' });
  const encoder = new CfnEncoderConfiguration(stack, 'Encoder', {
    name: 'hd',
    video: { width: 1280, height: 720, bitrate: 2_500_000, framerate: 30 },
  });
  const bucket = new Bucket(stack, 'Recordings');
  const storage = new CfnStorageConfiguration(stack, 'Storage', { name: 'recordings', s3: { bucketName: bucket.bucketName } });
  const channel = new CfnChannel(stack, 'Channel', { name: 'studio-live', latencyMode: 'LOW', type: 'STANDARD' });
  return fromCfnIvs({ stage, encoder, storage, channel });
}

function representativeStack() {
  const stack = newStack();
  const ivs = ivsResources(stack);
  new IvsComposition(stack, 'Studio', {
    stage: ivs.stage,
    layout: CompositionLayout.pip({
      featuredParticipantAttribute: 'host',
      omitStoppedVideo: true,
      videoFillMode: VideoFillMode.CONTAIN,
      gridGap: 0,
      pipParticipantAttribute: 'guest',
      pipBehavior: PipBehavior.DYNAMIC,
      pipOffset: 16,
      pipPosition: PipPosition.TOP_RIGHT,
      pipWidth: 320,
      pipHeight: 180,
    }),
    channel: { channel: ivs.channel, encoderConfiguration: ivs.encoder, name: 'live' },
    s3: {
      storageConfiguration: ivs.storage,
      encoderConfiguration: ivs.encoder,
      hlsTargetSegmentDuration: Duration.seconds(6),
      thumbnails: { interval: Duration.seconds(30), storage: [ThumbnailStorage.SEQUENTIAL, ThumbnailStorage.LATEST] },
      name: 'recording',
    },
    tags: { team: 'media', show: 'morning' },
    startTimeout: Duration.minutes(3),
  });
  new IvsComposition(stack, 'Recorder', {
    stage: IvsStage.fromStageArn(STAGE_ARN),
    s3: {
      storageConfiguration: IvsStorageConfiguration.fromStorageConfigurationArn(STORAGE_ARN),
      encoderConfiguration: IvsEncoderConfiguration.fromEncoderConfigurationArn(ENCODER_ARN),
    },
  });
  return stack;
}

/** The template with the handler asset's hash masked, so that a change of any handler does not rewrite this snapshot. */
const COMPOSITION_ACTIONS = ['ivs:GetComposition', 'ivs:StopComposition', 'ivs:TagResource', 'ivs:UntagResource'];

function rolePolicyStatements(template: Template): any[] {
  expect(Object.values<any>(template.findResources('AWS::IAM::Role'))).toHaveLength(1);
  return handlerStatements(template);
}

describe('IvsComposition template', () => {
  test('snapshot of a representative stack', () => {
    expect(snapshotOf(representativeStack())).toMatchSnapshot();
  });

  test('sends the StartComposition input as the API takes it, numbers and booleans as such', () => {
    const template = Template.fromStack(representativeStack());
    template.resourceCountIs('Custom::IvsComposition', 2);
    template.hasResourceProperties('Custom::IvsComposition', {
      ServiceToken: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CdkLiveMediaProviderHandler'), 'Arn'] },
      ServiceTimeout: '900',
      stageArn: getAtt('Stage'),
      layout: {
        pip: {
          featuredParticipantAttribute: 'host',
          omitStoppedVideo: true,
          videoFillMode: 'CONTAIN',
          gridGap: 0,
          pipParticipantAttribute: 'guest',
          pipBehavior: 'DYNAMIC',
          pipOffset: 16,
          pipPosition: 'TOP_RIGHT',
          pipWidth: 320,
          pipHeight: 180,
        },
      },
      destinations: [
        { name: 'live', channel: { channelArn: getAtt('Channel'), encoderConfigurationArn: getAtt('Encoder') } },
        {
          name: 'recording',
          s3: {
            storageConfigurationArn: getAtt('Storage'),
            encoderConfigurationArns: [getAtt('Encoder')],
            recordingConfiguration: { format: 'HLS', hlsConfiguration: { targetSegmentDurationSeconds: 6 } },
            thumbnailConfigurations: [{ targetIntervalSeconds: 30, storage: ['SEQUENTIAL', 'LATEST'] }],
          },
        },
      ],
      tags: { team: 'media', show: 'morning' },
      StartTimeoutSeconds: 180,
      idempotencyToken: Match.absent(),
    });
    template.hasResourceProperties('Custom::IvsComposition', {
      stageArn: STAGE_ARN,
      layout: { grid: {} },
      destinations: [{
        s3: {
          storageConfigurationArn: STORAGE_ARN,
          encoderConfigurationArns: [ENCODER_ARN],
          recordingConfiguration: { format: 'HLS', hlsConfiguration: Match.absent() },
          thumbnailConfigurations: Match.absent(),
        },
      }],
      tags: Match.absent(),
      StartTimeoutSeconds: 120,
    });
  });

  test('a grid layout sends its options', () => {
    const stack = newStack();
    new IvsComposition(stack, 'Grid', {
      stage: IvsStage.fromStageArn(STAGE_ARN),
      layout: CompositionLayout.grid({ featuredParticipantAttribute: 'host', videoAspectRatio: VideoAspectRatio.PORTRAIT, gridGap: 8, omitStoppedVideo: false }),
      channel: { channel: IvsChannel.fromChannelArn(CHANNEL_ARN) },
    });
    Template.fromStack(stack).hasResourceProperties('Custom::IvsComposition', {
      layout: { grid: { featuredParticipantAttribute: 'host', videoAspectRatio: 'PORTRAIT', gridGap: 8, omitStoppedVideo: false }, pip: Match.absent() },
      destinations: [{ channel: { channelArn: CHANNEL_ARN, encoderConfigurationArn: Match.absent() }, s3: Match.absent() }],
    });
  });

  test('IAM: StartComposition on exactly the resources used; Get/Stop/Tag/Untag on composition/*, in the kind\'s policy the resources depend on', () => {
    const statements = rolePolicyStatements(Template.fromStack(representativeStack()));
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['ivs:StartComposition'],
        Resource: [getAtt('Stage'), getAtt('Channel'), getAtt('Encoder'), getAtt('Storage'), STAGE_ARN, STORAGE_ARN, ENCODER_ARN],
      },
      // An update to another stage reads it first: on the stages only.
      { Effect: 'Allow', Action: ['ivs:GetStage'], Resource: [getAtt('Stage'), STAGE_ARN] },
      { Effect: 'Allow', Action: COMPOSITION_ACTIONS, Resource: [everyOf('composition')] },
    ]);
    const template = Template.fromStack(representativeStack());
    for (const r of Object.values(template.findResources('Custom::IvsComposition'))) expect(r.DependsOn).toContain(kindPolicyId('IvsComposition'));
    const policies = JSON.stringify(statements);
    expect(policies).not.toMatch(/"Resource":"\*"|"\*"|ivs:\*|s3:/);
  });

  test('IAM: without tags, Tag/UntagResource still granted (a previous template\'s tags must stay removable); a channel without an encoder configuration may use the account\'s default encoding', () => {
    const stack = newStack();
    new IvsComposition(stack, 'Live', {
      stage: IvsStage.fromStageArn(STAGE_ARN),
      channel: { channel: IvsChannel.fromChannelArn(CHANNEL_ARN) },
      tags: {},
    });
    expect(rolePolicyStatements(Template.fromStack(stack))).toEqual([
      { Effect: 'Allow', Action: ['ivs:StartComposition'], Resource: [STAGE_ARN, CHANNEL_ARN, everyOf('encoder-configuration')] },
      { Effect: 'Allow', Action: ['ivs:GetStage'], Resource: [STAGE_ARN] },
      { Effect: 'Allow', Action: COMPOSITION_ACTIONS, Resource: [everyOf('composition')] },
    ]);
  });

  test('with a KvsImageGeneration in the same stack there is still exactly one Lambda function and one role', () => {
    const template = withImageGeneration(representativeStack(), { 'Custom::IvsComposition': 2 });
    const actions = rolePolicyStatements(template).flatMap((s) => [s.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['ivs:StartComposition', 'kinesisvideo:UpdateImageGenerationConfiguration']));
  });

  test('attributes are the handler Data keys; destination attributes only for the destinations given', () => {
    const stack = newStack();
    const both = new IvsComposition(stack, 'Both', {
      stage: IvsStage.fromStageArn(STAGE_ARN),
      channel: { channel: IvsChannel.fromChannelArn(CHANNEL_ARN) },
      s3: {
        storageConfiguration: IvsStorageConfiguration.fromStorageConfigurationArn(STORAGE_ARN),
        encoderConfiguration: IvsEncoderConfiguration.fromEncoderConfigurationArn(ENCODER_ARN),
      },
    });
    // Another channel: a channel takes one composition's broadcast (refused at synth otherwise).
    const live = new IvsComposition(stack, 'Live', { stage: IvsStage.fromStageArn(STAGE_ARN), channel: { channel: IvsChannel.fromChannelArn(CHANNEL_ARN.replace(/[^/]+$/, 'Other')) } });
    const attribute = (v: string | undefined) => v && stack.resolve(v)['Fn::GetAtt'][1];
    expect([both.compositionArn, both.channelDestinationId, both.s3DestinationId, both.s3RecordingPrefix].map(attribute))
      .toEqual(['CompositionArn', 'ChannelDestinationId', 'S3DestinationId', 'S3RecordingPrefix']);
    expect([live.channelDestinationId, live.s3DestinationId, live.s3RecordingPrefix]).toEqual([expect.any(String), undefined, undefined]);
  });

  test('an env-agnostic stack scopes the wildcards to the deploy-time account and Region', () => {
    const stack = newStack({});
    new IvsComposition(stack, 'Live', { stage: IvsStage.fromStageArn(STAGE_ARN), channel: { channel: IvsChannel.fromChannelArn(CHANNEL_ARN) } });
    const [, , getStop] = rolePolicyStatements(Template.fromStack(stack));
    expect(getStop.Resource).toEqual([{
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ivs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':composition/*']],
    }]);
  });

  test('what the template sends survives CloudFormation\'s stringification and is a valid StartComposition request', () => {
    const template = Template.fromStack(representativeStack()).toJSON();
    const resources = Object.values<any>(template.Resources).filter((r) => r.Type === 'Custom::IvsComposition');
    expect(resources).toHaveLength(2);
    for (const resource of resources) {
      const { ServiceToken, ServiceTimeout, ...properties } = resource.Properties;
      const resolved = resolveIntrinsics(properties, DEPLOYED_ARNS);
      const decoded = decodeIvsCompositionProperties(stringifyScalars(resolved));
      expect(decoded).toEqual(JSON.parse(JSON.stringify(resolved)));
      const { StartTimeoutSeconds, ...input } = JSON.parse(JSON.stringify(decoded));
      const token = idempotencyTokenOf({ StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/TestStack/1', LogicalResourceId: 'Studio', RequestId: 'r' });
      expect(validateShape('com.amazonaws.ivsrealtime#StartCompositionRequest', { ...input, idempotencyToken: token }, 'input')).toEqual([]);
      expect(StartTimeoutSeconds).toBeGreaterThan(0);
    }
  });

  test('the longest start timeout, the stop reserve (20 s) and the deadline margin fit the handler\'s time', () => {
    // A replacement also waits up to the stop wait first; its start wait is then cut
    // by the deadline (reported as such), and the stop reserve still holds.
    const needed = (IVS_COMPOSITION_MAX_START_TIMEOUT_SECONDS + 20) * 1000 + DEADLINE_MARGIN_MS;
    expect(needed).toBeLessThan(HANDLER_TIMEOUT.toMilliseconds() - 30_000);
    expect(IVS_COMPOSITION_STOP_WAIT_SECONDS).toBe(60);
  });
});
