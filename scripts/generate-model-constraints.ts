/**
 * Derives the model constraints of each service from the official Smithy JSON
 * models (aws/api-models-aws), one pair of generated files per service:
 *
 * - src/<service>/model.generated.ts: the shapes reachable from the inputs of
 *   the operations whose requests the constructs build (what synth-time
 *   validation uses), and nothing else;
 * - test/harness/fakes/model/<service>.generated.ts: what only the tests and the
 *   local fake of the APIs need: the service's protocol facts, every operation
 *   the handlers call (HTTP bindings, outputs, errors) and the shapes not
 *   already in the src/ file.
 *
 *   npx projen generate:models [MODELS_DIR]
 *
 * MODELS_DIR defaults to ../shared/service-models. The build and the tests never
 * read the models: they read the generated files, which are committed.
 * Documentation text is dropped.
 */
import * as fs from 'fs';
import * as path from 'path';

interface SmithyShape {
  readonly type: string;
  readonly members?: Record<string, { target: string; traits?: Record<string, unknown> }>;
  readonly member?: { target: string };
  readonly key?: { target: string };
  readonly value?: { target: string };
  readonly input?: { target: string };
  readonly output?: { target: string };
  readonly errors?: { target: string }[];
  readonly traits?: Record<string, unknown>;
}

interface ServiceSpec {
  /** The folder under src/ (and the file name under test/harness/fakes/model/). */
  readonly folder: string;
  /**
   * Set when a folder holds several services' models (src/chime: media
   * pipelines and voice): the files are then src/<folder>/model-<name>.generated.ts
   * and test/harness/fakes/model/<folder>-<name>.generated.ts.
   * @default - src/<folder>/model.generated.ts and test/harness/fakes/model/<folder>.generated.ts
   */
  readonly name?: string;
  /** The prefix of the exported constants, e.g. KVS_MODEL. */
  readonly constantPrefix: string;
  readonly file: string;
  /** Operations whose request a construct builds: their inputs go to src/. */
  readonly constructOperations: string[];
  /** Other shapes the constructs validate against (by name in the service's namespace). */
  readonly constructShapes?: string[];
  /** Every operation a handler calls (the fake serves these). */
  readonly operations: string[];
}

const SERVICES: ServiceSpec[] = [
  {
    folder: 'kvs',
    constantPrefix: 'KVS',
    file: 'kinesis-video-2017-09-30.json',
    constructOperations: ['UpdateImageGenerationConfiguration', 'UpdateNotificationConfiguration', 'UpdateMediaStorageConfiguration'],
    // A channel or stream given by name (KvsMediaStorageConfiguration's handler looks its ARN up).
    constructShapes: ['ChannelName', 'StreamName', 'ChannelType'],
    operations: [
      'UpdateImageGenerationConfiguration', 'DescribeImageGenerationConfiguration',
      'UpdateNotificationConfiguration', 'DescribeNotificationConfiguration',
      'UpdateMediaStorageConfiguration', 'DescribeMediaStorageConfiguration',
      'DescribeSignalingChannel', 'DescribeStream',
    ],
  },
  {
    folder: 'ivs',
    constantPrefix: 'IVS',
    file: 'ivs-realtime-2020-07-14.json',
    constructOperations: ['StartComposition'],
    operations: ['StartComposition', 'GetComposition', 'StopComposition', 'GetStage', 'ListParticipants', 'ListCompositions'],
  },
  {
    folder: 'chime',
    constantPrefix: 'CHIME',
    file: 'chime-sdk-media-pipelines-2021-07-15.json',
    constructOperations: [
      'StartVoiceToneAnalysisTask', 'StartSpeakerSearchTask',
      'CreateMediaInsightsPipelineConfiguration', 'CreateMediaInsightsPipeline',
    ],
    // A pipeline given by ID is checked as the pipeline ID the API answers with.
    constructShapes: ['GuidString'],
    operations: [
      'StartVoiceToneAnalysisTask', 'GetVoiceToneAnalysisTask', 'StopVoiceToneAnalysisTask',
      'StartSpeakerSearchTask', 'GetSpeakerSearchTask', 'StopSpeakerSearchTask',
      'CreateMediaInsightsPipelineConfiguration', 'UpdateMediaInsightsPipelineConfiguration',
      'GetMediaInsightsPipelineConfiguration', 'DeleteMediaInsightsPipelineConfiguration',
      'CreateMediaInsightsPipeline', 'GetMediaPipeline', 'DeleteMediaPipeline',
      'TagResource', 'UntagResource', 'ListTagsForResource',
    ],
  },
  {
    folder: 'chime',
    name: 'voice',
    constantPrefix: 'CHIME_VOICE',
    file: 'chime-sdk-voice-2022-08-03.json',
    constructOperations: ['CreateVoiceProfileDomain', 'UpdateVoiceProfileDomain'],
    operations: [
      'CreateVoiceProfileDomain', 'GetVoiceProfileDomain', 'UpdateVoiceProfileDomain', 'DeleteVoiceProfileDomain',
      'TagResource', 'UntagResource', 'ListTagsForResource',
    ],
  },
];

/** Shape traits we keep (constraints, protocol bindings); documentation is dropped. */
const SHAPE_TRAITS: Record<string, string> = {
  'smithy.api#length': 'length',
  'smithy.api#range': 'range',
  'smithy.api#pattern': 'pattern',
  'smithy.api#uniqueItems': 'uniqueItems',
  'smithy.api#sensitive': 'sensitive',
  'smithy.api#error': 'error',
  'smithy.api#httpError': 'httpError',
  'smithy.api#default': 'default',
  'smithy.api#timestampFormat': 'timestampFormat',
};
const MEMBER_TRAITS: Record<string, string> = {
  'smithy.api#required': 'required',
  'smithy.api#default': 'default',
  'smithy.api#idempotencyToken': 'idempotencyToken',
  'smithy.api#httpLabel': 'httpLabel',
  'smithy.api#httpQuery': 'httpQuery',
  'smithy.api#httpHeader': 'httpHeader',
  'smithy.api#jsonName': 'jsonName',
};

function shortId(id: string): string {
  return id.startsWith('smithy.api#') ? id.slice('smithy.api#'.length) : id;
}

function pickTraits(traits: Record<string, unknown> | undefined, names: Record<string, string>) {
  const out: Record<string, unknown> = {};
  for (const [trait, value] of Object.entries(traits ?? {})) {
    const name = names[trait];
    if (!name) continue;
    // Marker traits ({}) become true.
    out[name] = value !== null && typeof value === 'object' && Object.keys(value).length === 0 ? true : value;
  }
  return out;
}

function convertShape(shape: SmithyShape): Record<string, unknown> {
  const out: Record<string, unknown> = { type: shape.type, ...pickTraits(shape.traits, SHAPE_TRAITS) };
  const legacyEnum = shape.traits?.['smithy.api#enum'] as { value: string }[] | undefined;
  if (legacyEnum) out.enum = legacyEnum.map((e) => e.value);
  if (shape.type === 'enum' || shape.type === 'intEnum') {
    out.type = shape.type === 'enum' ? 'string' : 'integer';
    out.enum = Object.entries(shape.members ?? {}).map(
      ([name, member]) => member.traits?.['smithy.api#enumValue'] ?? name,
    );
  } else if (shape.type === 'structure' || shape.type === 'union') {
    out.members = Object.fromEntries(
      Object.entries(shape.members ?? {}).map(([name, member]) => [
        name,
        { target: shortId(member.target), ...pickTraits(member.traits, MEMBER_TRAITS) },
      ]),
    );
  }
  if (shape.member) out.member = shortId(shape.member.target);
  if (shape.key) out.key = shortId(shape.key.target);
  if (shape.value) out.value = shortId(shape.value.target);
  return out;
}

const HEADER = [
  '// ~~ Generated by scripts/generate-model-constraints.ts from the Smithy models',
  '// ~~ (aws/api-models-aws). Do not edit: run `npx projen generate:models`.',
  '/* eslint-disable */',
];

const sorted = <T>(o: Record<string, T>) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
const json = (value: unknown) => JSON.stringify(value, undefined, 2);

/** The two generated files of one service: [src file, test file]. */
function generate(modelsDir: string, spec: ServiceSpec): [string, string] {
  const model = JSON.parse(fs.readFileSync(path.join(modelsDir, spec.file), 'utf-8')).shapes as Record<string, SmithyShape>;
  const [serviceId, service] = Object.entries(model).find(([, s]) => s.type === 'service')!;
  const namespace = serviceId.split('#')[0];
  const awsService = service.traits?.['aws.api#service'] as { sdkId: string; arnNamespace: string; endpointPrefix: string };
  const sigv4 = service.traits?.['aws.auth#sigv4'] as { name: string };
  const serviceFacts = {
    sdkId: awsService.sdkId,
    arnNamespace: awsService.arnNamespace,
    endpointPrefix: awsService.endpointPrefix,
    signingName: sigv4.name,
    protocol: service.traits?.['aws.protocols#restJson1'] ? 'restJson1' : 'unknown',
    operations: spec.operations.map((name) => `${namespace}#${name}`),
  };

  const reachable = (roots: string[]) => {
    const shapes: Record<string, Record<string, unknown>> = {};
    const visit = (id: string) => {
      if (id.startsWith('smithy.api#') || shapes[id]) return;
      const shape = model[id];
      if (!shape) throw new Error(`shape ${id} not found in ${spec.file}`);
      shapes[id] = convertShape(shape);
      for (const member of Object.values(shape.members ?? {})) {
        if (shape.type !== 'enum' && shape.type !== 'intEnum') visit(member.target);
      }
      for (const ref of [shape.member, shape.key, shape.value]) if (ref) visit(ref.target);
    };
    roots.forEach(visit);
    return shapes;
  };

  const operations: Record<string, Record<string, unknown>> = {};
  const handlerRoots: string[] = [];
  for (const name of spec.operations) {
    const id = `${namespace}#${name}`;
    const op = model[id];
    if (!op || op.type !== 'operation') throw new Error(`operation ${id} not found in ${spec.file}`);
    operations[id] = {
      input: op.input && shortId(op.input.target),
      output: op.output && shortId(op.output.target),
      errors: (op.errors ?? []).map((e) => shortId(e.target)),
      http: op.traits?.['smithy.api#http'],
    };
    for (const ref of [op.input, op.output, ...(op.errors ?? [])]) if (ref) handlerRoots.push(ref.target);
  }
  const constructRoots = [
    ...spec.constructOperations.map((name) => model[`${namespace}#${name}`].input!.target),
    ...(spec.constructShapes ?? []).map((name) => `${namespace}#${name}`),
  ];
  const srcShapes = reachable(constructRoots);
  const testShapes = Object.fromEntries(Object.entries(reachable(handlerRoots)).filter(([id]) => !srcShapes[id]));

  const prefix = spec.constantPrefix;
  const srcFile = [
    ...HEADER,
    "import { ServiceModel } from '../core/model';",
    '',
    `/** The constraints of the requests the ${spec.folder} constructs build (${spec.constructOperations.join(', ')}). */`,
    `export const ${prefix}_MODEL = new ServiceModel(${json(sorted(srcShapes))});`,
    '',
  ].join('\n');
  const testFile = [
    ...HEADER,
    "import type { ModelOperation, ModelService, ModelShape } from '../../../../src/core/model-types';",
    '',
    `export const ${prefix}_SERVICE: ModelService & { readonly namespace: string } = ${json({ namespace, ...serviceFacts })};`,
    '',
    `export const ${prefix}_OPERATIONS: Record<string, ModelOperation> = ${json(sorted(operations))};`,
    '',
    `/** The shapes the fake needs beyond src/${spec.folder}/${srcName(spec)} (outputs, errors, handler-built inputs). */`,
    `export const ${prefix}_TEST_SHAPES: Record<string, ModelShape> = ${json(sorted(testShapes))};`,
    '',
  ].join('\n');
  return [srcFile, testFile];
}

/** The file name of a service's generated file in src/<folder>/. */
function srcName(spec: ServiceSpec): string {
  return spec.name ? `model-${spec.name}.generated.ts` : 'model.generated.ts';
}

const root = path.join(__dirname, '..');
const modelsDir = path.resolve(process.argv[2] ?? path.join(root, '..', 'shared', 'service-models'));
for (const spec of SERVICES) {
  const [srcFile, testFile] = generate(modelsDir, spec);
  const outputs: [string, string][] = [
    [path.join(root, 'src', spec.folder, srcName(spec)), srcFile],
    [path.join(root, 'test', 'harness', 'fakes', 'model', `${spec.name ? `${spec.folder}-${spec.name}` : spec.folder}.generated.ts`), testFile],
  ];
  for (const [file, text] of outputs) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    console.log(`wrote ${path.relative(process.cwd(), file)} from ${modelsDir}`);
  }
}
