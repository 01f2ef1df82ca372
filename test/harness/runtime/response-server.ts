/**
 * The ResponseURL: `ResponseServer` (see lambda-runner.ts for the whole
 * picture).
 */
import { randomBytes } from 'crypto';
import * as https from 'https';
import type { AddressInfo } from 'net';
import { selfSignedCertificate } from './tls';

// ---------------------------------------------------------------------------
// The ResponseURL
// ---------------------------------------------------------------------------

/** The body the handler sends CloudFormation. */
export interface CfnResponse {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly Reason: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly PhysicalResourceId: string;
  readonly LogicalResourceId: string;
  readonly NoEcho?: boolean;
  readonly Data?: Record<string, string>;
}

export interface RecordedResponse {
  readonly method: string;
  /** The request path, with its query. */
  readonly url: string;
  readonly headers: Record<string, unknown>;
  readonly raw: string;
  readonly body: CfnResponse;
  /** Date.now() when it arrived. */
  readonly at: number;
}

/**
 * HTTPS on 127.0.0.1 at a random port, with a certificate made at test
 * time, standing in for the pre-signed S3 URL CloudFormation hands the
 * handler. Records every PUT; can refuse the next ones to exercise the
 * entrypoint's retries.
 */
export class ResponseServer {
  public static async start(): Promise<ResponseServer> {
    const server = new ResponseServer();
    await new Promise<void>((resolve) => server.server.listen(0, '127.0.0.1', resolve));
    return server;
  }

  public readonly received: RecordedResponse[] = [];
  /** Every ResponseURL handed out: none of it but the path may ever be logged. */
  public readonly issued: string[] = [];
  public readonly ca: string;
  /** How many PUTs were refused (see refuseNext). */
  public refused = 0;
  private readonly server: https.Server;
  private refuse = 0;

  private constructor() {
    const { cert, key } = selfSignedCertificate();
    this.ca = cert;
    this.server = https.createServer({ cert, key }, (req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        if (this.refuse > 0) {
          this.refuse--;
          this.refused++;
          res.writeHead(503).end();
          return;
        }
        let body: CfnResponse;
        try {
          body = JSON.parse(raw);
        } catch {
          body = { Status: 'INVALID JSON' } as any;
        }
        this.received.push({ method: req.method!, url: req.url!, headers: req.headers, raw, body, at: Date.now() });
        res.writeHead(200).end();
      });
    });
  }

  public get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** A ResponseURL shaped like CloudFormation's: the path names the resource, the query holds a signature. */
  public urlFor(event: { StackId: string; LogicalResourceId: string; RequestId: string }): string {
    const objectKey = encodeURIComponent(`${event.StackId}|${event.LogicalResourceId}|${event.RequestId}`);
    const query = 'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20260101T000000Z&X-Amz-Expires=7200' +
      `&X-Amz-Credential=AKIAFAKE${randomBytes(6).toString('hex').toUpperCase()}%2F20260101%2Fus-east-1%2Fs3%2Faws4_request` +
      `&X-Amz-SignedHeaders=host&X-Amz-Signature=${randomBytes(32).toString('hex')}`;
    const url = `https://127.0.0.1:${this.port}/${objectKey}?${query}`;
    this.issued.push(url);
    return url;
  }

  /** Answers the next `n` PUTs with 503. */
  public refuseNext(n: number): void {
    this.refuse = n;
  }

  public responsesTo(requestId: string): RecordedResponse[] {
    return this.received.filter((r) => r.body.RequestId === requestId);
  }

  public async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
