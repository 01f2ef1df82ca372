/**
 * The Go samples' syntax check (.ci/run's package:go-syntax-check): a sample
 * is wrapped into a Go file the way the post-processor lays it out (imports,
 * then statements) and parsed by gofmt. Needs gofmt (Debian: golang-go); CI
 * installs it before jest, a machine without it skips these tests.
 */
import { spawnSync } from 'child_process';
import { fixGoSample, GoTypeIndex } from '../../scripts/package-readmes/go-samples';
import { goSamples, goSyntaxErrors, wrapGoSample } from '../../scripts/package-readmes/go-syntax';

const HAS_GOFMT = spawnSync('gofmt', ['-l'], { input: 'package main\n' }).status === 0;
if (!HAS_GOFMT && process.env.CI) throw new Error('gofmt is missing: CI installs golang-go (DEBIAN_PACKAGES in .ci/run) before jest');
const withGofmt = HAS_GOFMT ? test : test.skip;

const TS = `import { App, Stack } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { ImageDestination } from 'cdk-live-media';

const app = new App();
const stack = new Stack(app, 'Cameras');
const destination = ImageDestination.fromBucket(new Bucket(stack, 'ImageBucket'));`;

// jsii-rosetta's Go translation of TS. It parses (`X_*FromBucket(...)` reads as a
// product): what is wrong in it is for the pattern check (problems.ts), not the parser.
const ROSETTA_GO = `import "github.com/aws/aws-cdk-go/awscdk"
import "github.com/aws/aws-cdk-go/awscdk"
import "github.com/cdk-live-media/cdk-live-media-go/cdklivemedia"

app := awscdk.NewApp()
stack := awscdk.NewStack(app, jsii.String("Cameras"))
destination := *cdklivemedia.ImageDestination_*FromBucket(awscdk.NewBucket(stack, jsii.String("ImageBucket")))`;

const INDEX: GoTypeIndex = { libraryTypes: new Set(['ImageDestination']), structs: new Set(), cdkTypes: new Map([['aws-cdk-lib/aws-s3', new Map([['Bucket', 'Bucket']])]]) };

test('each ```go block of a README, with the README line of its first code line', () => {
  const markdown = 'Intro\n\n```go\nimport "x"\n```\n\ntext\n\n```go\na := 1\nb := 2\n```\n\n```ts\nconst c = 3;\n```\n';
  expect(goSamples(markdown)).toEqual([{ line: 4, code: 'import "x"' }, { line: 10, code: 'a := 1\nb := 2' }]);
});

test('a sample is wrapped as package main: imports and declarations at the top level, statements in main', () => {
  const code = 'import (\n\t"fmt"\n)\n\n// A comment.\nx := 1\nfunc helper() {\n\tfmt.Println(x)\n}\ntype T struct {\n}\nhelper()';
  const { source, sampleLines } = wrapGoSample(code);
  expect(source).toBe('package main\n\nimport (\n\t"fmt"\n)\nfunc helper() {\n\tfmt.Println(x)\n}\ntype T struct {\n}\n\nfunc main() {\n\n// A comment.\nx := 1\nhelper()\n}\n');
  expect(sampleLines.slice(0, 6)).toEqual([0, 0, 1, 2, 3, 7]);
});

withGofmt('the post-processed sample parses; a slip of the post-processor that breaks Go syntax is caught at its README line', () => {
  const fixed = fixGoSample(TS, ROSETTA_GO, INDEX);
  expect(fixed).toContain('cdklivemedia.ImageDestination_FromBucket(awss3.NewBucket(');
  expect(goSyntaxErrors({ line: 100, code: fixed })).toEqual([]);
  // e.g. a list made a pointer twice: `&&[]` is the && operator.
  const slip = fixed.replace('cdklivemedia.ImageDestination_FromBucket(', 'cdklivemedia.ImageDestination_FromBucket(&&[]awss3.Bucket{}, ');
  const errors = goSyntaxErrors({ line: 100, code: slip });
  expect(errors.length).toBeGreaterThan(0);
  expect(errors[0]).toMatch(new RegExp(`^line ${100 + fixed.split('\n').findIndex((l) => l.startsWith('destination :='))}: expected operand`));
});

withGofmt('a broken sample is reported at its README line; a good one, an import-only one and an empty one parse', () => {
  // A sample's second line with a closing brace too many.
  const broken = goSyntaxErrors({ line: 20, code: 'stack := awscdk.NewStack(app, jsii.String("X"))\nbucket := awss3.NewBucket(stack, jsii.String("B")))' });
  expect(broken[0]).toMatch(/^line 21: expected /);
  expect(goSyntaxErrors({ line: 1, code: 'import "github.com/cdk-live-media/cdk-live-media-go/cdklivemedia"' })).toEqual([]);
  expect(goSyntaxErrors({ line: 1, code: 'var stack awscdk.Stack\n\nbucket := awss3.NewBucket(stack, jsii.String("B"), &awss3.BucketProps{\n\tVersioned: jsii.Bool(true),\n})' })).toEqual([]);
  expect(goSyntaxErrors({ line: 1, code: '' })).toEqual([]);
});
