import type { awscdk } from 'projen';

// Packaging. Java, .NET and Go toolchains do not exist on our build machines,
// so `package-all` (what `npx projen build` runs without CI) builds the JS
// package and only generates the sources of the other languages. CI
// (.ci/run) runs the code generation and the Python build explicitly.
// The README's TypeScript samples (and the API docs' examples) in every
// language: jsii-rosetta compiles each (complete apps, or fragments that
// `declare` what they take as given: no fixture) and translates it into the
// tablet .jsii.tabl.json, which jsii-pacmak reads next to .jsii; pacmak fails
// on a sample the tablet lacks, so no package ships a TypeScript sample under
// a Python/Java/C#/Go fence. scripts/package-readmes.ts then writes each
// language's package README: the install section in that language, without
// the repository's own commands, Go samples post-processed (rosetta's Go
// import paths and qualifiers are wrong), Java and .NET given a README file.
/** The packaging tasks: the README translated, every language's sources, the npm and Python checks. */
export function addPackagingTasks(project: awscdk.AwsCdkConstructLibrary): void {
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
  // Parsing is the most Go checks here: compiling needs aws-cdk-go and the
  // jsii runtime, and the Go module proxy is out of reach.
  project.addTask('package:go-syntax-check', {
    description: 'Parse every Go sample of the Go package README with gofmt -e (after package:code-only; needs Go: apt-get install golang-go)',
    exec: 'ts-node --project scripts/tsconfig.json scripts/check-go-samples.ts dist',
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
}
