import { KVS_MODEL } from './model.generated';
import type { KvsStream } from './stream';
import type { PropValidator } from '../core/validation';

/**
 * Checks the `stream` prop of a construct that configures a stream through
 * the API operation whose input shape is `input` (e.g.
 * `com.amazonaws.kinesisvideo#UpdateNotificationConfigurationInput`): an ARN
 * must match the model and be in the stack's account and Region (`why` says
 * why), a name must match the model.
 */
export function validateStreamReference(v: PropValidator, stream: KvsStream, input: string, why: string): void {
  if (stream.streamArn !== undefined) {
    v.string('stream', stream.streamArn, KVS_MODEL.member(input, 'StreamARN'), 'a Kinesis Video stream ARN');
    v.arnInStack('stream', stream.streamArn, { service: 'kinesisvideo', noun: 'stream', why });
  } else {
    v.string('stream', stream.streamName, KVS_MODEL.member(input, 'StreamName'), 'a Kinesis Video stream name');
  }
}
