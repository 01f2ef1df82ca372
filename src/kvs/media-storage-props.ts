import type { KvsSignalingChannel } from './signaling-channel';
import type { KvsStream } from './stream';

/** Properties of a `KvsMediaStorageConfiguration`. */
export interface KvsMediaStorageConfigurationProps {
  /**
   * The signaling channel whose WebRTC media is stored. A channel of type
   * `SINGLE_MASTER` (a `CfnSignalingChannel` of another type is rejected at
   * synth): the JoinStorageSession API reference describes ingestion for
   * that type only. A channel has one media storage configuration.
   */
  readonly channel: KvsSignalingChannel;

  /**
   * The stream the media is stored in. Its data retention must be above 0
   * hours (a `CfnStream` without `dataRetentionInHours` is rejected at
   * synth). A stream takes the media of one channel.
   */
  readonly stream: KvsStream;

  /**
   * Acknowledges that enabling media storage changes how peers connect:
   * direct master-viewer peer-to-peer sessions no longer happen; the master
   * and the viewers join the channel's storage session (JoinStorageSession,
   * JoinStorageSessionAsViewer), so existing viewers that connect directly
   * stop working. Required (true) when `enabled` is true.
   *
   * @default false
   */
  readonly acceptPeerToPeerEnd?: boolean;

  /**
   * Whether the channel's media is stored (`ENABLED`). A disabled
   * configuration stores nothing, and peers connect directly again.
   *
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * Whether a media storage configuration already on the channel that this
   * resource did not write may be replaced. Without it, the deploy fails and
   * the existing configuration is left unchanged. With it, deleting this
   * resource later removes the configuration from the channel.
   *
   * @default false
   */
  readonly overwriteExisting?: boolean;
}
