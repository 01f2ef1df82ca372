/**
 * The wire side of the fake services (see fake-services.ts): its types, the
 * routes compiled from the Smithy models' http bindings, input assembly from
 * labels, query, headers and body, the SigV4 scope check, and the bits of
 * restJson1 error serialization that do not need the server's state.
 */
import type * as http from 'http';
import { FAKE_ACCOUNT, FAKE_REGION } from './fake-common';
import type { ModelOperation, ModelService } from '../../../src/core/model-types';
import { OPERATIONS, SERVICES, shape } from '../../helpers/model';

/**
 * A fault injected into an operation, answered instead of doing the work:
 * - 'throttling': the service's modeled throttling error (KVS
 *   ClientLimitExceededException 400, Chime ThrottledClientException 429), or
 *   a generic 429 ThrottlingException for a service that models none (IVS);
 * - 'server-error': the service's modeled server error (IVS
 *   InternalServerException 500, Chime ServiceFailureException 500), or a
 *   generic 500 InternalFailure (KVS);
 * - 'unavailable': Chime's ServiceUnavailableException 503, or a generic 503;
 * - 'access-denied': the service's modeled access error (KVS
 *   AccessDeniedException 401, IVS AccessDeniedException 403, Chime
 *   ForbiddenException 403), with an IAM-like message;
 * - 'malformed-response': 200 with a body that is not JSON;
 * - a modeled error by name, or any status and error type.
 */
export type Fault =
  | 'throttling'
  | 'server-error'
  | 'unavailable'
  | 'access-denied'
  | 'malformed-response'
  | { readonly errorName: string; readonly message?: string }
  | { readonly status: number; readonly errorType: string; readonly message?: string };

/** One request the fake received, as it understood it. */
export interface FakeCall {
  /** The service's endpoint prefix: kinesisvideo, ivsrealtime, media-pipelines-chime. */
  readonly service: string;
  /** The operation's short name, e.g. UpdateImageGenerationConfiguration. */
  readonly operation: string;
  /** The input assembled from labels, query, headers and body. */
  readonly input: Record<string, any>;
  /** The SDK's attempt number (amz-sdk-request), 1 for the first try. */
  readonly attempt?: number;
  /** The SDK's invocation ID: the same for every retry of one command. */
  readonly invocationId?: string;
  readonly status: number;
  /** The error answered, if any. */
  readonly error?: { readonly name: string; readonly message: string };
  /** Whether the answer was an injected fault. */
  readonly injected?: boolean;
  /** Whether the request was throttled by the account's rate quota (then `injected` too). */
  readonly overQuota?: boolean;
  /** Why the request was invalid, if it was. */
  readonly violations?: string[];
  readonly output?: unknown;
  /** Milliseconds since the fake started. */
  readonly at: number;
}

export interface Route {
  readonly operation: string;
  readonly model: ModelOperation;
  readonly service: ModelService;
  readonly segments: string[];
  readonly query: [string, string][];
}

export interface PendingFault {
  readonly fault: Fault;
  remaining: number;
}

/** The error each service answers an invalid request with. */
export const VALIDATION_ERRORS: Record<string, string> = {
  'kinesisvideo': 'InvalidArgumentException',
  'ivsrealtime': 'ValidationException',
  'media-pipelines-chime': 'BadRequestException',
  'voice-chime': 'BadRequestException',
};

export function compileRoutes(): Route[] {
  const routes: Route[] = [];
  for (const service of Object.values(SERVICES)) {
    for (const id of service.operations) {
      const model = OPERATIONS[id];
      const [path, query] = model.http.uri.split('?');
      routes.push({
        operation: id.split('#')[1],
        model,
        service,
        segments: path.split('/').slice(1),
        query: query ? query.split('&').map((kv) => kv.split('=') as [string, string]) : [],
      });
    }
  }
  return routes;
}

/** The labels of a request that matches the route (literal segments, `{Label}`, `{Label+}`, literal query pairs). */
export function matchRoute(route: Route, segments: string[], query: URLSearchParams): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  for (let i = 0; i < route.segments.length; i++) {
    const pattern = route.segments[i];
    const label = /^\{(\w+)(\+?)\}$/.exec(pattern);
    if (label?.[2]) {
      labels[label[1]] = segments.slice(i).map(decodeURIComponent).join('/');
      return route.query.every(([k, v]) => query.get(k) === v) ? labels : undefined;
    }
    if (i >= segments.length) return undefined;
    if (label) {
      if (segments[i] === '') return undefined;
      labels[label[1]] = decodeURIComponent(segments[i]);
    } else if (segments[i] !== pattern) {
      return undefined;
    }
  }
  if (segments.length !== route.segments.length) return undefined;
  return route.query.every(([k, v]) => query.get(k) === v) ? labels : undefined;
}

/** The operation's input from labels, query, headers and the JSON body, as the members' http traits bind them. */
export function assembleInput(
  route: Route, labels: Record<string, string>, query: URLSearchParams, headers: http.IncomingHttpHeaders, body: string,
): Record<string, any> {
  const members = route.model.input ? shape(route.model.input).members ?? {} : {};
  const json = body.trim() === '' ? {} : JSON.parse(body);
  const input: Record<string, any> = {};
  const bodyNames = new Map<string, string>();
  for (const [name, member] of Object.entries(members)) {
    const scalar = (raw: string | undefined) => raw === undefined ? undefined : fromText(member.target, raw);
    if (member.httpLabel) input[name] = labels[name];
    else if (member.httpQuery) input[name] = scalar(query.get(member.httpQuery) ?? undefined);
    else if (member.httpHeader) input[name] = scalar(headers[member.httpHeader.toLowerCase()] as string | undefined);
    else bodyNames.set(member.jsonName ?? name, name);
    if (input[name] === undefined) delete input[name];
  }
  for (const [key, value] of Object.entries(json)) {
    // A key that no member reads stays under its own name: validation reports it.
    input[bodyNames.get(key) ?? key] = value;
  }
  return input;
}

export function fromText(target: string, raw: string): unknown {
  const type = (() => {
    try {
      return shape(target).type;
    } catch {
      return target.toLowerCase();
    }
  })();
  if (type === 'integer' || type === 'long') return Number(raw);
  if (type === 'boolean') return raw === 'true';
  return raw;
}

/** Why the SigV4 credential scope is not the service's, if it is not. */
export function checkSignature(authorization: string | undefined, signingName: string): string | undefined {
  const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? '');
  if (!scope) return 'Missing or malformed SigV4 Authorization header';
  if (scope[2] !== signingName) return `Credential should be scoped to correct service: '${signingName}', not '${scope[2]}'`;
  if (scope[1] !== FAKE_REGION) return `Credential should be scoped to a valid region: '${FAKE_REGION}', not '${scope[1]}'`;
  return undefined;
}

/** The resource an IAM message names for a request. */
export function resourceOf(input: Record<string, any>): string {
  return input.StreamARN ?? input.stageArn ?? input.arn
    ?? (input.StreamName ? `arn:aws:kinesisvideo:${FAKE_REGION}:${FAKE_ACCOUNT}:stream/${input.StreamName}/*` : undefined)
    ?? (input.Identifier ? `arn:aws:chime:${FAKE_REGION}:${FAKE_ACCOUNT}:media-pipeline/${String(input.Identifier).split('/').pop()}` : '*');
}

/** Chime's error bodies carry a Code from its ErrorCode enum. */
export function chimeErrorCode(errorName: string): string {
  const codes = (shape('com.amazonaws.chimesdkmediapipelines#ErrorCode').enum ?? []).map(String);
  return codes.find((c) => errorName.startsWith(c)) ?? (errorName.startsWith('Throttled') ? 'Throttling' : 'BadRequest');
}

let requestCounter = 0;
export function requestId(): string {
  return `fake-${(++requestCounter).toString().padStart(8, '0')}`;
}
