/**
 * Real stand-ins for what a README fragment takes as given
 * (`declare const stack: Stack;`): each declared name is built in a fresh App
 * the way a user's app would have it, so the fragment runs and synthesizes.
 * A sample that declares a name missing here fails, naming it: add it.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ImageDestination, KvsImageGeneration, KvsStream } from '../../src';

/** The one account and Region of the samples that set an environment. */
export const SAMPLE_ENV = { account: '111111111111', region: 'us-east-1' };

type Factory = (stack: Stack) => unknown;

const STAND_INS: Record<string, Factory> = {
  stack: (stack) => stack,
  app: (stack) => stack.node.root,
  images: (stack) => new KvsImageGeneration(stack, 'StandInImages', {
    stream: KvsStream.fromCfnStream(new CfnStream(stack, 'StandInStream', { dataRetentionInHours: 24 })),
    destination: ImageDestination.fromBucket(new s3.Bucket(stack, 'StandInImageBucket')),
  }),
  bucket: (stack) => new s3.Bucket(stack, 'StandInBucket'),
  producerRole: (stack) => new iam.Role(stack, 'StandInProducerRole', { assumedBy: new iam.AccountRootPrincipal() }),
  role: (stack) => new iam.Role(stack, 'StandInRole', { assumedBy: new iam.AccountRootPrincipal() }),
  results: (stack) => new sns.Topic(stack, 'StandInResults'),
  topic: (stack) => new sns.Topic(stack, 'StandInTopic'),
};

/** The names a sample declares (`declare const x: T;`, `declare let x: T;`). */
export function declaredNames(code: string): string[] {
  return [...code.matchAll(/^\s*declare\s+(?:const|let|var)\s+(\w+)\s*:/gm)].map((m) => m[1]);
}

/**
 * A fresh App with one stack (account 111111111111, us-east-1) and a stand-in
 * for each name, in the order given.
 */
export function standIns(names: readonly string[]): { app: App; values: unknown[] } {
  const missing = names.filter((name) => !(name in STAND_INS));
  if (missing.length > 0) {
    throw new Error(`no stand-in for the declared ${missing.join(', ')}: add one to test/readme/stand-ins.ts (or write the sample as a complete app)`);
  }
  const app = new App();
  const stack = new Stack(app, 'Sample', { env: SAMPLE_ENV });
  return { app, values: names.map((name) => STAND_INS[name](stack)) };
}
