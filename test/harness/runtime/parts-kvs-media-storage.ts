/**
 * The KvsMediaStorageConfiguration part of the harness stack (see parts.ts).
 */
import { CfnSignalingChannel, CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import { CREATE_FAILED_MARKER } from './expectations';
import type { HarnessPart } from './lambda-runner';
import { deployValues } from './lambda-runner';
import { KvsMediaStorageConfiguration, KvsSignalingChannel, KvsStream } from '../../../src';
import { FAKE_ACCOUNT, FAKE_REGION } from '../fakes/fake-common';
import type { FakeKvs } from '../fakes/fake-kvs';

/** The channels and streams the part's variants use (register them in the fake by these ARNs). */
export const MEDIA_STORAGE_FIXTURES = {
  doorbell: { name: 'doorbell', arn: `arn:aws:kinesisvideo:${FAKE_REGION}:${FAKE_ACCOUNT}:channel/doorbell/1700000000021` },
  /** An existing channel, referred to by name. */
  intercom: { name: 'intercom' },
  porch: { name: 'porch', arn: `arn:aws:kinesisvideo:${FAKE_REGION}:${FAKE_ACCOUNT}:stream/porch/1700000000022` },
  /** An existing stream, referred to by name. */
  garage: { name: 'garage' },
} as const;

/**
 * KvsMediaStorageConfiguration variants:
 * - `initial`: the doorbell channel (a CfnSignalingChannel) into the porch stream (a CfnStream), both by ARN;
 * - `disabled`: the same, disabled (in place);
 * - `overwriting`: the same as `initial` with overwriteExisting (a handler-only setting: in place);
 * - `retargeted`: the doorbell channel into the garage stream, by name (in place: the same channel);
 * - `moved`: the intercom channel, by name, into the porch stream (a replacement that keeps the stream).
 */
export const kvsMediaStoragePart: HarnessPart = {
  name: 'kvsm',
  add(scope) {
    // One configuration per channel and one channel per stream are checked at synth, but
    // these variants are one resource at different times: each gets its own L1s of the
    // channel and the stream (named in the first only, as names are compared too),
    // resolved to the same ARNs at deploy.
    const doorbell = (id: string) => new CfnSignalingChannel(scope, id, id === 'Doorbell' ? { name: MEDIA_STORAGE_FIXTURES.doorbell.name } : {});
    const porch = (id: string) => new CfnStream(scope, id, { name: id === 'Porch' ? MEDIA_STORAGE_FIXTURES.porch.name : undefined, dataRetentionInHours: 24 });
    const channels = { initial: doorbell('Doorbell'), disabled: doorbell('Doorbell2'), overwriting: doorbell('Doorbell3'), retargeted: doorbell('Doorbell4') };
    const streams = { initial: porch('Porch'), disabled: porch('Porch2'), overwriting: porch('Porch3'), moved: porch('Porch4') };
    const channel = (c: CfnSignalingChannel) => KvsSignalingChannel.fromCfnSignalingChannel(c);
    const stream = (s: CfnStream) => KvsStream.fromCfnStream(s);
    const common = { acceptPeerToPeerEnd: true };
    return {
      resources: {
        initial: new KvsMediaStorageConfiguration(scope, 'Initial', { ...common, channel: channel(channels.initial), stream: stream(streams.initial) }),
        disabled: new KvsMediaStorageConfiguration(scope, 'Disabled', {
          ...common, channel: channel(channels.disabled), stream: stream(streams.disabled), enabled: false,
        }),
        overwriting: new KvsMediaStorageConfiguration(scope, 'Overwriting', {
          ...common, channel: channel(channels.overwriting), stream: stream(streams.overwriting), overwriteExisting: true,
        }),
        retargeted: new KvsMediaStorageConfiguration(scope, 'Retargeted', {
          ...common, channel: channel(channels.retargeted), stream: KvsStream.fromStreamName(MEDIA_STORAGE_FIXTURES.garage.name),
        }),
        moved: new KvsMediaStorageConfiguration(scope, 'Moved', {
          ...common, channel: KvsSignalingChannel.fromChannelName(MEDIA_STORAGE_FIXTURES.intercom.name), stream: stream(streams.moved),
        }),
      },
      refs: deployValues(scope, [
        ...Object.values(channels).map((c): [string, string] => [c.attrArn, MEDIA_STORAGE_FIXTURES.doorbell.arn]),
        ...Object.values(streams).map((s): [string, string] => [s.attrArn, MEDIA_STORAGE_FIXTURES.porch.arn]),
      ]),
    };
  },
  async lifecycle(h) {
    addFixtures(h.fake.kvs);
    const id = { logicalId: 'Resource' };
    const invocations = [
      await h.invoke(h.event('Create', 'kvsm.initial', id)),
      await h.invoke(h.event('Update', 'kvsm.moved', { ...id, old: 'kvsm.initial', physicalId: 'doorbell' })),
      await h.invoke(h.event('Delete', 'kvsm.initial', { ...id, physicalId: 'doorbell' })),
      await h.invoke(h.event('Delete', 'kvsm.moved', { ...id, physicalId: 'intercom' })),
    ];
    // The intercom channel is deleted: a create on it fails.
    h.fake.kvs.channels.removeChannel('intercom');
    invocations.push(
      await h.invoke(h.event('Create', 'kvsm.moved', { logicalId: 'Failing' })),
      await h.invoke(h.event('Delete', 'kvsm.moved', { logicalId: 'Failing', physicalId: CREATE_FAILED_MARKER })),
    );
    return invocations;
  },
};

/** Registers the part's channels and streams in the fake. */
export function addFixtures(kvs: FakeKvs): void {
  kvs.channels.addChannel(MEDIA_STORAGE_FIXTURES.doorbell);
  kvs.channels.addChannel(MEDIA_STORAGE_FIXTURES.intercom);
  kvs.addStream(MEDIA_STORAGE_FIXTURES.porch);
  kvs.addStream(MEDIA_STORAGE_FIXTURES.garage);
}
