import { IVSRealTimeClient } from '@aws-sdk/client-ivs-realtime';
import { clientConfig, configureClient } from '../sdk';
import type { ClientOptions } from '../sdk';

/**
 * The IVS real-time client of the IVS handlers. The stage keeper's passes
 * `retryWhileGrantsPropagate: false`: a denied check fails its message,
 * which SQS delivers again, instead of holding the message group for 15 s.
 */
export function ivsRealTimeClient(options: Pick<ClientOptions, 'retryWhileGrantsPropagate'> = {}): IVSRealTimeClient {
  return configureClient(new IVSRealTimeClient(clientConfig()), options);
}
