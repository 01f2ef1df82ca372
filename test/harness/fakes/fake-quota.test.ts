/**
 * The fake's per-account rate quotas: a token bucket per operation, shared by
 * every caller; a request over it is answered with the service's throttling
 * error, which the real SDK recognises as throttling.
 */
import { GetVoiceToneAnalysisTaskCommand, ChimeSDKMediaPipelinesClient } from '@aws-sdk/client-chime-sdk-media-pipelines';
import { GetCompositionCommand, IVSRealTimeClient } from '@aws-sdk/client-ivs-realtime';
import { RateQuotas } from './fake-quota';
import { client, failure, fake, useFakeServices } from './fake-services.fixtures';
import { isThrottlingError } from '../../../lambda/shared/polling';

describe('RateQuotas', () => {
  test('a bucket of `burst` tokens, refilled at `perSecond`; other operations are not limited', () => {
    const quotas = new RateQuotas();
    quotas.set('GetComposition', { perSecond: 5 });
    // After set: a t0 read before it could be a millisecond older than the full bucket, which then holds 4.995 tokens.
    const t0 = Date.now();
    expect(Array.from({ length: 6 }, () => quotas.take('GetComposition', t0))).toEqual([true, true, true, true, true, false]);
    expect(quotas.take('GetComposition', t0 + 100)).toBe(false);
    expect(quotas.take('GetComposition', t0 + 200)).toBe(true);
    expect(quotas.take('GetComposition', t0 + 200)).toBe(false);
    // A long pause refills no more than the burst.
    expect(Array.from({ length: 6 }, () => quotas.take('GetComposition', t0 + 60_000)).filter(Boolean)).toHaveLength(5);
    expect(quotas.take('StartComposition', t0)).toBe(true);
    quotas.clear();
    expect(quotas.take('GetComposition', t0 + 60_000)).toBe(true);
  });
});

describe('over the quota, through the real SDK clients', () => {
  useFakeServices();

  test('IVS: a generic 429 ThrottlingException (IVS models none), flagged overQuota; the SDK classes it as throttling', async () => {
    fake.quotas.set('GetComposition', { perSecond: 1 });
    const ivs = client(IVSRealTimeClient, 1);
    const arn = 'arn:aws:ivs:us-east-1:123456789012:composition/Nope';
    const first = await failure(ivs.send(new GetCompositionCommand({ arn })));
    const second = await failure(ivs.send(new GetCompositionCommand({ arn })));
    expect(first.name).toBe('ResourceNotFoundException');
    expect(second).toMatchObject({ name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } });
    expect(isThrottlingError(second)).toBe(true);
    expect(fake.callsOf('GetComposition').map((c) => [c.status, c.overQuota])).toEqual([[404, undefined], [429, true]]);
  });

  test('Chime: ThrottledClientException (429)', async () => {
    fake.quotas.set('GetVoiceToneAnalysisTask', { perSecond: 1 });
    const chime = client(ChimeSDKMediaPipelinesClient, 1);
    const pipeline = fake.chime.addPipeline();
    const get = () => failure(chime.send(new GetVoiceToneAnalysisTaskCommand({ Identifier: pipeline.id, VoiceToneAnalysisTaskId: '11111111-2222-4333-8444-555555555555' })));
    expect((await get()).name).toBe('NotFoundException');
    const throttled = await get();
    expect(throttled).toMatchObject({ name: 'ThrottledClientException', $metadata: { httpStatusCode: 429 } });
    expect(isThrottlingError(throttled)).toBe(true);
  });
});
