/**
 * The example app: every cdk-live-media construct in one stack.
 *
 *   npx projen example     # synthesizes offline into example/cdk.out
 */
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { LiveMediaExampleStack } from './stack';

const outdir = path.join(__dirname, 'cdk.out');
const app = new App({ outdir });
const stack = new LiveMediaExampleStack(app, 'LiveMediaExample');
const assembly = app.synth();
const template = assembly.getStackByName(stack.stackName);
console.log(`Synthesized ${stack.stackName}: ${path.relative(process.cwd(), template.templateFullPath)}`);
