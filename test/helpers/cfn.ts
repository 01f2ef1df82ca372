/**
 * Test helpers that do to properties what CloudFormation does before the
 * handler sees them.
 */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

/** Every scalar becomes a string, as in CloudFormation's ResourceProperties. */
export function stringifyScalars(value: unknown): any {
  if (Array.isArray(value)) return value.map(stringifyScalars);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stringifyScalars(v)]));
  }
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

/**
 * Resolves the intrinsics of a synthesized template's properties the way a
 * deploy would, with the values given per logical ID (`Ref` and `Fn::GetAtt`),
 * and pseudo parameters set to a fixed account and Region.
 */
export function resolveIntrinsics(value: unknown, refs: Record<string, string> = {}): any {
  if (Array.isArray(value)) return value.map((v) => resolveIntrinsics(v, refs));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, any>;
  if ('Ref' in obj) return refs[obj.Ref] ?? PSEUDO[obj.Ref] ?? `ref-${obj.Ref}`;
  if ('Fn::GetAtt' in obj) {
    const [id, attr] = obj['Fn::GetAtt'];
    return refs[`${id}.${attr}`] ?? `getatt-${id}-${attr}`;
  }
  if ('Fn::Join' in obj) {
    const [sep, parts] = obj['Fn::Join'];
    return parts.map((p: unknown) => resolveIntrinsics(p, refs)).join(sep);
  }
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, resolveIntrinsics(v, refs)]));
}

const PSEUDO: Record<string, string> = {
  'AWS::Region': 'us-east-1',
  'AWS::AccountId': '123456789012',
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
};

let requestCounter = 0;

/** A CloudFormation custom resource event, as CloudFormation sends it (every property a string). */
export function cfnEvent(
  requestType: 'Create' | 'Update' | 'Delete',
  resourceType: string,
  properties: object,
  extra: { PhysicalResourceId?: string; OldResourceProperties?: object; RequestId?: string } = {},
): CloudFormationCustomResourceEvent {
  const base = {
    RequestType: requestType,
    ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:handler',
    ResponseURL: 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/response',
    StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/TestStack/11111111-2222-3333-4444-555555555555',
    RequestId: extra.RequestId ?? `request-${++requestCounter}`,
    LogicalResourceId: 'Resource',
    ResourceType: resourceType,
    ResourceProperties: { ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:handler', ...stringifyScalars(properties) },
  };
  if (requestType === 'Create') return base as CloudFormationCustomResourceEvent;
  return {
    ...base,
    PhysicalResourceId: extra.PhysicalResourceId ?? 'physical-id',
    ...(requestType === 'Update' ? { OldResourceProperties: stringifyScalars(extra.OldResourceProperties ?? properties) } : {}),
  } as CloudFormationCustomResourceEvent;
}

/** A Lambda context whose deadline is `remainingMs` away. */
export function lambdaContext(remainingMs = 600_000): any {
  const end = Date.now() + remainingMs;
  return { getRemainingTimeInMillis: () => end - Date.now(), functionName: 'handler', awsRequestId: 'lambda-request' };
}
