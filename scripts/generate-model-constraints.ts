/**
 * Derives src/private/model-constraints.generated.ts from the official Smithy
 * JSON models of the three services (aws/api-models-aws).
 *
 *   npx projen generate:models [MODELS_DIR]
 *
 * MODELS_DIR defaults to ../shared/service-models. The build and the tests never
 * read the models: they read the generated file, which is committed. It keeps
 * the shapes reachable from the operations we call (inputs, outputs and errors)
 * with their constraints and HTTP bindings, and drops all documentation text.
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

const SERVICES: { file: string; operations: string[] }[] = [
  {
    file: 'kinesis-video-2017-09-30.json',
    operations: ['UpdateImageGenerationConfiguration', 'DescribeImageGenerationConfiguration'],
  },
  {
    file: 'ivs-realtime-2020-07-14.json',
    operations: ['StartComposition', 'GetComposition', 'StopComposition'],
  },
  {
    file: 'chime-sdk-media-pipelines-2021-07-15.json',
    operations: [
      'StartVoiceToneAnalysisTask', 'GetVoiceToneAnalysisTask', 'StopVoiceToneAnalysisTask',
      'StartSpeakerSearchTask', 'GetSpeakerSearchTask', 'StopSpeakerSearchTask',
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

function generate(modelsDir: string): string {
  const shapes: Record<string, Record<string, unknown>> = {};
  const operations: Record<string, Record<string, unknown>> = {};
  const services: Record<string, Record<string, unknown>> = {};

  for (const { file, operations: wanted } of SERVICES) {
    const model = JSON.parse(fs.readFileSync(path.join(modelsDir, file), 'utf-8')).shapes as Record<string, SmithyShape>;
    const [serviceId, service] = Object.entries(model).find(([, s]) => s.type === 'service')!;
    const namespace = serviceId.split('#')[0];
    const awsService = service.traits?.['aws.api#service'] as { sdkId: string; arnNamespace: string; endpointPrefix: string };
    const sigv4 = service.traits?.['aws.auth#sigv4'] as { name: string };
    services[namespace] = {
      sdkId: awsService.sdkId,
      arnNamespace: awsService.arnNamespace,
      endpointPrefix: awsService.endpointPrefix,
      signingName: sigv4.name,
      protocol: service.traits?.['aws.protocols#restJson1'] ? 'restJson1' : 'unknown',
      operations: wanted.map((name) => `${namespace}#${name}`),
    };

    const visit = (id: string) => {
      if (id.startsWith('smithy.api#') || shapes[id]) return;
      const shape = model[id];
      if (!shape) throw new Error(`shape ${id} not found in ${file}`);
      shapes[id] = convertShape(shape);
      for (const member of Object.values(shape.members ?? {})) {
        if (shape.type !== 'enum' && shape.type !== 'intEnum') visit(member.target);
      }
      for (const ref of [shape.member, shape.key, shape.value]) if (ref) visit(ref.target);
    };

    for (const name of wanted) {
      const id = `${namespace}#${name}`;
      const op = model[id];
      if (!op || op.type !== 'operation') throw new Error(`operation ${id} not found in ${file}`);
      const http = op.traits?.['smithy.api#http'] as { method: string; uri: string; code?: number };
      operations[id] = {
        input: op.input && shortId(op.input.target),
        output: op.output && shortId(op.output.target),
        errors: (op.errors ?? []).map((e) => shortId(e.target)),
        http,
      };
      for (const ref of [op.input, op.output, ...(op.errors ?? [])]) if (ref) visit(ref.target);
    }
  }

  const sorted = <T>(o: Record<string, T>) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
  return [
    '// ~~ Generated by scripts/generate-model-constraints.ts from the Smithy models',
    '// ~~ (aws/api-models-aws). Do not edit: run `npx projen generate:models`.',
    '/* eslint-disable */',
    "import type { ModelOperation, ModelService, ModelShape } from './model-types';",
    '',
    `export const SERVICES: Record<string, ModelService> = ${JSON.stringify(sorted(services), undefined, 2)};`,
    '',
    `export const OPERATIONS: Record<string, ModelOperation> = ${JSON.stringify(sorted(operations), undefined, 2)};`,
    '',
    `export const SHAPES: Record<string, ModelShape> = ${JSON.stringify(sorted(shapes), undefined, 2)};`,
    '',
  ].join('\n');
}

const modelsDir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '..', 'shared', 'service-models'));
const outFile = path.join(__dirname, '..', 'src', 'private', 'model-constraints.generated.ts');
fs.writeFileSync(outFile, generate(modelsDir));
console.log(`wrote ${path.relative(process.cwd(), outFile)} from ${modelsDir}`);
