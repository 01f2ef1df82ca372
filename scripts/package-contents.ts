/**
 * What the npm package ships, and nothing more. Every jsii language's
 * package embeds this same npm tarball, so this is what every user gets:
 * the compiled library, its .jsii assembly, the bundled handler asset and the
 * docs; never the sources of the library or of the handler, the tests, the
 * example app or the build scripts.
 *
 * Checked on the packaging rules (package.json and .npmignore, applied by npm
 * itself) by test/package.test.ts, and on the built tarball by
 * scripts/check-npm-package.ts (`npx projen package`).
 */

/** Paths (relative to the package root) the package must contain. */
export const REQUIRED_FILES: readonly string[] = [
  'package.json',
  'README.md',
  'LICENSE',
  'API.md',
  '.jsii',
  'lib/index.js',
  'lib/index.d.ts',
  'assets/handler/index.js',
  // Each service's handlers, which index.js requires on the service's first event.
  'assets/handler/kvs/index.js',
  'assets/handler/ivs/index.js',
  'assets/handler/chime/index.js',
  'assets/handler/chime/voice/index.js',
  // aws-cdk-lib's custom-resource entrypoint, the function's handler.
  'assets/handler/__entrypoint__.js',
];

/**
 * What the service files share (the SDK core, lambda/shared/), written once by
 * esbuild's code splitting under names that hash their content.
 */
const SHARED_HANDLER_FILE = /^assets\/handler\/shared\/[\w-]+\.js$/;

/** Directories of the repository none of whose files may be shipped. */
export const EXCLUDED_DIRS: readonly string[] = ['src/', 'lambda/', 'test/', 'example/', 'scripts/', '.ci/', 'compat/', 'docs/', 'projenrc/'];

/** Every shipped file matches one of these. */
const ALLOWED: readonly RegExp[] = [
  /^(package\.json|README\.md|LICENSE|API\.md|\.jsii)$/,
  /^lib\/.+\.(js|d\.ts)$/,
  /^assets\/handler\/(index|__entrypoint__|(kvs|ivs|chime|chime\/voice)\/index)\.js$/,
  SHARED_HANDLER_FILE,
];

/** What is wrong with a package holding `files` (package-relative paths); empty when nothing is. */
export function packageProblems(files: readonly string[]): string[] {
  const problems: string[] = [];
  for (const required of REQUIRED_FILES) {
    if (!files.includes(required)) problems.push(`missing ${required}`);
  }
  if (!files.some((file) => SHARED_HANDLER_FILE.test(file))) {
    problems.push('missing assets/handler/shared/*.js, the files the service files require');
  }
  for (const file of files) {
    const excluded = EXCLUDED_DIRS.find((dir) => file.startsWith(dir));
    if (excluded) {
      problems.push(`ships ${file}: nothing from ${excluded} belongs in the package`);
    } else if (!ALLOWED.some((pattern) => pattern.test(file))) {
      problems.push(`ships ${file}, which is not part of the package`);
    }
  }
  return problems;
}
