/**
 * The handler asset holds handler code only: esbuild bundles lambda/index.ts
 * with the options of the `bundle` task, and its metafile lists every module
 * that went in. No aws-cdk-lib or constructs code, and of src/ only the
 * services' contracts and the wire decoding they use.
 */
import * as path from 'path';
import { buildSync } from 'esbuild';

const ROOT = path.join(__dirname, '..', '..');

/**
 * aws-cdk-lib modules the handler asset may hold: its own custom-resource
 * entrypoint (response upload, failed-Create marker) is the one exception
 * the layout allows. None is bundled today.
 */
const ALLOWED_CDK_MODULES: RegExp[] = [/node_modules\/aws-cdk-lib\/core\/lib\/custom-resource-provider\/nodejs-entrypoint/];

function bundledInputs(): string[] {
  const result = buildSync({
    entryPoints: [path.join(ROOT, 'lambda', 'index.ts')],
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node24',
    mainFields: ['module', 'main'],
    legalComments: 'none',
    write: false,
    metafile: true,
    absWorkingDir: ROOT,
  });
  return Object.keys(result.metafile!.inputs);
}

describe('the bundled handler', () => {
  const inputs = bundledInputs();

  test('bundles the three services\' handlers and their SDK clients', () => {
    expect(inputs).toEqual(expect.arrayContaining([
      'lambda/index.ts',
      'lambda/kvs/image-generation.ts',
      'lambda/ivs/composition.ts',
      'lambda/chime/voice-analytics-task.ts',
    ]));
    expect(inputs.some((i) => i.includes('node_modules/@aws-sdk/client-kinesis-video/'))).toBe(true);
  });

  test('contains no aws-cdk-lib or constructs code', () => {
    const cdk = inputs.filter((i) => /node_modules\/(aws-cdk-lib|constructs)\//.test(i));
    expect(cdk.filter((i) => !ALLOWED_CDK_MODULES.some((allowed) => allowed.test(i)))).toEqual([]);
  });

  test('takes from src/ only the services\' contracts and the wire decoding', () => {
    const fromSrc = inputs.filter((i) => i.startsWith('src/'));
    expect(fromSrc.length).toBeGreaterThan(0);
    expect(fromSrc.filter((i) => !/^src\/([a-z0-9-]+\/contract|core\/wire)\.ts$/.test(i))).toEqual([]);
  });
});
