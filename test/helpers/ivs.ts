import type { CfnChannel, CfnEncoderConfiguration, CfnStage, CfnStorageConfiguration } from 'aws-cdk-lib/aws-ivs';
import { IvsChannel, IvsEncoderConfiguration, IvsStage, IvsStorageConfiguration } from '../../src';

/** The IVS resources of an app as the composition constructs take them (each `fromCfn*`). */
export function fromCfnIvs(cfn: { stage: CfnStage; encoder: CfnEncoderConfiguration; storage: CfnStorageConfiguration; channel: CfnChannel }) {
  return {
    stage: IvsStage.fromCfnStage(cfn.stage),
    encoder: IvsEncoderConfiguration.fromCfnEncoderConfiguration(cfn.encoder),
    storage: IvsStorageConfiguration.fromCfnStorageConfiguration(cfn.storage),
    channel: IvsChannel.fromCfnChannel(cfn.channel),
  };
}
