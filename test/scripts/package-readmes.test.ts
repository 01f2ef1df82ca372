/**
 * The package READMEs of the other languages (scripts/package-readmes.ts):
 * the install section in the language, the repository's commands left out,
 * rosetta's Go output corrected, and the check (.ci/run's
 * package:readme-check) failing on each broken pattern.
 */
import { fixGoSample, GoTypeIndex } from '../../scripts/package-readmes/go-samples';
import { LANGUAGES, packageMarkdown } from '../../scripts/package-readmes/languages';
import { readmeProblems } from '../../scripts/package-readmes/problems';

const TS = `import { App, Duration, Stack } from 'aws-cdk-lib';
import { CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ImageDestination, ImageFormat, KvsImageGeneration, KvsStream, MediaInsightsPipelineConfiguration, VoiceAnalyticsSink } from 'cdk-live-media';

const app = new App();
const stack = new Stack(app, 'Cameras');
const stream = new CfnStream(stack, 'Camera', { dataRetentionInHours: 24 });
new KvsImageGeneration(stack, 'Images', {
  stream: KvsStream.fromCfnStream(stream),
  destination: ImageDestination.fromBucket(new Bucket(stack, 'ImageBucket')),
  format: ImageFormat.JPEG,
  samplingInterval: Duration.seconds(5),
});
const results = new sqs.Queue(stack, 'Results', { enforceSSL: true });
const configuration = new MediaInsightsPipelineConfiguration(stack, 'Calls', { sinks: [VoiceAnalyticsSink.sqsQueue(results)] });
new KvsMediaInsightsPipeline(stack, 'Pipeline', { configuration, sources: [{ stream: KvsStream.fromCfnStream(stream) }] });`;

// jsii-rosetta 5.x's Go translation of TS (abridged where it repeats itself).
const ROSETTA_GO = `import "github.com/aws/aws-cdk-go/awscdk"
import "github.com/aws/aws-cdk-go/awscdk"
import "github.com/aws/aws-cdk-go/awscdk"
import sqs "github.com/aws/aws-cdk-go/awscdk"
import "github.com/cdk-live-media/cdk-live-media-go/cdklivemedia"

app := awscdk.NewApp()
stack := awscdk.NewStack(app, jsii.String("Cameras"))
stream := awscdk.NewCfnStream(stack, jsii.String("Camera"), &CfnStreamProps{
	DataRetentionInHours: jsii.Number(24),
})
cdklivemedia.NewKvsImageGeneration(stack, jsii.String("Images"), &KvsImageGenerationProps{
	Stream: *cdklivemedia.KvsStream_FromCfnStream(stream),
	Destination: *cdklivemedia.ImageDestination_*FromBucket(awscdk.NewBucket(stack, jsii.String("ImageBucket"))),
	Format: *cdklivemedia.ImageFormat_JPEG,
	SamplingInterval: awscdk.Duration_Seconds(jsii.Number(5)),
})
results := sqs.NewQueue(stack, jsii.String("Results"), &QueueProps{
	EnforceSSL: jsii.Boolean(true),
})
// The configuration.
// The configuration.
configuration := cdklivemedia.NewMediaInsightsPipelineConfiguration(stack, jsii.String("Calls"), &MediaInsightsPipelineConfigurationProps{
	Sinks: []VoiceAnalyticsSink{
		*cdklivemedia.VoiceAnalyticsSink_SqsQueue(results),
	},
})
cdklivemedia.NewKvsMediaInsightsPipeline(stack, jsii.String("Pipeline"), &KvsMediaInsightsPipelineProps{
	Configuration: Configuration,
	Sources: []PipelineSource{
		&PipelineSource{
			Stream: *cdklivemedia.KvsStream_FromCfnStream(stream),
		},
	},
})`;

const INDEX: GoTypeIndex = {
  libraryTypes: new Set(['KvsImageGenerationProps', 'MediaInsightsPipelineConfigurationProps', 'KvsMediaInsightsPipelineProps', 'VoiceAnalyticsSink', 'PipelineSource']),
  structs: new Set(['cdklivemedia.KvsImageGenerationProps', 'cdklivemedia.PipelineSource']),
  cdkTypes: new Map([
    ['aws-cdk-lib/aws-kinesisvideo', new Map([['CfnStream', 'CfnStream'], ['CfnStreamProps', 'CfnStreamProps']])],
    ['aws-cdk-lib/aws-sqs', new Map([['Queue', 'Queue'], ['QueueProps', 'QueueProps']])],
    ['aws-cdk-lib/aws-events', new Map([['OnEventOptions', 'OnEventOptions']])],
  ]),
};
const CDK_ROOT = new Set(['App', 'Stack', 'Duration', 'StackProps']);

test('a struct the TypeScript sample never imports (an inferred props type) is qualified and imported from the one module that has it', () => {
  const ts = "import { Stack } from 'aws-cdk-lib';\ndeclare const stack: Stack;\ndeclare const task: VoiceAnalyticsTask;\ntask.onPipelineFailure('F', { description: 'd' });";
  const go = 'import "github.com/aws/aws-cdk-go/awscdk"\n\nvar stack Stack\ntask.OnPipelineFailure(jsii.String("F"), &OnEventOptions{\n\tDescription: jsii.String("d"),\n})';
  const fixed = fixGoSample(ts, go, INDEX);
  expect(fixed).toContain('task.OnPipelineFailure(jsii.String("F"), &awsevents.OnEventOptions{');
  expect(fixed).toContain('\t"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"');
  expect(fixed).toContain('var stack awscdk.Stack');
});

describe('Go samples', () => {
  const fixed = fixGoSample(TS, ROSETTA_GO, INDEX);

  test('one import block with aws-cdk-go v2 and its submodules, from the TypeScript imports', () => {
    expect(fixed.split('\n\n')[0]).toBe([
      'import (',
      '\tawscdk "github.com/aws/aws-cdk-go/awscdk/v2"',
      '\t"github.com/aws/aws-cdk-go/awscdk/v2/awskinesisvideo"',
      '\t"github.com/aws/aws-cdk-go/awscdk/v2/awss3"',
      '\tsqs "github.com/aws/aws-cdk-go/awscdk/v2/awssqs"',
      '\t"github.com/aws/jsii-runtime-go"',
      '\t"github.com/cdk-live-media/cdk-live-media-go/cdklivemedia"',
      ')',
    ].join('\n'));
  });

  test('names qualified by their Go package, jsii values not dereferenced, lists as pointers to slices, shorthand properties', () => {
    expect(fixed).toContain('stream := awskinesisvideo.NewCfnStream(stack, jsii.String("Camera"), &awskinesisvideo.CfnStreamProps{');
    expect(fixed).toContain('stack := awscdk.NewStack(app, jsii.String("Cameras"))');
    expect(fixed).toContain('&cdklivemedia.KvsImageGenerationProps{');
    expect(fixed).toContain('\tStream: cdklivemedia.KvsStream_FromCfnStream(stream),');
    expect(fixed).toContain('\tDestination: cdklivemedia.ImageDestination_FromBucket(awss3.NewBucket(stack, jsii.String("ImageBucket"))),');
    expect(fixed).toContain('\tFormat: cdklivemedia.ImageFormat_JPEG,');
    expect(fixed).toContain('results := sqs.NewQueue(stack, jsii.String("Results"), &sqs.QueueProps{');
    expect(fixed).toContain('\tSinks: &[]cdklivemedia.VoiceAnalyticsSink{\n\t\tcdklivemedia.VoiceAnalyticsSink_SqsQueue(results),');
    expect(fixed).toContain('\tSources: &[]*cdklivemedia.PipelineSource{\n\t\t&cdklivemedia.PipelineSource{');
    expect(fixed).toContain('\tConfiguration: configuration,');
    expect(fixed.match(/\/\/ The configuration\./g)).toHaveLength(1);
  });

  test('the check finds every broken pattern in rosetta\'s output and none once fixed', () => {
    const readme = (code: string) => `# cdk-live-media\n\n${LANGUAGES.go.installCommand}\n\n\`\`\`go\n${code}\n\`\`\`\n`;
    const problems = readmeProblems('go', readme(ROSETTA_GO), CDK_ROOT);
    for (const what of ['without /v2', 'one import line per TypeScript import', 'awscdk.CfnStream is not in aws-cdk-lib\'s root package',
      'awscdk.Bucket is not', 'an unqualified struct type: stream := awscdk.NewCfnStream(stack, jsii.String("Camera"), &CfnStreamProps{',
      'a jsii value dereferenced (jsii\'s Go API takes it as it is): Format: *cdklivemedia.ImageFormat_JPEG,']) {
      expect(problems.some((p) => p.includes(what))).toBe(true);
    }
    expect(readmeProblems('go', readme(fixed), CDK_ROOT)).toEqual([]);
  });
});

describe('the package README of each language', () => {
  const REPO_README = [
    '# cdk-live-media', '', 'What it does.', '', '## Install', '', '<!-- cdk-live-media:install -->', '`npm install cdk-live-media`, `pip install cdk-live-media`...', '<!-- /cdk-live-media:install -->', '',
    '<!-- cdk-live-media:repository-only -->', '## Develop', '', '```bash', 'npm ci && npx projen example', 'npm ci && npx projen test', '```', '<!-- /cdk-live-media:repository-only -->', '',
    '## A first stack', '', 'See [API.md](API.md) and [Consent](#consent).', '', '```ts', 'new App();', '```', '',
  ].join('\n');

  test.each(Object.keys(LANGUAGES) as Array<keyof typeof LANGUAGES>)('%s: opens with what it does, then how to install it in the language; no repository commands; links absolute', (language) => {
    const markdown = packageMarkdown(REPO_README, language);
    const lines = markdown.split('\n');
    expect(lines.findIndex((l) => l === 'What it does.')).toBeLessThan(lines.findIndex((l) => l.includes(LANGUAGES[language].installCommand)));
    expect(markdown).not.toMatch(/npx projen (example|test)|## Develop|npm install cdk-live-media/);
    expect(markdown).toContain('**Not released yet.**');
    expect(markdown).toContain('[API.md](https://github.com/cdk-live-media/cdk-live-media/blob/main/API.md) and [Consent](#consent)');
  });

  test('the check fails on the repository commands, an install section in another language and untranslated TypeScript', () => {
    const problems = readmeProblems('python', REPO_README, CDK_ROOT);
    expect(problems).toEqual([
      "line 15: the repository's own commands: npm ci && npx projen example",
      "line 16: the repository's own commands: npm ci && npx projen test",
      'line 24: a TypeScript sample, untranslated: ```ts',
      'no ```python sample',
    ]);
    expect(readmeProblems('java', REPO_README, CDK_ROOT)).toContain('the first 40 lines do not say how to install it (<artifactId>cdk-live-media</artifactId>)');
  });

  test('a README without its block markers is refused, not shipped unchanged', () => {
    expect(() => packageMarkdown('# cdk-live-media\n', 'go')).toThrow('README.md has no <!-- cdk-live-media:install --> ... <!-- /cdk-live-media:install --> block');
  });
});
