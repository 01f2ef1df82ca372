/**
 * The handler asset holds handler code only: esbuild bundles lambda/index.ts
 * and aws-cdk-lib's custom-resource entrypoint with the options of the
 * `bundle` task, and its metafile lists every module that went into each
 * output. No aws-cdk-lib or constructs code but that entrypoint, and of src/
 * only the services' contracts and the wire decoding they use.
 */
import * as path from 'path';
import { buildSync } from 'esbuild';

const ROOT = path.join(__dirname, '..', '..');

/**
 * aws-cdk-lib modules the handler asset may hold: its own custom-resource
 * entrypoint (response upload, failed-Create marker) is the one exception
 * the layout allows, bundled as __entrypoint__.js (the function's handler).
 */
const CDK_ENTRYPOINT = 'node_modules/aws-cdk-lib/custom-resource-handlers/dist/core/nodejs-entrypoint-handler/index.js';
const ALLOWED_CDK_MODULES: RegExp[] = [/node_modules\/aws-cdk-lib\/custom-resource-handlers\/dist\/core\/nodejs-entrypoint-handler\/index\.js$/];

/** The modules bundled into each output file of the asset (index.js, __entrypoint__.js). */
function bundledInputsByOutput(): Record<string, string[]> {
  const result = buildSync({
    entryPoints: { index: path.join(ROOT, 'lambda', 'index.ts'), __entrypoint__: path.join(ROOT, CDK_ENTRYPOINT) },
    outdir: path.join(ROOT, 'bundle-test-out'),
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
  return Object.fromEntries(Object.entries(result.metafile!.outputs).map(([file, output]) => [path.basename(file), Object.keys(output.inputs)]));
}

describe('the bundled handler', () => {
  const outputs = bundledInputsByOutput();
  const inputs = outputs['index.js'];

  test('__entrypoint__.js is aws-cdk-lib\'s custom-resource entrypoint and nothing else', () => {
    expect(Object.keys(outputs).sort()).toEqual(['__entrypoint__.js', 'index.js']);
    expect(outputs['__entrypoint__.js']).toHaveLength(1);
    expect(outputs['__entrypoint__.js'][0]).toMatch(ALLOWED_CDK_MODULES[0]);
  });

  test('bundles the three services\' handlers and their SDK clients', () => {
    expect(inputs).toEqual(expect.arrayContaining([
      'lambda/index.ts',
      'lambda/kvs/image-generation.ts',
      'lambda/ivs/composition.ts',
      'lambda/chime/voice-analytics-task.ts',
    ]));
    expect(inputs.some((i) => i.includes('node_modules/@aws-sdk/client-kinesis-video/'))).toBe(true);
  });

  test('contains no aws-cdk-lib or constructs code but the entrypoint', () => {
    const cdk = Object.values(outputs).flat().filter((i) => /node_modules\/(aws-cdk-lib|constructs)\//.test(i));
    expect(cdk.filter((i) => !ALLOWED_CDK_MODULES.some((allowed) => allowed.test(i)))).toEqual([]);
  });

  test('takes from src/ only the services\' contracts and the wire decoding', () => {
    const fromSrc = inputs.filter((i) => i.startsWith('src/'));
    expect(fromSrc.length).toBeGreaterThan(0);
    expect(fromSrc.filter((i) => !/^src\/([a-z0-9-]+\/contract(-[a-z0-9-]+)?|core\/wire)\.ts$/.test(i))).toEqual([]);
  });
});
