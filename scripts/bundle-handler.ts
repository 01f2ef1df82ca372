/**
 * Bundles the handler asset with esbuild (the `bundle` task):
 * - assets/handler/index.js: lambda/index.ts, the dispatch table alone;
 * - assets/handler/<service>/index.js: each service's handlers
 *   (lambda/<service>/index.ts) with their SDK client, one file per client
 *   (chime/voice/index.js holds the Chime SDK voice one),
 *   which index.js requires when the service's first event arrives, so that
 *   a cold start parses and evaluates one client, not all of them;
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
import { build } from 'esbuild';
import type { BuildOptions, Plugin } from 'esbuild';

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

export function handlerBuildOptions(root: string): BuildOptions {
  const services = serviceBundles(root);
  return {
    entryPoints: {
      index: path.join(root, 'lambda', 'index.ts'),
      __entrypoint__: path.join(root, CDK_ENTRYPOINT),
      ...Object.fromEntries(services.map((service) => [`${service}/index`, path.join(root, 'lambda', service, 'index.ts')])),
    },
    outdir: path.join(root, 'assets', 'handler'),
    absWorkingDir: root,
    bundle: true,
    minify: true,
    platform: 'node',
    target: `node${HANDLER_NODE_MAJOR}`,
    // ES module entry points let esbuild drop the SDK code we do not call.
    mainFields: ['module', 'main'],
    legalComments: 'none',
    plugins: [serviceBundlesExternal(root, services)],
  };
}

async function main() {
  const root = path.join(__dirname, '..');
  const options = handlerBuildOptions(root);
  // A file a previous layout wrote must not ship.
  fs.rmSync(options.outdir!, { recursive: true, force: true });
  const result = await build({ ...options, metafile: true });
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    console.log(`${file.padEnd(40)} ${(output.bytes / 1024).toFixed(1).padStart(7)} KB`);
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
