/**
 * The handler asset holds handler code only: esbuild bundles lambda/index.ts
 * and aws-cdk-lib's custom-resource entrypoint with the options of the
 * `bundle` task, and its metafile lists every module that went into each
 * output. No aws-cdk-lib or constructs code but that entrypoint, and of src/
 * only the services' contracts and the wire decoding they use.
 */
import * as path from 'path';
import { build } from 'esbuild';
import { CDK_ENTRYPOINT, handlerBuildOptions } from '../../scripts/bundle-handler';

const ROOT = path.join(__dirname, '..', '..');

/**
 * aws-cdk-lib modules the handler asset may hold: its own custom-resource
 * entrypoint (response upload, failed-Create marker) is the one exception
 * the layout allows, bundled as __entrypoint__.js (the function's handler).
 */
const ALLOWED_CDK_MODULES: RegExp[] = [new RegExp(`${CDK_ENTRYPOINT.replace(/[.]/g, '\\.')}$`)];

/** The modules bundled into each output file of the asset, by path in the asset (index.js, ivs/index.js, …). */
async function bundledInputsByOutput(): Promise<{ inputs: Record<string, string[]>; imports: Record<string, string[]> }> {
  const options = handlerBuildOptions(ROOT);
  const result = await build({ ...options, write: false, metafile: true });
  const outputs = Object.entries(result.metafile.outputs)
    .map(([file, output]) => [path.relative(options.outdir!, path.join(ROOT, file)), output] as const);
  return {
    inputs: Object.fromEntries(outputs.map(([file, output]) => [file, Object.keys(output.inputs)])),
    imports: Object.fromEntries(outputs.map(([file, output]) => [file, output.imports.filter((i) => i.external).map((i) => i.path)])),
  };
}

const SDK_CLIENTS: Record<string, string[]> = {
  'kvs/index.js': ['@aws-sdk/client-kinesis-video'],
  'ivs/index.js': ['@aws-sdk/client-ivs-realtime'],
  'chime/index.js': ['@aws-sdk/client-chime-sdk-media-pipelines'],
  'chime/voice/index.js': ['@aws-sdk/client-chime-sdk-voice'],
};
const clientsIn = (inputs: string[]) =>
  [...new Set(inputs.map((i) => /node_modules\/(@aws-sdk\/client-[a-z0-9-]+)\//.exec(i)?.[1]).filter((c): c is string => !!c))].sort();

describe('the bundled handler', () => {
  let outputs: Record<string, string[]>;
  let externals: Record<string, string[]>;
  beforeAll(async () => {
    ({ inputs: outputs, imports: externals } = await bundledInputsByOutput());
  });

  test('is the dispatch table, one file per service and aws-cdk-lib\'s custom-resource entrypoint', () => {
    expect(Object.keys(outputs).sort()).toEqual(['__entrypoint__.js', 'chime/index.js', 'chime/voice/index.js', 'index.js', 'ivs/index.js', 'kvs/index.js']);
    expect(outputs['__entrypoint__.js']).toHaveLength(1);
    expect(outputs['__entrypoint__.js'][0]).toMatch(ALLOWED_CDK_MODULES[0]);
  });

  test('index.js holds no SDK client and requires each service\'s file, which the asset holds', () => {
    expect(clientsIn(outputs['index.js'])).toEqual([]);
    expect(outputs['index.js'].some((i) => i.startsWith('lambda/kvs/') || i.startsWith('lambda/ivs/') || i.startsWith('lambda/chime/'))).toBe(false);
    expect(externals['index.js'].sort()).toEqual(['./chime/index.js', './chime/voice/index.js', './ivs/index.js', './kvs/index.js']);
  });

  test('each service\'s file holds its handlers and its own SDK client only', () => {
    for (const [file, clients] of Object.entries(SDK_CLIENTS)) {
      const service = file.split('/')[0];
      expect(clientsIn(outputs[file])).toEqual(clients);
      expect(outputs[file].filter((i) => i.startsWith('lambda/') && !i.startsWith(`lambda/${service}/`) && !i.startsWith('lambda/shared/'))).toEqual([]);
    }
    expect(outputs['kvs/index.js']).toEqual(expect.arrayContaining(['lambda/kvs/image-generation.ts', 'lambda/kvs/notification.ts']));
    expect(outputs['ivs/index.js']).toEqual(expect.arrayContaining(['lambda/ivs/composition.ts', 'lambda/ivs/stage-keeper.ts']));
    expect(outputs['chime/index.js']).toEqual(expect.arrayContaining(['lambda/chime/voice-analytics-task.ts', 'lambda/chime/pipeline-configuration.ts']));
    expect(outputs['chime/voice/index.js']).toEqual(expect.arrayContaining(['lambda/chime/voice-profile-domain.ts']));
  });

  test('contains no aws-cdk-lib or constructs code but the entrypoint', () => {
    const cdk = Object.values(outputs).flat().filter((i) => /node_modules\/(aws-cdk-lib|constructs)\//.test(i));
    expect(cdk.filter((i) => !ALLOWED_CDK_MODULES.some((allowed) => allowed.test(i)))).toEqual([]);
  });

  test('takes from src/ only the services\' contracts and the wire decoding', () => {
    const fromSrc = Object.values(outputs).flat().filter((i) => i.startsWith('src/'));
    expect(fromSrc.length).toBeGreaterThan(0);
    expect(fromSrc.filter((i) => !/^src\/([a-z0-9-]+\/[a-z0-9-]+\.contract|core\/wire)\.ts$/.test(i))).toEqual([]);
  });
});
