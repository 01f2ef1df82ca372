import { Readable } from 'stream';
import { KinesisVideoClient, UpdateImageGenerationConfigurationCommand } from '@aws-sdk/client-kinesis-video';
import { sendBefore } from '../../../lambda/shared/bounded-call';
import { Deadline } from '../../../lambda/shared/deadline';
import { clientConfig, treatAsThrottling } from '../../../lambda/shared/sdk';

/** A real client whose every request is answered with KVS's throttling error (400 ClientLimitExceededException). */
function throttledClient() {
  let requests = 0;
  const client = new KinesisVideoClient({
    ...clientConfig(),
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
    requestHandler: {
      handle: async () => {
        requests++;
        return {
          response: {
            statusCode: 400,
            headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'ClientLimitExceededException' },
            body: Readable.from([Buffer.from(JSON.stringify({ message: 'Your request has been throttled' }))]),
          },
        };
      },
    } as any,
  });
  treatAsThrottling(client, ['ClientLimitExceededException']);
  return { client, requests: () => requests };
}

describe('sendBefore', () => {
  test('when the time runs out while the SDK retries throttling, the error names the call and the throttling', async () => {
    const { client, requests } = throttledClient();
    const command = new UpdateImageGenerationConfigurationCommand({ StreamName: 'camera' });
    const deadline = new Deadline(Date.now() + 700);
    const what = 'UpdateImageGenerationConfiguration on stream camera';
    await expect(sendBefore(deadline, { what, command }, (abortSignal) => client.send(command, { abortSignal })))
      .rejects.toThrow(/^Gave up on UpdateImageGenerationConfiguration on stream camera: it was being throttled \(\d+ throttled attempts?, last: ClientLimitExceededException: Your request has been throttled\) and the SDK was still retrying/);
    expect(requests()).toBeGreaterThanOrEqual(1);
  });

  test('a call that answers in time is answered; the reserve is kept back from the deadline', async () => {
    const deadline = new Deadline(Date.now() + 60_000);
    const command = new UpdateImageGenerationConfigurationCommand({ StreamName: 'camera' });
    await expect(sendBefore(deadline, { what: 'x', command, reserveMs: 0 }, async () => 'answer')).resolves.toBe('answer');
    const started = Date.now();
    await expect(sendBefore(deadline, { what: 'a hanging call', command, reserveMs: 59_900 }, () => new Promise(() => undefined)))
      .rejects.toThrow('Gave up on a hanging call: it had not answered');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
