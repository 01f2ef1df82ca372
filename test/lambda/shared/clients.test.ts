import { Readable } from 'stream';
import { UpdateImageGenerationConfigurationCommand } from '@aws-sdk/client-kinesis-video';
import { ivs as keeperIvs } from '../../../lambda/ivs/stage-state';
import { chimeMediaPipelinesClient } from '../../../lambda/shared/clients/chime-media-pipelines';
import { chimeVoiceClient } from '../../../lambda/shared/clients/chime-voice';
import { ivsRealTimeClient } from '../../../lambda/shared/clients/ivs-realtime';
import { kinesisVideoClient } from '../../../lambda/shared/clients/kinesis-video';
import { clientConfig } from '../../../lambda/shared/sdk';

/** The names of the middleware this library adds to a client. */
const added = (client: { middlewareStack: { identify(): string[] } }) =>
  client.middlewareStack.identify().filter((entry) => entry.startsWith('cdkLiveMedia')).sort();

const GRANTS = 'cdkLiveMediaGrantPropagation - initialize';
const THROTTLING = 'cdkLiveMediaThrottlingErrors - finalizeRequest';

describe('the SDK client factories', () => {
  test('every client retries denied calls while grants propagate and uses the shared retry configuration', () => {
    for (const client of [kinesisVideoClient(), ivsRealTimeClient(), chimeMediaPipelinesClient(), chimeVoiceClient()]) {
      expect(added(client)).toContain(GRANTS);
    }
  });

  test('only the Kinesis Video client classifies service errors as throttling (ClientLimitExceededException)', () => {
    expect(added(kinesisVideoClient())).toEqual([GRANTS, THROTTLING]);
    expect(added(ivsRealTimeClient())).toEqual([GRANTS]);
    expect(added(chimeMediaPipelinesClient())).toEqual([GRANTS]);
    expect(added(chimeVoiceClient())).toEqual([GRANTS]);
  });

  test('the stage keeper\'s client deliberately does not retry denied calls (SQS delivers its message again)', () => {
    expect(added(ivsRealTimeClient({ retryWhileGrantsPropagate: false }))).toEqual([]);
    expect(added(keeperIvs)).toEqual([]);
  });

  test('the Kinesis Video client retries ClientLimitExceededException as throttling', async () => {
    const env = { ...process.env };
    Object.assign(process.env, { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'secret' });
    const client = kinesisVideoClient();
    const requests: string[] = [];
    Object.assign(client.config, {
      requestHandler: {
        handle: async (request: { path: string }) => {
          requests.push(request.path);
          const throttled = requests.length < 3;
          return {
            response: {
              statusCode: throttled ? 400 : 200,
              headers: { 'content-type': 'application/json', ...(throttled ? { 'x-amzn-errortype': 'ClientLimitExceededException' } : {}) },
              body: Readable.from([Buffer.from(throttled ? '{"message":"slow down"}' : '{}')]),
            },
          };
        },
      },
    });
    try {
      await expect(client.send(new UpdateImageGenerationConfigurationCommand({ StreamName: 'camera' }))).resolves.toBeDefined();
    } finally {
      process.env = env;
    }
    expect(requests).toHaveLength(3);
    expect(clientConfig().maxAttempts).toBeGreaterThan(3);
  });
});
