import * as fs from 'fs';
import * as path from 'path';
import type { awscdk } from 'projen';

// Layout: one folder per AWS service on both sides (src/<service>/ and
// lambda/<service>/), src/core/ for what every construct shares and
// lambda/shared/ for what every handler shares. The boundaries are lint
// errors, so `npx projen test` fails on a violation.
/** Adds the layout's import boundaries to the project's eslint rules (`root`: the repository). */
export function addLayoutBoundaries(project: awscdk.AwsCdkConstructLibrary, root: string): void {
  /** The service folders of src/: every folder but core that holds a resource's contract (`<resource>.contract.ts`). */
  const SERVICE_FOLDERS = fs.readdirSync(path.join(root, 'src'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'core')
    .map((entry) => entry.name)
    .filter((name) => fs.readdirSync(path.join(root, 'src', name)).some((file) => file.endsWith('.contract.ts')))
    .sort();
  /**
   * The one value type shared across services, and why: a Chime voice
   * analytics task reads a Kinesis Video stream, so src/chime may name a
   * `KvsStream` (a pure reference, no construct logic).
   */
  const SHARED_VALUE_TYPES: Record<string, string[]> = { chime: ['**/src/kvs/stream.ts'] };
  /** What lambda/ may reach in src/ (globs, as the rule needs them): the services' contracts and the pure wire decoding they use. */
  const HANDLER_VISIBLE = ['**/src/*/*.contract.ts', '**/src/core/wire.ts'];
  const NO_CDK_IN_HANDLER_CODE = {
    paths: [
      { name: 'aws-cdk-lib', message: 'Handler code (lambda/ and every <resource>.contract.ts) is bundled into the Lambda asset: no aws-cdk-lib.' },
      { name: 'constructs', message: 'Handler code (lambda/ and every <resource>.contract.ts) is bundled into the Lambda asset: no constructs.' },
    ],
    patterns: [{ group: ['aws-cdk-lib/*'], message: 'Handler code (lambda/ and every <resource>.contract.ts) is bundled into the Lambda asset: no aws-cdk-lib.' }],
  };
  project.eslint?.addOverride({
    files: ['lambda/**/*.ts', 'src/*/*.contract.ts', 'src/core/wire.ts'],
    rules: { 'no-restricted-imports': ['error', NO_CDK_IN_HANDLER_CODE] },
  });
  project.eslint?.addRules({
    'import/no-restricted-paths': ['error', {
      zones: [
        {
          target: './lambda',
          from: './src/**',
          except: HANDLER_VISIBLE,
          message: 'lambda/ may import only the resources\' <resource>.contract.ts (and src/core/wire.ts) from src/.',
        },
        {
          target: ['./src/*/*.contract.ts', './src/core/wire.ts'],
          from: './src/**',
          except: HANDLER_VISIBLE,
          message: 'A contract is shared with the handler: it may import only src/core/wire.ts and the contracts.',
        },
        {
          target: './src/core',
          from: SERVICE_FOLDERS.map((service) => `./src/${service}`),
          message: 'src/core serves every service and imports none of them.',
        },
        ...SERVICE_FOLDERS.map((service) => ({
          target: `./src/${service}`,
          from: SERVICE_FOLDERS.filter((other) => other !== service).map((other) => `./src/${other}/**`),
          except: SHARED_VALUE_TYPES[service] ?? [],
          message: 'One service\'s folder imports another\'s only through src/core or a deliberately shared value type (see SHARED_VALUE_TYPES in .projenrc.ts).',
        })),
        ...SERVICE_FOLDERS.map((service) => ({
          target: `./lambda/${service}`,
          from: SERVICE_FOLDERS.filter((other) => other !== service).map((other) => `./lambda/${other}`),
          message: 'One service\'s handlers do not import another\'s: share through lambda/shared.',
        })),
      ],
    }],
  });
}
