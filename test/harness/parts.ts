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
import { CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { FAKE_ACCOUNT, FAKE_REGION } from './fake-common';
import type { HarnessPart } from './lambda-runner';
import { LifecycleHarness, deployValues } from './lambda-runner';
import { ImageDestination, ImageFormat, ImageSelectorType, KvsImageGeneration, KvsStream } from '../../src';

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
          stream: KvsStream.fromCfnStream(frontDoor),
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
        [backDoor.attrArn, KVS_STREAMS.backDoor.arn],
        [images.bucketName, KVS_IMAGES_BUCKET],
      ]),
    };
  },
  async lifecycle(h) {
    h.fake.kvs.addStream(KVS_STREAMS.frontDoor);
    h.fake.kvs.addStream(KVS_STREAMS.backDoor);
    const id = { logicalId: 'Thumbnails' };
    return [
      await h.invoke(h.event('Create', 'kvs.initial', id)),
      await h.invoke(h.event('Update', 'kvs.updated', { ...id, old: 'kvs.initial', physicalId: 'front-door' })),
      await h.invoke(h.event('Update', 'kvs.moved', { ...id, old: 'kvs.updated', physicalId: 'front-door' })),
      await h.invoke(h.event('Delete', 'kvs.updated', { ...id, physicalId: 'front-door' })),
      await h.invoke(h.event('Delete', 'kvs.moved', { ...id, physicalId: 'back-door' })),
      // side-door does not exist: the create fails, then its marker is deleted.
      await h.invoke(h.event('Create', 'kvs.byName', { logicalId: 'SideDoor' })),
      await h.invoke(h.event('Delete', 'kvs.byName', { logicalId: 'SideDoor', physicalId: 'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED' })),
    ];
  },
};

/** Every construct's part: the harness stack uses them all. IvsComposition and VoiceAnalyticsTask add theirs here. */
export const HARNESS_PARTS: readonly HarnessPart[] = [kvsImageGenerationPart];

/** The harness over every part: synthesized once per test file. */
export function startHarness(parts: readonly HarnessPart[] = HARNESS_PARTS): Promise<LifecycleHarness> {
  return LifecycleHarness.start(parts);
}
