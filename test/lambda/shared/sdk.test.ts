import { Readable } from 'stream';
import { KinesisVideoClient, UpdateImageGenerationConfigurationCommand } from '@aws-sdk/client-kinesis-video';
import { GRANT_PROPAGATION_DELAYS_MS, clientConfig, retryWhileGrantsPropagate, treatAsThrottling } from '../../../lambda/shared/sdk';

/** A request handler that answers with the given HTTP responses in turn, recording each request. */
function scriptedHandler(responses: { status: number; errorType?: string }[]) {
  const requests: string[] = [];
  return {
    requests,
    handler: {
      handle: async (request: { path: string }) => {
        requests.push(request.path);
        const next = responses.shift() ?? { status: 200 };
        const body = next.errorType ? JSON.stringify({ message: `${next.errorType} from the test` }) : '{}';
        return {
          response: {
            statusCode: next.status,
            headers: { 'content-type': 'application/json', ...(next.errorType ? { 'x-amzn-errortype': next.errorType } : {}) },
            body: Readable.from([Buffer.from(body)]),
          },
        };
      },
    },
  };
}

function kvsClient(handler: unknown, markThrottling: boolean) {
  const client = new KinesisVideoClient({
    ...clientConfig(),
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
    requestHandler: handler as any,
  });
  if (markThrottling) treatAsThrottling(client, ['ClientLimitExceededException']);
  return client;
}

const command = () => new UpdateImageGenerationConfigurationCommand({ StreamName: 'camera' });

describe('treatAsThrottling', () => {
  test('the SDK retry strategy retries KVS ClientLimitExceededException once marked as throttling', async () => {
    const { handler, requests } = scriptedHandler([
      { status: 400, errorType: 'ClientLimitExceededException' },
      { status: 400, errorType: 'ClientLimitExceededException' },
      { status: 200 },
    ]);
    await expect(kvsClient(handler, true).send(command())).resolves.toBeDefined();
    expect(requests).toEqual(['/updateImageGenerationConfiguration', '/updateImageGenerationConfiguration', '/updateImageGenerationConfiguration']);
  });

  test('without it the SDK gives up on the first ClientLimitExceededException', async () => {
    const { handler, requests } = scriptedHandler([{ status: 400, errorType: 'ClientLimitExceededException' }, { status: 200 }]);
    await expect(kvsClient(handler, false).send(command())).rejects.toThrow('ClientLimitExceededException from the test');
    expect(requests).toHaveLength(1);
  });

  test('other client errors are still not retried', async () => {
    const { handler, requests } = scriptedHandler([{ status: 400, errorType: 'InvalidArgumentException' }, { status: 200 }]);
    await expect(kvsClient(handler, true).send(command())).rejects.toMatchObject({ name: 'InvalidArgumentException' });
    expect(requests).toHaveLength(1);
  });

  test('persistent throttling stops after the configured attempts', async () => {
    const { handler, requests } = scriptedHandler(Array(10).fill({ status: 400, errorType: 'ClientLimitExceededException' }));
    await expect(kvsClient(handler, true).send(command())).rejects.toMatchObject({ name: 'ClientLimitExceededException' });
    expect(requests).toHaveLength(clientConfig().maxAttempts);
  }, 30_000);
});

describe('retryWhileGrantsPropagate', () => {
  const deniedClient = (handler: unknown, delays: number[], slept: number[]) => {
    const client = kvsClient(handler, true);
    retryWhileGrantsPropagate(client, delays, async (ms) => {
      slept.push(ms);
    });
    return client;
  };

  test('a call denied while the grant propagates succeeds once IAM applies it', async () => {
    const slept: number[] = [];
    const { handler, requests } = scriptedHandler([
      { status: 403, errorType: 'AccessDeniedException' },
      { status: 403, errorType: 'AccessDeniedException' },
      { status: 200 },
    ]);
    await expect(deniedClient(handler, [10, 20, 40], slept).send(command())).resolves.toBeDefined();
    expect(requests).toHaveLength(3);
    expect(slept).toEqual([10, 20]);
  });

  test('a denial that outlasts the waits is the answer, after one call per wait and the first', async () => {
    const slept: number[] = [];
    const { handler, requests } = scriptedHandler(Array.from({ length: 6 }, () => ({ status: 403, errorType: 'AccessDeniedException' })));
    await expect(deniedClient(handler, [10, 20, 40], slept).send(command())).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(requests).toHaveLength(4);
    expect(slept).toEqual([10, 20, 40]);
  });

  test('other errors are not retried by it', async () => {
    const slept: number[] = [];
    const { handler, requests } = scriptedHandler([{ status: 400, errorType: 'InvalidArgumentException' }, { status: 200 }]);
    await expect(deniedClient(handler, [10], slept).send(command())).rejects.toMatchObject({ name: 'InvalidArgumentException' });
    expect(requests).toHaveLength(1);
    expect(slept).toEqual([]);
  });

  test('the default waits add up to 15 s', () => {
    expect(GRANT_PROPAGATION_DELAYS_MS.reduce((a, b) => a + b, 0)).toBe(15_000);
  });
});
