/** Shared setup of the IVS composition handler's tests (composition*.test.ts). */
import { createHash } from 'node:crypto';
import { IVSRealTimeClient, ResourceNotFoundException } from '@aws-sdk/client-ivs-realtime';
import type { Composition } from '@aws-sdk/client-ivs-realtime';
import { mockClient } from 'aws-sdk-client-mock';
import { IVS_COMPOSITION_RESOURCE_TYPE } from '../../../src/ivs/composition.contract';
import type { IvsCompositionProperties } from '../../../src/ivs/composition.contract';
import type { VirtualClock } from '../../helpers/clock';
import { CHANNEL_ARN as CHANNEL, ENCODER_ARN as ENCODER, STAGE_ARN as STAGE, STORAGE_ARN as STORAGE } from '../../helpers/fixtures';
import { useSdkMocks } from '../../helpers/sdk-mock';

export { CHANNEL, STAGE };

export const ivs = mockClient(IVSRealTimeClient);
export const TYPE = IVS_COMPOSITION_RESOURCE_TYPE;
export const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/TestStack/11111111-2222-3333-4444-555555555555';

export const ARN = 'arn:aws:ivs:us-east-1:123456789012:composition/F1rstC0mp';
export const NEW_ARN = 'arn:aws:ivs:us-east-1:123456789012:composition/N3wC0mp';
export const PREFIX = 'ivs/v1/123456789012/AbCdEf123456/2025/1/1/12/0/F1rstC0mp';

export const PROPS: IvsCompositionProperties = {
  stageArn: STAGE,
  layout: { grid: { featuredParticipantAttribute: 'host', omitStoppedVideo: true, videoAspectRatio: 'VIDEO', videoFillMode: 'COVER', gridGap: 4 } },
  destinations: [
    { name: 'live', channel: { channelArn: CHANNEL, encoderConfigurationArn: ENCODER } },
    {
      name: 'recording',
      s3: {
        storageConfigurationArn: STORAGE,
        encoderConfigurationArns: [ENCODER],
        recordingConfiguration: { format: 'HLS', hlsConfiguration: { targetSegmentDurationSeconds: 6 } },
        thumbnailConfigurations: [{ targetIntervalSeconds: 30, storage: ['SEQUENTIAL', 'LATEST'] }],
      },
    },
  ],
  tags: { team: 'media' },
  StartTimeoutSeconds: 120,
};
export const { StartTimeoutSeconds: _, ...START_INPUT } = PROPS;

/** A composition as the service describes it, its destinations in `destinationState` (by default following its own state). */
export function composition(state: Composition['state'], arn = ARN, destinationState: string = state === 'ACTIVE' ? 'ACTIVE' : 'STARTING'): Composition {
  return {
    arn,
    stageArn: STAGE,
    state,
    layout: PROPS.layout,
    destinations: [
      { id: 'dest-channel', state: destinationState as any, configuration: PROPS.destinations[0] },
      { id: 'dest-s3', state: destinationState as any, configuration: PROPS.destinations[1], detail: { s3: { recordingPrefix: PREFIX } } },
    ],
  };
}

export const notFound = () => new ResourceNotFoundException({ exceptionMessage: 'composition not found', message: 'composition not found', $metadata: {} });
export const commandNames = () => ivs.calls().map((c) => c.args[0].constructor.name);
export const tokenOf = (requestId: string) => createHash('sha256').update(`${STACK_ID}\nResource\n${requestId}`).digest('hex');

/** Virtual time, reset before each test by useIvsMock. */
export let clock: VirtualClock;
/** Registers the per-test reset of the mock and the clock (useSdkMocks) in the calling test file. */
export function useIvsMock(): void {
  ({ clock } = useSdkMocks(ivs));
}
