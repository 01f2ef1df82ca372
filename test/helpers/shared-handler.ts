import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ImageDestination, KvsImageGeneration, KvsStream } from '../../src';

/**
 * Adds a KvsImageGeneration to `stack` (which holds other cdk-live-media
 * constructs) and checks that one Lambda function and one role serve them
 * all: `customResources` counts the custom resources of the other kinds
 * (e.g. `{ 'Custom::IvsComposition': 2 }`). Returns the template.
 */
export function withImageGeneration(stack: Stack, customResources: Record<string, number>): Template {
  new KvsImageGeneration(stack, 'Thumbnails', {
    stream: KvsStream.fromStreamName('camera'),
    destination: ImageDestination.fromUri('s3://images/camera'),
  });
  const template = Template.fromStack(stack);
  template.resourceCountIs('AWS::Lambda::Function', 1);
  template.resourceCountIs('AWS::IAM::Role', 1);
  for (const [type, count] of Object.entries({ ...customResources, 'Custom::KvsImageGeneration': 1 })) {
    template.resourceCountIs(type, count);
  }
  return template;
}
