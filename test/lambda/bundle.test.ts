/**
 * The handler asset holds handler code only: esbuild bundles lambda/index.ts,
 * the services' handlers (their shared code split into shared/) and
 * aws-cdk-lib's custom-resource entrypoint with the options of the `bundle`
 * task, and its metafile lists every module that went into each output. No
 * aws-cdk-lib or constructs code but that entrypoint, and of src/ only the
 * services' contracts and the wire decoding they use.
 */
import * as path from 'path';
import { bundleHandler, CDK_ENTRYPOINT, loadedWith, SHARED_CHUNKS_DIR } from '../../scripts/bundle-handler';
import type { HandlerFile } from '../../scripts/bundle-handler';

const ROOT = path.join(__dirname, '..', '..');

/**
 * aws-cdk-lib modules the handler asset may hold: its own custom-resource
 * entrypoint (response upload, failed-Create marker) is the one exception
 * the layout allows, bundled as __entrypoint__.js (the function's handler).
 */
const ALLOWED_CDK_MODULES: RegExp[] = [new RegExp(`${CDK_ENTRYPOINT.replace(/[.]/g, '\\.')}$`)];

const SDK_CLIENTS: Record<string, string[]> = {
  'kvs/index.js': ['@aws-sdk/client-kinesis-video'],
  'ivs/index.js': ['@aws-sdk/client-ivs-realtime'],
  'chime/index.js': ['@aws-sdk/client-chime-sdk-media-pipelines'],
  'chime/voice/index.js': ['@aws-sdk/client-chime-sdk-voice'],
};
const clientsIn = (inputs: string[]) =>
  [...new Set(inputs.map((i) => /node_modules\/(@aws-sdk\/client-[a-z0-9-]+)\//.exec(i)?.[1]).filter((c): c is string => !!c))].sort();

describe('the bundled handler', () => {
  let files: HandlerFile[];
  /** The modules bundled into each file, by path in the asset (index.js, ivs/index.js, shared/chunk-….js). */
  let outputs: Record<string, string[]>;
  /** The modules a file brings when it loads: its own and those of the shared files it requires, transitively. */
  const loadedInputs = (file: string) => loadedWith(files, file).flatMap((f) => outputs[f]);
  beforeAll(async () => {
    files = await bundleHandler(ROOT);
    outputs = Object.fromEntries(files.map((f) => [f.file, f.inputs]));
  });

  test('is the dispatch table, one file per service, the files they share and aws-cdk-lib\'s custom-resource entrypoint', () => {
    const own = Object.keys(outputs).filter((f) => !f.startsWith(`${SHARED_CHUNKS_DIR}/`)).sort();
    expect(own).toEqual(['__entrypoint__.js', 'chime/index.js', 'chime/voice/index.js', 'index.js', 'ivs/index.js', 'kvs/index.js']);
    expect(outputs['__entrypoint__.js']).toHaveLength(1);
    expect(outputs['__entrypoint__.js'][0]).toMatch(ALLOWED_CDK_MODULES[0]);
    // The SDK core is written once: no node_modules file in two outputs.
    const sdkInputs = Object.values(outputs).flat().filter((i) => i.includes('node_modules/'));
    expect(sdkInputs.filter((input, i) => sdkInputs.indexOf(input) !== i)).toEqual([]);
  });

  test('every file is CommonJS: no ES module syntax left, every required file of the asset exists', () => {
    for (const f of files) {
      expect(f.contents).not.toMatch(/^import[ {*]|\bexport[ {*]|import\.meta/m);
      for (const required of [...f.staticImports, ...f.otherImports]) {
        expect(outputs).toHaveProperty([required]);
      }
    }
  });

  test('index.js holds no SDK client and requires each service\'s file, which the asset holds', () => {
    expect(clientsIn(outputs['index.js'])).toEqual([]);
    expect(outputs['index.js'].some((i) => i.startsWith('lambda/kvs/') || i.startsWith('lambda/ivs/') || i.startsWith('lambda/chime/'))).toBe(false);
    expect(outputs['index.js'].some((i) => i.includes('node_modules/@smithy/') || i.includes('node_modules/@aws-sdk/'))).toBe(false);
    const index = files.find((f) => f.file === 'index.js')!;
    expect(index.staticImports).toEqual([]);
    expect(index.otherImports.sort()).toEqual(['chime/index.js', 'chime/voice/index.js', 'ivs/index.js', 'kvs/index.js']);
  });

  test('each service\'s file, with the shared files it requires, holds its handlers and its own SDK client only', () => {
    for (const [file, clients] of Object.entries(SDK_CLIENTS)) {
      const service = file.split('/')[0];
      const loaded = loadedInputs(file);
      expect(clientsIn(loaded)).toEqual(clients);
      expect(clientsIn(outputs[file])).toEqual(clients);
      expect(loaded.filter((i) => i.startsWith('lambda/') && !i.startsWith(`lambda/${service}/`) && !i.startsWith('lambda/shared/'))).toEqual([]);
    }
    // A client shared by two services would be a shared file: none is.
    for (const f of files.filter((x) => x.file.startsWith(`${SHARED_CHUNKS_DIR}/`))) expect(clientsIn(f.inputs)).toEqual([]);
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
