/**
 * The fake itself, called by the real SDK v3 clients: it must answer what the
 * SDK expects from the real services (routes, status codes, error shapes),
 * keep state, and reject what the models reject.
 */
import * as http from 'http';
import { fake, useFakeServices } from './fake-services.fixtures';

useFakeServices();

describe('the wire', () => {
  function raw(method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; type?: string; body: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: fake.port, method, path, headers }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['x-amzn-errortype'] as string, body }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  test('an unsigned request, or one signed for another service, is refused', async () => {
    expect(await raw('POST', '/describeImageGenerationConfiguration')).toMatchObject({ status: 403, type: 'InvalidSignatureException' });
    const signedForIvs = 'AWS4-HMAC-SHA256 Credential=AKIA/20260101/us-east-1/ivs/aws4_request, SignedHeaders=host, Signature=0';
    expect((await raw('POST', '/describeImageGenerationConfiguration', { authorization: signedForIvs })).body).toMatch(/scoped to correct service: 'kinesisvideo'/);
  });

  test('a path no operation has is a 404 and a problem of the fake', async () => {
    expect(await raw('GET', '/nothing')).toMatchObject({ status: 404, type: 'UnknownOperationException' });
    expect(fake.problems).toHaveLength(1);
    fake.problems.length = 0;
  });

  test('the Lambda environment points every service at the fake, with no shared config', () => {
    expect(fake.clientEnvironment()).toMatchObject({
      AWS_ENDPOINT_URL_KINESIS_VIDEO: fake.url,
      AWS_ENDPOINT_URL_IVS_REALTIME: fake.url,
      AWS_ENDPOINT_URL_CHIME_SDK_MEDIA_PIPELINES: fake.url,
      AWS_REGION: 'us-east-1',
      AWS_CONFIG_FILE: '/nonexistent/aws-config',
    });
  });
});
