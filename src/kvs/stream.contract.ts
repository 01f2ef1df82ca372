/**
 * What every KVS resource's contract shares: how a stream is named on the
 * wire. Imports nothing: handler code (see src/kvs/*.contract.ts).
 */

/** The stream name in a stream ARN (`arn:...:stream/<name>/<creationTime>`); undefined if malformed. */
export function streamNameOfArn(streamArn: string): string | undefined {
  return /^arn:[^:]+:kinesisvideo:[^:]*:[^:]*:stream\/([^/]+)\/[^/]+$/.exec(streamArn)?.[1];
}

/** A stream as a KVS resource's properties (and the API's inputs) name it: by ARN, or by name. */
export interface StreamReferenceProperties {
  readonly StreamARN?: string;
  readonly StreamName?: string;
}

/**
 * The stream's name, from its ARN when named by ARN (the ARN itself if
 * malformed): a per-stream resource's physical ID, so that naming one stream
 * by ARN or by name is the same resource.
 */
export function streamNameOf(ref: StreamReferenceProperties): string {
  return ref.StreamName ?? (ref.StreamARN && streamNameOfArn(ref.StreamARN)) ?? ref.StreamARN!;
}

/** The stream member of an API input: the ARN when given, else the name (the API takes one of them). */
export function streamOf(ref: StreamReferenceProperties): { StreamARN: string } | { StreamName: string | undefined } {
  return ref.StreamARN ? { StreamARN: ref.StreamARN } : { StreamName: ref.StreamName };
}
