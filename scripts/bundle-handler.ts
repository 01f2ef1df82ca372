/**
 * Bundles the handler asset with esbuild (the `bundle` task):
 * - assets/handler/index.js: lambda/index.ts, the dispatch table alone;
 * - assets/handler/<service>/index.js: each service's handlers
 *   (lambda/<service>/index.ts) with their SDK client, one file per client
 *   (chime/voice/index.js holds the Chime SDK voice one), which index.js
 *   requires when the service's first event arrives, so that a cold start
 *   parses and evaluates one client, not all of them;
 * - assets/handler/shared/*.js: what the service files share (the SDK core,
 *   lambda/shared/), written once instead of once per service file: esbuild's
 *   code splitting, which only writes ES modules, each file then turned into
 *   CommonJS (a plain `.js` beside aws-cdk-lib's CommonJS entrypoint, no
 *   `"type": "module"`, no `require(esm)` warning on Node.js 20 and 22); the
 *   credential providers the SDK imports dynamically stay chunks of their
 *   own, loaded only when the SDK needs them;
 * - assets/handler/__entrypoint__.js: aws-cdk-lib's custom-resource
 *   entrypoint (the function's handler), as our own install holds it.
 *
 *   ts-node --project scripts/tsconfig.json scripts/bundle-handler.ts
 *
 * test/lambda/bundle.test.ts builds with the same options and checks what
 * went into each file.
 */
import * as fs from 'fs';
import * as path from 'path';
import { build, transform } from 'esbuild';
import type { BuildOptions, Metafile, Plugin } from 'esbuild';

/** The Node.js major version the handler's Lambda runtime runs; .projenrc.ts sets the runtime from it too. */
export const HANDLER_NODE_MAJOR = 24;

/** aws-cdk-lib's entrypoint (not an export of the package: a path). */
export const CDK_ENTRYPOINT = 'node_modules/aws-cdk-lib/custom-resource-handlers/dist/core/nodejs-entrypoint-handler/index.js';

/**
 * The folders of lambda/ with an index.ts, one per SDK client (`kvs`, `ivs`,
 * `chime`, `chime/voice`): each is bundled on its own.
 */
export function serviceBundles(root: string): string[] {
  const lambdaDir = path.join(root, 'lambda');
  const folders = (dir: string): string[] => fs.readdirSync(path.join(lambdaDir, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const folder = dir ? `${dir}/${entry.name}` : entry.name;
      return [folder, ...folders(folder)];
    });
  return folders('').filter((folder) => fs.existsSync(path.join(lambdaDir, folder, 'index.ts'))).sort();
}

/**
 * Keeps lambda/index.ts's `require('./<service>')` a require of the
 * service's own bundle at run time instead of inlining it.
 */
function serviceBundlesExternal(root: string, services: string[]): Plugin {
  const dispatcher = path.join(root, 'lambda', 'index.ts');
  const filter = new RegExp(`^\\./(${services.join('|')})$`);
  return {
    name: 'service-bundles-external',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter }, (args) =>
        (args.importer === dispatcher ? { path: `${args.path}/index.js`, external: true } : undefined));
    },
  };
}

/** Where the files the service bundles share go, in the asset. */
export const SHARED_CHUNKS_DIR = 'shared';

/**
 * The asset's three esbuild builds: the dispatch table (CommonJS, on its own:
 * its `require('./<service>/index.js')` must resolve from the asset's root),
 * the service bundles with their shared chunks (ES modules, code splitting)
 * and aws-cdk-lib's entrypoint (CommonJS).
 */
export function handlerBuilds(root: string): BuildOptions[] {
  const services = serviceBundles(root);
  const common: BuildOptions = {
    outdir: path.join(root, 'assets', 'handler'),
    absWorkingDir: root,
    bundle: true,
    minify: true,
    platform: 'node',
    target: `node${HANDLER_NODE_MAJOR}`,
    // ES module entry points let esbuild drop the SDK code we do not call.
    mainFields: ['module', 'main'],
    legalComments: 'none',
  };
  return [
    { ...common, format: 'cjs', entryPoints: { index: path.join(root, 'lambda', 'index.ts') }, plugins: [serviceBundlesExternal(root, services)] },
    {
      ...common,
      format: 'esm',
      splitting: true,
      chunkNames: `${SHARED_CHUNKS_DIR}/[name]-[hash]`,
      entryPoints: Object.fromEntries(services.map((service) => [`${service}/index`, path.join(root, 'lambda', service, 'index.ts')])),
    },
    { ...common, format: 'cjs', entryPoints: { __entrypoint__: path.join(root, CDK_ENTRYPOINT) } },
  ];
}

/** One file of the asset: its path in the asset, its content and what esbuild's metafile says of it. */
export interface HandlerFile {
  readonly file: string;
  readonly contents: string;
  readonly inputs: string[];
  /** Files of the asset it requires when it loads (`shared/chunk-….js`), relative to the asset. */
  readonly staticImports: string[];
  /**
   * Files of the asset it requires only when called, relative to the asset:
   * index.js's `kvs/index.js`…, the SDK's dynamic imports. (Node.js's own
   * modules are left out of both lists.)
   */
  readonly otherImports: string[];
}

/**
 * Builds the asset in memory: every file as CommonJS (the split build's ES
 * modules are converted one by one: imports become requires, exports
 * `module.exports`; none has a top-level await).
 */
export async function bundleHandler(root: string): Promise<HandlerFile[]> {
  const files: HandlerFile[] = [];
  for (const options of handlerBuilds(root)) {
    const result = await build({ ...options, write: false, metafile: true });
    const outdir = options.outdir!;
    const metafile: Metafile = result.metafile;
    for (const output of result.outputFiles) {
      const file = path.relative(outdir, output.path);
      const meta = metafile.outputs[path.relative(root, output.path)];
      const inAsset = (imported: string) => (imported.startsWith('.')
        ? path.relative(outdir, path.resolve(path.dirname(output.path), imported))
        : path.relative(outdir, path.join(root, imported)));
      const imports = meta.imports.filter((i) => !i.path.startsWith('node:') && !i.external || i.path.startsWith('.'));
      // The split build's imports between its files (converted to requires at the top of the file).
      const isStatic = (i: { path: string; kind: string }) => i.kind === 'import-statement' && i.path.startsWith(path.relative(root, outdir));
      const contents = options.format === 'esm'
        ? (await transform(output.text, { format: 'cjs', minify: true, platform: 'node', target: options.target, legalComments: 'none' })).code
        : output.text;
      files.push({
        file,
        contents,
        inputs: Object.keys(meta.inputs),
        staticImports: imports.filter(isStatic).map((i) => inAsset(i.path)),
        otherImports: imports.filter((i) => !isStatic(i)).map((i) => (i.path.startsWith('.') || i.path.startsWith(path.relative(root, outdir)) ? inAsset(i.path) : i.path)),
      });
    }
  }
  return files;
}

/** The files a file loads with it (itself included), following static requires. */
export function loadedWith(files: HandlerFile[], file: string): string[] {
  const byName = new Map(files.map((f) => [f.file, f]));
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const next of byName.get(name)?.staticImports ?? []) visit(next);
  };
  visit(file);
  return [...seen];
}

async function main() {
  const root = path.join(__dirname, '..');
  const outdir = path.join(root, 'assets', 'handler');
  const files = await bundleHandler(root);
  // Writes only what changed and removes only what no longer belongs (a file
  // a previous layout wrote must not ship): a second bundle of the same
  // sources (CI bundles in its test and packaging steps, which run side by
  // side) leaves the asset untouched while the other step reads it.
  const wanted = new Set(files.map((f) => f.file));
  const existing = fs.existsSync(outdir) ? fs.readdirSync(outdir, { recursive: true, encoding: 'utf-8' }) : [];
  for (const file of existing) {
    const full = path.join(outdir, file);
    if (!wanted.has(file) && fs.statSync(full).isFile()) fs.rmSync(full);
  }
  const dirs = existing.map((file) => path.join(outdir, file)).filter((full) => fs.existsSync(full) && fs.statSync(full).isDirectory());
  for (const dir of dirs.reverse()) {
    if (fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
  }
  for (const { file, contents } of files) {
    const full = path.join(outdir, file);
    if (fs.existsSync(full) && fs.readFileSync(full, 'utf-8') === contents) continue;
    fs.mkdirSync(path.dirname(full), { recursive: true });
    // Written beside, then renamed: a reader sees the old file or the new one, never half of one.
    fs.writeFileSync(`${full}.tmp`, contents);
    fs.renameSync(`${full}.tmp`, full);
  }
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1).padStart(7)} KB`;
  const size = new Map(files.map((f) => [f.file, Buffer.byteLength(f.contents)]));
  for (const { file } of files.filter((f) => !f.file.startsWith(`${SHARED_CHUNKS_DIR}/`))) {
    const loaded = loadedWith(files, file);
    console.log(`${file.padEnd(24)} ${kb(size.get(file)!)}  (with the shared files it loads: ${kb(loaded.reduce((a, f) => a + size.get(f)!, 0))})`);
  }
  const shared = files.filter((f) => f.file.startsWith(`${SHARED_CHUNKS_DIR}/`));
  console.log(`${SHARED_CHUNKS_DIR}/ (${shared.length} files)`.padEnd(24), kb(shared.reduce((a, f) => a + size.get(f.file)!, 0)));
  console.log('the whole asset'.padEnd(24), kb([...size.values()].reduce((a, b) => a + b, 0)));
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
