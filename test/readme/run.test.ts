/**
 * Every TypeScript sample of the README runs as a user runs an app:
 * transpiled, `cdk-live-media` resolved to src/, executed, and every App it
 * created synthesized; a fragment gets real stand-ins for what it declares
 * (test/readme/stand-ins.ts). A sample fails when it throws, creates no App,
 * or synthesizes no stack; and when its template would fail its deploy in a
 * way the template shows (a task waiting on a pipeline the same deployment
 * creates, whose stream has no audio yet, unless the sample says the feed is
 * live at deploy time). Samples added later are picked up by the scan.
 */
import * as cdk from 'aws-cdk-lib';
import * as ts from 'typescript';
import { allSnippets } from './snippets';
import { declaredNames, SAMPLE_ENV, standIns } from './stand-ins';
import * as library from '../../src';

interface Synthesized {
  readonly stacks: Array<{ readonly name: string; readonly template: any }>;
}

/** Runs a sample's code and synthesizes every App it made (or the stand-ins' App). */
function runSample(code: string): Synthesized[] {
  const created: cdk.App[] = [];
  class RecordingApp extends cdk.App {
    constructor(props?: cdk.AppProps) {
      super(props);
      created.push(this);
    }
  }
  // An empty target: the module's own properties are getters a Proxy may not override.
  const cdkWithRecordingApp = new Proxy({}, { get: (_, key) => (key === 'App' ? RecordingApp : (cdk as any)[key]) });
  const sampleRequire = (id: string): unknown => {
    if (id === 'cdk-live-media') return library;
    if (id === 'aws-cdk-lib') return cdkWithRecordingApp;
    // The sample's own imports (aws-cdk-lib submodules), resolved as in the user's app.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(id);
  };
  const js = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
  }).outputText;
  const names = declaredNames(code);
  const given = names.length > 0 ? standIns(names) : undefined;
  const module = { exports: {} };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('require', 'module', 'exports', ...names, js)(sampleRequire, module, module.exports, ...(given?.values ?? []));

  const apps = given ? [...created, given.app] : created;
  if (apps.length === 0) throw new Error('the sample creates no App and declares no stack: it synthesizes nothing');
  return apps.map((app) => {
    const assembly = app.synth();
    if (assembly.stacks.length === 0) throw new Error('an App of the sample synthesizes no stack');
    return { stacks: assembly.stacks.map((s) => ({ name: s.stackName, template: s.template })) };
  });
}

/** The VoiceAnalyticsTasks that wait for InProgress on a pipeline the same template creates. */
function tasksWaitingOnTheirOwnPipeline(template: any): string[] {
  const resources: Record<string, any> = template.Resources ?? {};
  const pipelines = Object.keys(resources).filter((id) => resources[id].Type === 'Custom::MediaInsightsPipeline');
  return Object.entries(resources)
    .filter(([, r]) => r.Type === 'Custom::VoiceAnalyticsTask' && r.Properties?.WaitForInProgress === true)
    .filter(([, r]) => pipelines.some((p) => JSON.stringify(r.Properties.Identifier).includes(`"${p}"`)))
    .map(([id]) => id);
}

const samples = allSnippets();

test('the README has samples, and the complete ones create their App', () => {
  expect(samples.length).toBeGreaterThan(5);
  expect(samples.filter((s) => /new App\(/.test(s.snippet.code)).length).toBeGreaterThan(0);
});

test('one account number across the samples (111111111111), so that any sample runs in a stack with an account set', () => {
  const accounts = new Set(samples.flatMap((s) => [...s.snippet.code.matchAll(/(?<![\d.])\d{12}(?!\d)/g)].map((m) => m[0])));
  expect([...accounts]).toEqual(accounts.size === 0 ? [] : [SAMPLE_ENV.account]);
});

describe.each(samples.map((s) => [s.source, s.snippet.code] as const))('%s', (_source, code) => {
  let synthesized: Synthesized[];
  beforeAll(() => {
    synthesized = runSample(code);
  });

  test('runs, and every App it makes synthesizes stacks with resources', () => {
    for (const app of synthesized) {
      expect(app.stacks.length).toBeGreaterThan(0);
      for (const stack of app.stacks) expect(Object.keys(stack.template.Resources ?? {}).length).toBeGreaterThan(0);
    }
  });

  test('no task waits for InProgress on a pipeline the same deployment creates (unless the sample says the feed is live at deploy time)', () => {
    const waiting = synthesized.flatMap((app) => app.stacks.flatMap((s) => tasksWaitingOnTheirOwnPipeline(s.template).map((id) => `${s.name}/${id}`)));
    if (/live at deploy time/i.test(code)) return;
    expect(waiting).toEqual([]);
  });
});

describe('the sample runner', () => {
  const HEADER = "import { App, Stack } from 'aws-cdk-lib';\nimport { CfnStream } from 'aws-cdk-lib/aws-kinesisvideo';\n" +
    "import { ImageDestination, KvsImageGeneration, KvsStream } from 'cdk-live-media';\n";

  test('fails a sample that throws while building its app (two constructs of one name)', () => {
    const code = HEADER + "const stack = new Stack(new App(), 'S');\nconst stream = new CfnStream(stack, 'Images', { dataRetentionInHours: 1 });\n" +
      "new KvsImageGeneration(stack, 'Images', { stream: KvsStream.fromCfnStream(stream), destination: ImageDestination.fromUri('s3://b/p') });\n";
    expect(() => runSample(code)).toThrow("There is already a Construct with name 'Images'");
  });

  test('fails a sample that makes no App, or an App without stacks', () => {
    expect(() => runSample("import { Duration } from 'aws-cdk-lib';\nDuration.seconds(5);\n")).toThrow('synthesizes nothing');
    expect(() => runSample("import { App } from 'aws-cdk-lib';\nnew App();\n")).toThrow('synthesizes no stack');
  });

  test('gives a fragment real stand-ins for what it declares, and names a declared name it has none for', () => {
    const fragment = HEADER + 'declare const stack: Stack;\ndeclare const images: KvsImageGeneration;\n' +
      "new CfnStream(stack, 'Other', { dataRetentionInHours: 1 });\n";
    const [app] = runSample(fragment);
    const types = Object.values(app.stacks[0].template.Resources).map((r: any) => r.Type);
    expect(types).toEqual(expect.arrayContaining(['Custom::KvsImageGeneration', 'AWS::KinesisVideo::Stream', 'AWS::S3::Bucket']));
    expect(() => runSample('declare const mystery: string;\n')).toThrow('no stand-in for the declared mystery');
  });

  test('finds a task that waits on the pipeline its own template creates', () => {
    const template = {
      Resources: {
        Pipeline: { Type: 'Custom::MediaInsightsPipeline', Properties: {} },
        Waits: { Type: 'Custom::VoiceAnalyticsTask', Properties: { WaitForInProgress: true, Identifier: { 'Fn::GetAtt': ['Pipeline', 'MediaPipelineId'] } } },
        DoesNotWait: { Type: 'Custom::VoiceAnalyticsTask', Properties: { WaitForInProgress: false, Identifier: { 'Fn::GetAtt': ['Pipeline', 'MediaPipelineId'] } } },
        External: { Type: 'Custom::VoiceAnalyticsTask', Properties: { WaitForInProgress: true, Identifier: '0f2b4c6d-8e9f-4a1b-9c3d-5e7f9a1b3c5d' } },
      },
    };
    expect(tasksWaitingOnTheirOwnPipeline(template)).toEqual(['Waits']);
  });
});
