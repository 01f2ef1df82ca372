/**
 * What every KVS resource's contract shares: how a stream is named on the
 * wire. Imports nothing: handler code (see src/kvs/*.contract.ts).
 */

/** The stream name in a stream ARN (`arn:...:stream/<name>/<creationTime>`); undefined if malformed. */
export function streamNameOfArn(streamArn: string): string | undefined {
  return /^arn:[^:]+:kinesisvideo:[^:]*:[^:]*:stream\/([^/]+)\/[^/]+$/.exec(streamArn)?.[1];
}
