/**
 * What every answer to CloudFormation must be, and what the logs of a whole
 * lifecycle must never hold.
 */
import { createHash } from 'crypto';
import type { Invocation, LifecycleHarness } from './lambda-runner';

/** CloudFormation rejects response bodies over 4096 bytes. */
export const MAX_RESPONSE_BYTES = 4_096;
/** Data is kept well under that: the rest of the body (Reason, IDs) needs room too. */
export const MAX_DATA_BYTES = 1_024;
/** CloudFormation limits physical IDs to 1 KB. */
const MAX_PHYSICAL_ID_BYTES = 1_024;

/** The physical ID aws-cdk-lib's entrypoint answers for a failed Create; its Delete must succeed without calling the API. */
export const CREATE_FAILED_MARKER = 'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED';

/** Pass as `data` to require an answer without Data. */
export const NO_DATA = null;

/** The checks every answer gets: it came, in time, for this request, and fits CloudFormation's limits. */
function expectAnswered(invocation: Invocation) {
  expect(invocation.timedOut).toBe(false);
  // The entrypoint answers CloudFormation itself; the Lambda invocation never fails.
  expect(invocation.error).toBeUndefined();
  const response = invocation.response!;
  expect(response).toBeDefined();
  expect(response).toMatchObject({
    RequestId: invocation.event.RequestId,
    StackId: invocation.event.StackId,
    LogicalResourceId: invocation.event.LogicalResourceId,
  });
  expect(invocation.responseBytes).toBeLessThan(MAX_RESPONSE_BYTES);
  expect(Buffer.byteLength(JSON.stringify(response.Data ?? {}))).toBeLessThan(MAX_DATA_BYTES);
  expect(Buffer.byteLength(response.PhysicalResourceId)).toBeLessThanOrEqual(MAX_PHYSICAL_ID_BYTES);
  return response;
}

/**
 * SUCCESS with `physicalId`; `data` (when given) is the exact Data, or
 * NO_DATA for none.
 */
export function expectSucceeded(invocation: Invocation, physicalId: string, data?: Record<string, string> | null): void {
  const response = expectAnswered(invocation);
  expect({ Status: response.Status, Reason: response.Reason, PhysicalResourceId: response.PhysicalResourceId })
    .toEqual({ Status: 'SUCCESS', Reason: 'SUCCESS', PhysicalResourceId: physicalId });
  if (data === NO_DATA) expect(response.Data).toBeUndefined();
  else if (data !== undefined) expect(response.Data).toEqual(data);
}

/**
 * FAILED with `physicalId` and a Reason matching `reason`: a message a
 * user can act on, not a stack trace, not a placeholder, within the limits.
 */
export function expectFailed(invocation: Invocation, physicalId: string, reason: RegExp): void {
  const response = expectAnswered(invocation);
  expect({ Status: response.Status, PhysicalResourceId: response.PhysicalResourceId }).toEqual({ Status: 'FAILED', PhysicalResourceId: physicalId });
  expect(response.Reason).toMatch(reason);
  expect(response.Reason).not.toMatch(/\n\s+at |^(FAILED|undefined|UnknownError|\[object Object\])$/);
  expect(response.Reason.length).toBeLessThanOrEqual(1_500);
  expect(response.Data).toBeUndefined();
}

/**
 * Over everything the harness's containers printed:
 * - no ResponseURL, nor its query or any of its query values (the pre-signed
 *   URL's credential and signature); its path (stack, logical ID, request
 *   ID: not a secret) only in aws-cdk-lib's entrypoint's own
 *   `submit response to cloudformation https://host//<path>?***` line;
 * - no idempotency token the fake received (IVS idempotencyToken, Chime
 *   ClientRequestToken);
 * - none of the credentials the function was given.
 */
export function expectNoSecretsLogged(h: LifecycleHarness): void {
  const logs = h.logs.join('\n');
  expect(h.logs.length).toBeGreaterThan(0);
  for (const issued of h.responses.issued) {
    const url = new URL(issued);
    expect(logs).not.toContain(issued);
    expect(logs).not.toContain(url.search.slice(1));
    for (const value of url.searchParams.values()) {
      if (value.length >= 16) expect(logs).not.toContain(value);
    }
    for (const line of h.logs.filter((l) => l.includes(url.pathname.slice(1)))) {
      expect(line).toMatch(/^submit response to cloudformation https:\/\/127\.0\.0\.1\/\/[^?]*\?\*\*\* \{$/);
    }
  }
  for (const token of h.fake.idempotencyTokensSeen()) expect(logs).not.toContain(token);
  const env = h.fake.clientEnvironment();
  expect(logs).not.toContain(env.AWS_SECRET_ACCESS_KEY);
  expect(logs).not.toContain(env.AWS_SESSION_TOKEN);
}

/**
 * The idempotency token the IVS and Chime handlers derive from a request
 * (written out here independently): SHA-256 of the stack, the logical ID and
 * the request ID, so that every delivery of one request shares it.
 */
export function requestToken(event: { StackId: string; LogicalResourceId: string; RequestId: string }): string {
  return createHash('sha256').update(`${event.StackId}\n${event.LogicalResourceId}\n${event.RequestId}`).digest('hex');
}
