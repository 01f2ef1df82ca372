/**
 * How the fake services answer on the wire, as restJson1 does: a modeled
 * error with the status of its shape's `httpError`, the `x-amzn-errortype`
 * header and a body of the shape's members; an output checked against its
 * shape; the faults a test injects. Each answer is recorded in `calls`, and
 * what the fake itself got wrong in `problems` (FakeServices' own lists).
 */
import type * as http from 'http';
import { FAKE_ACCOUNT } from './fake-common';
import { chimeErrorCode, requestId, resourceOf } from './fake-routing';
import type { Fault, FakeCall, Route } from './fake-routing';
import { shape, validateShape } from '../../helpers/model';

export class RestJsonAnswers {
  public constructor(private readonly calls: FakeCall[], private readonly problems: string[]) {}

  /** Answers an injected fault: a modeled error of the operation where it has one of the kind, else a generic one. */
  public fault(res: http.ServerResponse, route: Route, call: Omit<FakeCall, 'status'>, fault: Fault): void {
    const modeled = (pattern: RegExp, kind?: 'server') => route.model.errors
      .map((id) => ({ id, name: id.split('#')[1], s: shape(id) }))
      .find((e) => pattern.test(e.name) && (!kind || e.s.error === kind))?.name;
    const injected = { ...call, injected: true };
    if (fault === 'malformed-response') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('<html>not json');
      this.calls.push({ ...injected, status: 200 });
      return;
    }
    if (fault === 'access-denied') {
      const name = modeled(/AccessDenied|Forbidden/)!;
      const action = `${route.service.signingName}:${route.operation}`;
      const resource = resourceOf(call.input);
      return this.error(res, route, injected, name,
        `User: arn:aws:sts::${FAKE_ACCOUNT}:assumed-role/CdkLiveMediaProviderRole/handler is not authorized to perform: ${action} ` +
        `on resource: ${resource} because no identity-based policy allows the ${action} action`);
    }
    const generic = {
      'throttling': { name: modeled(/Throttl|LimitExceeded/), status: 429, type: 'ThrottlingException', message: 'Rate exceeded' },
      'server-error': { name: modeled(/./, 'server'), status: 500, type: 'InternalFailure', message: 'The service encountered an internal error' },
      'unavailable': { name: modeled(/Unavailable/), status: 503, type: 'ServiceUnavailable', message: 'Service unavailable, try again later' },
    };
    if (typeof fault === 'string') {
      const g = generic[fault];
      return g.name ? this.error(res, route, injected, g.name, g.message) : this.generic(res, injected, g.status, g.type, g.message);
    }
    if ('errorName' in fault) return this.error(res, route, injected, fault.errorName, fault.message ?? `Injected ${fault.errorName}`);
    return this.generic(res, injected, fault.status, fault.errorType, fault.message ?? `Injected ${fault.errorType}`);
  }

  /** Answers one of the operation's modeled errors, as restJson1 serializes it. */
  public error(res: http.ServerResponse, route: Route, call: Omit<FakeCall, 'status'>, errorName: string, message: string): void {
    const id = route.model.errors.find((e) => e.split('#')[1] === errorName);
    if (!id) {
      this.problems.push(`${route.operation} does not model ${errorName}`);
      return this.generic(res, call, 500, 'FakeInternalError', `${route.operation} does not model ${errorName}`);
    }
    const errorShape = shape(id);
    const status = errorShape.httpError ?? (errorShape.error === 'server' ? 500 : 400);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amzn-errortype': errorName, 'x-amzn-requestid': requestId() };
    const body: Record<string, string> = {};
    for (const [name, member] of Object.entries(errorShape.members ?? {})) {
      if (member.httpHeader) continue;
      if (/^(message|exceptionMessage)$/i.test(name)) body[name] = message;
      if (name === 'Code') body[name] = chimeErrorCode(errorName);
      if (name === 'RequestId') body[name] = headers['x-amzn-requestid'];
    }
    res.writeHead(status, headers);
    res.end(JSON.stringify(body));
    this.calls.push({ ...call, status, error: { name: errorName, message } });
  }

  /** Answers an error the operation does not model (as the service front end does: throttling, signature). */
  public generic(res: http.ServerResponse, call: Omit<FakeCall, 'status'>, status: number, errorType: string, message: string): void {
    res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': errorType, 'x-amzn-requestid': requestId() });
    res.end(JSON.stringify({ message }));
    this.calls.push({ ...call, status, error: { name: errorType, message } });
  }

  /** Answers the operation's output, checked against its output shape first. */
  public output(res: http.ServerResponse, route: Route, call: Omit<FakeCall, 'status'>, output: unknown): void {
    const status = route.model.http.code ?? 200;
    const outputShape = route.model.output && route.model.output !== 'Unit' ? route.model.output : undefined;
    if (outputShape) {
      const problems = validateShape(outputShape, output, 'output');
      if (problems.length > 0) this.problems.push(`${route.operation} answered an output its model rejects: ${problems.join('; ')}`);
    }
    res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': requestId() });
    res.end(outputShape && status !== 204 ? JSON.stringify(output ?? {}) : undefined);
    this.calls.push({ ...call, status, output });
  }
}
