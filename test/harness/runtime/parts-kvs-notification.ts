/**
 * The KvsNotificationConfiguration part of the harness stack (see parts.ts).
 */
import { CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { CREATE_FAILED_MARKER } from './expectations';
import type { HarnessPart } from './lambda-runner';
import { deployValues } from './lambda-runner';
import { KvsNotificationConfiguration, KvsStream } from '../../../src';
import { FAKE_ACCOUNT, FAKE_REGION } from '../fakes/fake-common';


/** The streams and topics the part's variants use (register the streams in the fake by these ARNs). */
export const NOTIFICATION_FIXTURES = {
  porch: { name: 'porch', arn: `arn:aws:kinesisvideo:${FAKE_REGION}:${FAKE_ACCOUNT}:stream/porch/1700000000011` },
  /** An existing stream, referred to by name. */
  garage: { name: 'garage' },
  motionTopic: `arn:aws:sns:${FAKE_REGION}:${FAKE_ACCOUNT}:harness-motion`,
  alarmsTopic: `arn:aws:sns:${FAKE_REGION}:${FAKE_ACCOUNT}:alarms`,
} as const;

/**
 * KvsNotificationConfiguration variants:
 * - `initial`: the porch stream (by ARN, from a CfnStream) to the motion topic (a Topic of the stack);
 * - `disabled`: the same, disabled (in place);
 * - `overwriting`: the same as `initial` with overwriteExisting (a handler-only setting: in place);
 * - `moved`: the garage stream, by name (a replacement);
 * - `alarms`: the porch stream to an imported topic.
 */
export const kvsNotificationPart: HarnessPart = {
  name: 'kvsn',
  add(scope) {
    // One stream may carry one configuration per app (checked at synth), but
    // these variants are one resource at different times: each gets its own
    // CfnStream of the same stream, resolved to the same ARN at deploy.
    const porch = (id: string) => new CfnStream(scope, id, { name: NOTIFICATION_FIXTURES.porch.name, dataRetentionInHours: 24 });
    const streams = { initial: porch('PorchStream'), disabled: porch('PorchStream2'), overwriting: porch('PorchStream3'), alarms: porch('PorchStream4') };
    const motion = new Topic(scope, 'Motion');
    const on = (stream: CfnStream) => KvsStream.fromCfnStream(stream);
    return {
      resources: {
        initial: new KvsNotificationConfiguration(scope, 'Initial', { stream: on(streams.initial), topic: motion }),
        disabled: new KvsNotificationConfiguration(scope, 'Disabled', { stream: on(streams.disabled), topic: motion, enabled: false }),
        overwriting: new KvsNotificationConfiguration(scope, 'Overwriting', { stream: on(streams.overwriting), topic: motion, overwriteExisting: true }),
        moved: new KvsNotificationConfiguration(scope, 'Moved', { stream: KvsStream.fromStreamName(NOTIFICATION_FIXTURES.garage.name), topic: motion }),
        alarms: new KvsNotificationConfiguration(scope, 'Alarms', {
          stream: on(streams.alarms),
          topic: Topic.fromTopicArn(scope, 'AlarmsTopic', NOTIFICATION_FIXTURES.alarmsTopic),
        }),
      },
      refs: deployValues(scope, [
        ...Object.values(streams).map((stream): [string, string] => [stream.attrArn, NOTIFICATION_FIXTURES.porch.arn]),
        [motion.topicArn, NOTIFICATION_FIXTURES.motionTopic],
      ]),
    };
  },
  async lifecycle(h) {
    h.fake.kvs.addStream(NOTIFICATION_FIXTURES.porch);
    h.fake.kvs.addStream(NOTIFICATION_FIXTURES.garage);
    const id = { logicalId: 'Resource' };
    const create = await h.invoke(h.event('Create', 'kvsn.initial', id));
    const update = await h.invoke(h.event('Update', 'kvsn.moved', { ...id, old: 'kvsn.initial', physicalId: 'porch' }));
    const invocations = [
      create,
      update,
      await h.invoke(h.event('Delete', 'kvsn.initial', { ...id, physicalId: 'porch' })),
      await h.invoke(h.event('Delete', 'kvsn.moved', { ...id, physicalId: 'garage' })),
    ];
    // The garage stream is deleted: a create on it fails.
    h.fake.kvs.removeStream('garage');
    invocations.push(
      await h.invoke(h.event('Create', 'kvsn.moved', { logicalId: 'Failing' })),
      await h.invoke(h.event('Delete', 'kvsn.moved', { logicalId: 'Failing', physicalId: CREATE_FAILED_MARKER })),
    );
    return invocations;
  },
};
