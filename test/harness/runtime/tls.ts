/**
 * A self-signed TLS certificate for 127.0.0.1, made at test time with
 * node:crypto alone (no openssl binary, no package): an ECDSA P-256 key and a
 * minimal X.509 v3 certificate encoded in DER by hand. The response server
 * presents it; the Lambda side trusts exactly it (as `ca`), so TLS is verified
 * for real.
 */
/* eslint-disable no-bitwise */ // DER lengths, integers and OIDs are bit fields.
import { generateKeyPairSync, sign } from 'crypto';

export interface SelfSignedCertificate {
  /** PEM certificate, also the only CA to trust. */
  readonly cert: string;
  /** PEM private key (PKCS#8). */
  readonly key: string;
}

export function selfSignedCertificate(ip = '127.0.0.1', validForMs = 24 * 3600_000): SelfSignedCertificate {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ecdsaWithSha256 = seq(oid('1.2.840.10045.4.3.2'));
  const name = seq(set(seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(ip)))));
  const now = Date.now();
  const ipBytes = Buffer.from(ip.split('.').map(Number));
  const extensions = seq(
    // basicConstraints: CA (it is its own trust anchor), critical.
    seq(oid('2.5.29.19'), tlv(0x01, Buffer.from([0xff])), tlv(0x04, seq(tlv(0x01, Buffer.from([0xff]))))),
    // subjectAltName: iPAddress.
    seq(oid('2.5.29.17'), tlv(0x04, seq(tlv(0x87, ipBytes)))),
  );
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(Buffer.from(Array.from({ length: 8 }, () => Math.floor(Math.random() * 256)))),
    ecdsaWithSha256,
    name,
    seq(utcTime(new Date(now - 3600_000)), utcTime(new Date(now + validForMs))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    tlv(0xa3, extensions),
  );
  const signature = sign('sha256', tbs, { key: privateKey, dsaEncoding: 'der' });
  const der = seq(tbs, ecdsaWithSha256, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const pem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;
  return { cert: pem, key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

function tlv(tag: number, value: Buffer): Buffer {
  const n = value.length;
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, value]);
}

function seq(...items: Buffer[]): Buffer {
  return tlv(0x30, Buffer.concat(items));
}

function set(...items: Buffer[]): Buffer {
  return tlv(0x31, Buffer.concat(items));
}

/** A positive DER INTEGER in its one minimal form (a random serial may start with 0x00, which OpenSSL refuses as padding). */
export function integer(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0 && !(bytes[start + 1] & 0x80)) start++;
  const minimal = bytes.subarray(start);
  // Positive: a leading 0 when the high bit is set.
  return tlv(0x02, minimal[0] & 0x80 ? Buffer.concat([Buffer.from([0]), minimal]) : minimal);
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * a + b];
  for (const arc of rest) {
    const base128 = [arc & 0x7f];
    for (let v = arc >> 7; v > 0; v >>= 7) base128.unshift((v & 0x7f) | 0x80);
    bytes.push(...base128);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function utcTime(d: Date): Buffer {
  const s = d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
  return tlv(0x17, Buffer.from(s));
}
