/**
 * The harness stack: one part per construct, each a few instances
 * ("variants") whose synthesized properties the lifecycle tests send as
 * CloudFormation would: an Update from variant A to variant B is an Update
 * event with B's properties and A's as the old ones.
 *
 * To add a construct: write its part (add() builds its variants and returns
 * the deploy-time values of the Refs / GetAtts they use) and list it in
 * HARNESS_PARTS.
 */
import { Duration } from 'aws-cdk-lib';
import { CfnChannel, CfnEncoderConfiguration, CfnStage, CfnStorageConfiguration } from 'aws-cdk-lib/aws-ivs';
import { CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { CREATE_FAILED_MARKER, expectNoSecretsLogged } from './expectations';
import type { HarnessPart, Invocation } from './lambda-runner';
import { LifecycleHarness, deployValues } from './lambda-runner';
import { chimeChainPart } from './parts-chime-chain';
import { kvsMediaStoragePart } from './parts-kvs-media-storage';
import { kvsNotificationPart } from './parts-kvs-notification';
import {
  CompositionLayout, ImageDestination, ImageFormat, ImageSelectorType, IvsChannel, IvsComposition, IvsEncoderConfiguration, IvsStage,
  IvsStorageConfiguration, KvsImageGeneration, KvsStream, MediaInsightsPipeline, PipPosition, ThumbnailStorage, VoiceAnalysis,
  VoiceAnalyticsTask,
} from '../../../src';
import { FAKE_ACCOUNT, FAKE_REGION } from '../fakes/fake-common';


/**
 * A whole lifecycle of one part, as CloudFormation drives it: create
 * `initial`, update it to `updated`, delete both physical IDs (the old one
 * after a replacement), then create `failing` (which the part's fake state
 * makes fail) and delete its marker ID.
 */
async function wholeLifecycle(h: LifecycleHarness, keys: { initial: string; updated: string; failing: string }): Promise<Invocation[]> {
  const id = { logicalId: 'Resource' };
  const create = await h.invoke(h.event('Create', keys.initial, id));
  const first = create.response!.PhysicalResourceId;
  const update = await h.invoke(h.event('Update', keys.updated, { ...id, old: keys.initial, physicalId: first }));
  const second = update.response!.PhysicalResourceId;
  return [
    create,
    update,
    await h.invoke(h.event('Delete', keys.initial, { ...id, physicalId: first })),
    await h.invoke(h.event('Delete', keys.updated, { ...id, physicalId: second })),
    await h.invoke(h.event('Create', keys.failing, { logicalId: 'Failing' })),
    await h.invoke(h.event('Delete', keys.failing, { logicalId: 'Failing', physicalId: CREATE_FAILED_MARKER })),
  ];
}

/** The streams the KVS part's variants use, as a deploy would create them (register them in the fake by these ARNs). */
export const KVS_STREAMS = {
  frontDoor: { name: 'front-door', arn: `arn:aws:kinesisvideo:${FAKE_REGION}:${FAKE_ACCOUNT}:stream/front-door/1700000000001` },
  backDoor: { name: 'back-door', arn: `arn:aws:kinesisvideo:${FAKE_REGION}:${FAKE_ACCOUNT}:stream/back-door/1700000000002` },
  /** An existing stream, referred to by name. */
  sideDoor: { name: 'side-door' },
} as const;

export const KVS_IMAGES_BUCKET = 'harness-images-bucket';

/**
 * KvsImageGeneration variants:
 * - `initial`: the front-door stream (by ARN, from a CfnStream), JPEG q85, 1280 wide, every 2 s;
 * - `updated`: the same stream (in-place update), PNG 720 high, every 5 s, producer timestamps, disabled;
 * - `moved`: the back-door stream (a replacement);
 * - `byName`: an existing stream named side-door, a URI destination.
 */
export const kvsImageGenerationPart: HarnessPart = {
  name: 'kvs',
  add(scope) {
    const frontDoor = new CfnStream(scope, 'FrontDoorStream', { name: KVS_STREAMS.frontDoor.name, dataRetentionInHours: 24 });
    const backDoor = new CfnStream(scope, 'BackDoorStream', { name: KVS_STREAMS.backDoor.name, dataRetentionInHours: 24 });
    // `updated` is the next version of `initial`, on the same stream. One app rejects two
    // KvsImageGeneration on one stream: it names the front door through a CfnStream of its
    // own (no name), whose ARN deploys as the front door's.
    const frontDoorAgain = new CfnStream(scope, 'FrontDoorStreamNextVersion', { dataRetentionInHours: 24 });
    const images = new Bucket(scope, 'Images');
    const destination = ImageDestination.fromBucket(images, { keyPrefix: 'front-door/' });
    return {
      resources: {
        initial: new KvsImageGeneration(scope, 'Initial', {
          stream: KvsStream.fromCfnStream(frontDoor),
          destination,
          samplingInterval: Duration.seconds(2),
          format: ImageFormat.JPEG,
          jpegQuality: 85,
          widthPixels: 1280,
        }),
        updated: new KvsImageGeneration(scope, 'Updated', {
          stream: KvsStream.fromCfnStream(frontDoorAgain),
          destination,
          samplingInterval: Duration.seconds(5),
          format: ImageFormat.PNG,
          heightPixels: 720,
          imageSelectorType: ImageSelectorType.PRODUCER_TIMESTAMP,
          enabled: false,
        }),
        moved: new KvsImageGeneration(scope, 'Moved', {
          stream: KvsStream.fromCfnStream(backDoor),
          destination: ImageDestination.fromBucket(images, { keyPrefix: 'back-door/' }),
        }),
        byName: new KvsImageGeneration(scope, 'ByName', {
          stream: KvsStream.fromStreamName(KVS_STREAMS.sideDoor.name),
          destination: ImageDestination.fromUri('s3://existing-bucket/side-door'),
        }),
      },
      refs: deployValues(scope, [
        [frontDoor.attrArn, KVS_STREAMS.frontDoor.arn],
        [frontDoorAgain.attrArn, KVS_STREAMS.frontDoor.arn],
        [backDoor.attrArn, KVS_STREAMS.backDoor.arn],
        [images.bucketName, KVS_IMAGES_BUCKET],
      ]),
    };
  },
  lifecycle(h) {
    h.fake.kvs.addStream(KVS_STREAMS.frontDoor);
    h.fake.kvs.addStream(KVS_STREAMS.backDoor);
    // side-door does not exist: its create fails.
    return wholeLifecycle(h, { initial: 'kvs.initial', updated: 'kvs.moved', failing: 'kvs.byName' });
  },
};

const ivsArn = (resource: string) => `arn:aws:ivs:${FAKE_REGION}:${FAKE_ACCOUNT}:${resource}`;

/** The IVS resources the IvsComposition part's variants use (register them in the fake with `registerIvsResources`). */
export const IVS_RESOURCES = {
  stage: ivsArn('stage/Studio1'),
  otherStage: ivsArn('stage/Studio2'),
  channel: ivsArn('channel/Live1'),
  encoder: ivsArn('encoder-configuration/Hd720'),
  storage: ivsArn('storage-configuration/Recordings1'),
} as const;

/** Registers IVS_RESOURCES in the fake. */
export function registerIvsResources(h: LifecycleHarness): void {
  for (const arn of Object.values(IVS_RESOURCES)) h.fake.ivs.resources.add(arn);
}

/**
 * IvsComposition variants:
 * - `initial`: the studio stage (CfnStage), a grid featuring "host", broadcast to a channel and recorded to S3 with thumbnails, tagged;
 * - `updated`: the same, as picture-in-picture (any change replaces the composition);
 * - `channelOnly`: another stage, by ARN, broadcast to the channel only.
 */
export const ivsCompositionPart: HarnessPart = {
  name: 'ivs',
  add(scope) {
    const stage = new CfnStage(scope, 'Stage', { name: 'studio' });
    const channel = new CfnChannel(scope, 'Channel', { name: 'studio-live' });
    // The same channel at deploy time (deployValues), as its own CfnChannel: the variants are alternative
    // templates of one resource, and two compositions of one app on one channel are refused at synth.
    const updatedChannel = new CfnChannel(scope, 'UpdatedChannel', { name: 'studio-live' });
    const encoder = new CfnEncoderConfiguration(scope, 'Encoder', { name: 'hd-720p' });
    const storage = new CfnStorageConfiguration(scope, 'Storage', { s3: { bucketName: 'harness-recordings' } });
    const destinations = {
      channel: { channel: IvsChannel.fromCfnChannel(channel), encoderConfiguration: IvsEncoderConfiguration.fromCfnEncoderConfiguration(encoder) },
      s3: {
        storageConfiguration: IvsStorageConfiguration.fromCfnStorageConfiguration(storage),
        encoderConfiguration: IvsEncoderConfiguration.fromCfnEncoderConfiguration(encoder),
        thumbnails: { interval: Duration.seconds(30), storage: [ThumbnailStorage.LATEST] },
      },
    };
    return {
      resources: {
        initial: new IvsComposition(scope, 'Initial', {
          stage: IvsStage.fromCfnStage(stage),
          layout: CompositionLayout.grid({ featuredParticipantAttribute: 'host' }),
          ...destinations,
          tags: { project: 'studio' },
          startTimeout: Duration.seconds(30),
        }),
        updated: new IvsComposition(scope, 'Updated', {
          stage: IvsStage.fromCfnStage(stage),
          layout: CompositionLayout.pip({ pipParticipantAttribute: 'guest', pipPosition: PipPosition.TOP_RIGHT }),
          ...destinations,
          channel: { ...destinations.channel, channel: IvsChannel.fromCfnChannel(updatedChannel) },
          tags: { project: 'studio' },
          startTimeout: Duration.seconds(30),
        }),
        channelOnly: new IvsComposition(scope, 'ChannelOnly', {
          stage: IvsStage.fromStageArn(IVS_RESOURCES.otherStage),
          channel: { channel: IvsChannel.fromChannelArn(IVS_RESOURCES.channel) },
        }),
      },
      refs: deployValues(scope, [
        [stage.attrArn, IVS_RESOURCES.stage],
        [channel.attrArn, IVS_RESOURCES.channel],
        [updatedChannel.attrArn, IVS_RESOURCES.channel],
        [encoder.attrArn, IVS_RESOURCES.encoder],
        [storage.attrArn, IVS_RESOURCES.storage],
      ]),
    };
  },
  lifecycle(h) {
    registerIvsResources(h);
    h.fake.ivs.options = { ...h.fake.ivs.options, starting: { gets: 0 }, stopping: { gets: 0 } };
    // The other stage does not exist: its create fails.
    h.fake.ivs.resources.delete(IVS_RESOURCES.otherStage);
    return wholeLifecycle(h, { initial: 'ivs.initial', updated: 'ivs.updated', failing: 'ivs.channelOnly' });
  },
};

/** The media insights pipeline and voice profile domain the VoiceAnalyticsTask part's variants use. */
export const CHIME_FIXTURES = {
  pipelineId: '0f0e0d0c-0b0a-4909-8807-000000000001',
  pipelineArn: `arn:aws:chime:${FAKE_REGION}:${FAKE_ACCOUNT}:media-pipeline/0f0e0d0c-0b0a-4909-8807-000000000001`,
  streamArn: `arn:aws:kinesisvideo:${FAKE_REGION}:${FAKE_ACCOUNT}:stream/call-audio/1700000000003`,
  voiceProfileDomainArn: `arn:aws:chime:${FAKE_REGION}:${FAKE_ACCOUNT}:voice-profile-domain/0f0e0d0c-0b0a-4909-8807-0000000000d1`,
} as const;

/**
 * VoiceAnalyticsTask variants, all on one pipeline:
 * - `initial`: voice tone analysis of the call stream, waiting until InProgress;
 * - `updated`: the same on audio channel 1 (any change replaces the task);
 * - `speakerSearch`: speaker search (pipeline by ARN), not waiting.
 */
export const voiceAnalyticsTaskPart: HarnessPart = {
  name: 'chime',
  add(scope) {
    const source = KvsStream.fromStreamArn(CHIME_FIXTURES.streamArn);
    const byId = MediaInsightsPipeline.fromPipelineId(CHIME_FIXTURES.pipelineId);
    return {
      resources: {
        initial: new VoiceAnalyticsTask(scope, 'Initial', {
          mediaInsightsPipeline: byId, analysis: VoiceAnalysis.voiceToneAnalysis(), source, startTimeout: Duration.seconds(30),
        }),
        updated: new VoiceAnalyticsTask(scope, 'Updated', {
          mediaInsightsPipeline: byId, analysis: VoiceAnalysis.voiceToneAnalysis(), source, channelId: 1, startTimeout: Duration.seconds(30),
        }),
        speakerSearch: new VoiceAnalyticsTask(scope, 'SpeakerSearch', {
          mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineArn(CHIME_FIXTURES.pipelineArn),
          analysis: VoiceAnalysis.speakerSearch({ voiceProfileDomainArn: CHIME_FIXTURES.voiceProfileDomainArn }),
          source,
          waitForInProgress: false,
        }),
      },
      refs: {},
    };
  },
  lifecycle(h) {
    // The pipeline has no speaker search: that create fails.
    h.fake.chime.addPipeline({ id: CHIME_FIXTURES.pipelineId, speakerSearch: false });
    h.fake.chime.options = { ...h.fake.chime.options, starting: { gets: 0 }, stopping: { gets: 0 } };
    return wholeLifecycle(h, { initial: 'chime.initial', updated: 'chime.updated', failing: 'chime.speakerSearch' });
  },
};

/** Every construct's part: the harness stack uses them all. */
export const HARNESS_PARTS: readonly HarnessPart[] = [
  kvsImageGenerationPart, kvsNotificationPart, kvsMediaStoragePart, ivsCompositionPart, voiceAnalyticsTaskPart, chimeChainPart,
];

/** The harness over every part: synthesized once per test file. */
export function startHarness(parts: readonly HarnessPart[] = HARNESS_PARTS): Promise<LifecycleHarness> {
  return LifecycleHarness.start(parts);
}

/**
 * The harness for a lifecycle test file: started before its tests, each test
 * on a fresh fake (`reset` then sets up the part's state), none leaving a
 * problem of the fake, and no secret in the logs of the whole file. Returns
 * the harness (usable once the tests run).
 */
export function useHarness(reset: (h: LifecycleHarness) => void): LifecycleHarness {
  // Real processes, real HTTP, real backoffs and the handlers' own polls: seconds, not the default 5.
  jest.setTimeout(30_000);
  let harness: LifecycleHarness | undefined;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    expectNoSecretsLogged(harness!);
    await harness!.stop();
  });
  beforeEach(() => {
    harness!.fake.reset();
    reset(harness!);
  });
  afterEach(() => expect(harness!.fake.problems).toEqual([]));
  return new Proxy({} as LifecycleHarness, {
    get: (_, property) => {
      if (!harness) throw new Error('The harness starts in beforeAll');
      const value = (harness as any)[property];
      return typeof value === 'function' ? value.bind(harness) : value;
    },
  });
}
