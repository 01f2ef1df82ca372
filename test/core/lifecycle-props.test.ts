/**
 * What the constructs expose and send for the lifecycle rules: a `state`
 * attribute on each (RUNNING or ENDED), and KvsImageGeneration's
 * `overwriteExisting`, sent only when set so that existing templates do not change.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import {
  ImageDestination, IvsChannel, IvsComposition, IvsStage, KvsImageGeneration, KvsStream, MediaInsightsPipeline, VoiceAnalysis, VoiceAnalyticsTask,
} from '../../src';
import { decodeKvsImageGenerationProperties } from '../../src/kvs/image-generation.contract';
import { stringifyScalars } from '../helpers/cfn';
import { CHANNEL_ARN, PIPELINE_ID, STAGE_ARN, STREAM_ARN, TEST_ENV } from '../helpers/fixtures';

function stack() {
  return new Stack(new App(), 'Stack', { env: TEST_ENV });
}

function images(s: Stack, id: string, overwriteExisting?: boolean) {
  return new KvsImageGeneration(s, id, {
    // One stream each: a stream takes one KvsImageGeneration per app.
    stream: KvsStream.fromStreamArn(STREAM_ARN.replace('/camera/', `/camera-${id.toLowerCase()}/`)),
    destination: ImageDestination.fromBucket(new Bucket(s, `${id}Bucket`)),
    overwriteExisting,
  });
}

describe('KvsImageGeneration overwriteExisting', () => {
  test('sent as OverwriteExisting only when true; the handler decodes it', () => {
    const s = stack();
    images(s, 'Unset');
    images(s, 'Off', false);
    images(s, 'On', true);
    const resources = Template.fromStack(s).findResources('Custom::KvsImageGeneration');
    const byId = (prefix: string) => Object.entries(resources).find(([id]) => id.startsWith(prefix))![1].Properties;
    expect(byId('Unset')).not.toHaveProperty('OverwriteExisting');
    expect(byId('Off')).not.toHaveProperty('OverwriteExisting');
    expect(byId('On').OverwriteExisting).toBe(true);
    const wire = stringifyScalars({ ...byId('On'), StreamARN: STREAM_ARN, ImageGenerationConfiguration: { ...byId('On').ImageGenerationConfiguration, DestinationConfig: { Uri: 's3://b/', DestinationRegion: 'us-east-1' } } });
    expect(decodeKvsImageGenerationProperties(wire).OverwriteExisting).toBe(true);
  });
});

describe('the state attribute', () => {
  test('each construct exposes State from its custom resource', () => {
    const s = stack();
    const kvs = images(s, 'Images');
    const ivs = new IvsComposition(s, 'Live', { stage: IvsStage.fromStageArn(STAGE_ARN), channel: { channel: IvsChannel.fromChannelArn(CHANNEL_ARN) } });
    const chime = new VoiceAnalyticsTask(s, 'Tone', {
      mediaInsightsPipeline: MediaInsightsPipeline.fromPipelineId(PIPELINE_ID),
      analysis: VoiceAnalysis.voiceToneAnalysis(),
      source: KvsStream.fromStreamArn(STREAM_ARN),
    });
    for (const [construct, logicalPrefix] of [[kvs, 'Images'], [ivs, 'Live'], [chime, 'Tone']] as const) {
      expect(s.resolve(construct.state)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(new RegExp(`^${logicalPrefix}`)), 'State'] });
    }
  });
});
