import { X509Certificate } from 'crypto';
import { integer, selfSignedCertificate } from './tls';

describe('the harness response server\'s self-signed certificate', () => {
  afterEach(() => jest.restoreAllMocks());

  test('a random serial that starts with 0x00 is encoded minimally, so OpenSSL accepts the certificate', () => {
    // Serial bytes 00 01 01 ...: written as is, OpenSSL refuses it ("illegal padding"), about 1 run in 512.
    const bytes = [0, 1 / 256, 1 / 256, 1 / 256, 1 / 256, 1 / 256, 1 / 256, 1 / 256];
    jest.spyOn(Math, 'random').mockImplementation(() => bytes.shift() ?? 0.5);
    const { cert } = selfSignedCertificate();
    const parsed = new X509Certificate(cert);
    expect(parsed.serialNumber).toBe('01010101010101');
    expect(parsed.checkIP('127.0.0.1')).toBe('127.0.0.1');
  });

  test.each([
    [[0x00, 0x00, 0x05], '020105'],
    [[0x00, 0x80], '02020080'],
    [[0x80], '02020080'],
    [[0x00], '020100'],
    [[0x7f, 0x00], '02027f00'],
  ])('DER INTEGER of %j is %s', (bytes, der) => {
    expect(integer(Buffer.from(bytes)).toString('hex')).toBe(der);
  });
});
