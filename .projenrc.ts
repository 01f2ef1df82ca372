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

/** The Lambda runtime of the shared handler; the esbuild target follows it. */
const HANDLER_NODE_MAJOR = 24;

/** SDK v3 clients bundled into the handler asset (not taken from the Lambda runtime). */
const SDK_CLIENTS = [
  '@aws-sdk/client-kinesis-video',
  '@aws-sdk/client-ivs-realtime',
  '@aws-sdk/client-chime-sdk-media-pipelines',
];

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-live-media',
  description:
    'AWS CDK constructs for AWS live media features that have no CloudFormation resource: ' +
    'Kinesis Video Streams image generation, IVS real-time compositions and Chime SDK voice analytics tasks.',
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
    // lambda/ is bundled by esbuild: the SDK clients it imports are devDependencies on purpose.
    devdirs: ['lambda', 'test', 'example', 'scripts', 'projenrc', '.projenrc.ts'],
  },
  gitignore: ['/assets/', 'cdk.out/', '/example/cdk.out/'],
});

// example/ and scripts/ belong to no tsconfig.json: type-aware lint parses them with the default project.
project.tryFindObjectFile('.eslintrc.json')!.addOverride('parserOptions.projectService.allowDefaultProject', [
  '.projenrc.ts',
  'example/*.ts',
  'scripts/*.ts',
]);

for (const pattern of ['/lambda/', '/example/', '/scripts/', '/bench/', '/.ci/', 'cdk.out/']) {
  project.addPackageIgnore(pattern);
}

// ---------------------------------------------------------------------------
// The handler asset: lambda/ bundled by esbuild into assets/handler/index.js,
// which src/ locates relative to its own compiled module and which ships in
// the npm package (and with it in every jsii language's package).
// ---------------------------------------------------------------------------
const bundle = project.addTask('bundle', {
  description: 'Type-check lambda/ and bundle it with esbuild into assets/handler/index.js',
  steps: [
    { exec: 'tsc --project lambda/tsconfig.json' },
    {
      exec: [
        'esbuild lambda/index.ts --bundle --minify --platform=node',
        `--target=node${HANDLER_NODE_MAJOR}`,
        // ES module entry points let esbuild drop the SDK code we do not call.
        '--main-fields=module,main',
        '--legal-comments=none',
        '--outfile=assets/handler/index.js',
      ].join(' '),
    },
  ],
});
project.preCompileTask.spawn(bundle);
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
example.exec('ts-node --project test/tsconfig.json example/app.ts');

// ---------------------------------------------------------------------------
// Packaging. Java, .NET and Go toolchains do not exist on our build machines,
// so `package-all` (what `npx projen build` runs without CI) builds the JS
// package and only generates the sources of the other languages.
// ---------------------------------------------------------------------------
const packageAll = project.tasks.tryFind('package-all')!;
packageAll.reset();
packageAll.spawn(project.tasks.tryFind('package:js')!);
packageAll.exec('jsii-pacmak --code-only --target python --target java --target dotnet --target go');

project.synth();
