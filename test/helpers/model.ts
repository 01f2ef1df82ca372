/**
 * The services' models as the tests and the local fake see them: the shapes
 * the constructs use (src/<service>/model.generated.ts) joined with the
 * operations, outputs and errors only the tests need
 * (test/harness/fakes/model/<service>.generated.ts), and a checker of whole request
 * and response objects against them.
 */
import { CHIME_VOICE_MODEL } from '../../src/chime/model-voice.generated';
import { CHIME_MODEL } from '../../src/chime/model.generated';
import { patternRegExp, ServiceModel } from '../../src/core/model';
import type { ModelOperation, ModelService, ModelShape } from '../../src/core/model-types';
import { IVS_MODEL } from '../../src/ivs/model.generated';
import { KVS_MODEL } from '../../src/kvs/model.generated';
import { CHIME_VOICE_OPERATIONS, CHIME_VOICE_SERVICE, CHIME_VOICE_TEST_SHAPES } from '../harness/fakes/model/chime-voice.generated';
import { CHIME_OPERATIONS, CHIME_SERVICE, CHIME_TEST_SHAPES } from '../harness/fakes/model/chime.generated';
import { IVS_OPERATIONS, IVS_SERVICE, IVS_TEST_SHAPES } from '../harness/fakes/model/ivs.generated';
import { KVS_OPERATIONS, KVS_SERVICE, KVS_TEST_SHAPES } from '../harness/fakes/model/kvs.generated';

/** Every service the handlers call, by Smithy namespace. */
export const SERVICES: Record<string, ModelService> = Object.fromEntries(
  [KVS_SERVICE, IVS_SERVICE, CHIME_SERVICE, CHIME_VOICE_SERVICE].map(({ namespace, ...service }) => [namespace, service]),
);

export const OPERATIONS: Record<string, ModelOperation> = { ...KVS_OPERATIONS, ...IVS_OPERATIONS, ...CHIME_OPERATIONS, ...CHIME_VOICE_OPERATIONS };

/** Every shape of every service, src/'s and the tests' alike. */
export const ALL_SHAPES: Record<string, ModelShape> = {
  ...KVS_MODEL.shapes,
  ...KVS_TEST_SHAPES,
  ...IVS_MODEL.shapes,
  ...IVS_TEST_SHAPES,
  ...CHIME_MODEL.shapes,
  ...CHIME_TEST_SHAPES,
  ...CHIME_VOICE_MODEL.shapes,
  ...CHIME_VOICE_TEST_SHAPES,
};

const MODEL = new ServiceModel(ALL_SHAPES);

export const shape = (id: string) => MODEL.shape(id);
export const member = (structureId: string, memberName: string) => MODEL.member(structureId, memberName);
export const enumValues = (id: string) => MODEL.enumValues(id);
export { patternRegExp };

export function operation(id: string): ModelOperation {
  const found = OPERATIONS[id];
  if (!found) throw new Error(`No operation ${id} in the generated model constraints`);
  return found;
}

/**
 * Checks a value against a shape: required members, types, ranges, lengths,
 * patterns, enums and unique items. Returns one line per violation, each
 * starting with the path of the offending value. Values for which `skip`
 * returns true (for example unresolved CDK tokens) are not checked.
 */
export function validateShape(id: string, value: unknown, path: string, skip: (v: unknown) => boolean = () => false): string[] {
  const problems: string[] = [];
  visit(id, value, path);
  return problems;

  function visit(shapeId: string, v: unknown, at: string): void {
    if (v === undefined || v === null || skip(v)) return;
    const s = MODEL.primitiveOrShape(shapeId);
    switch (s.type) {
      case 'structure':
      case 'union': {
        if (typeof v !== 'object' || Array.isArray(v)) return void problems.push(`${at}: expected an object`);
        const obj = v as Record<string, unknown>;
        for (const key of Object.keys(obj)) {
          if (!s.members?.[key]) problems.push(`${at}.${key}: not a member of ${shapeId}`);
        }
        for (const [name, m] of Object.entries(s.members ?? {})) {
          if (m.required && (obj[name] === undefined || obj[name] === null)) problems.push(`${at}.${name}: required`);
          visit(m.target, obj[name], `${at}.${name}`);
        }
        if (s.type === 'union' && Object.keys(obj).length !== 1) problems.push(`${at}: a union takes exactly one member`);
        return;
      }
      case 'list':
      case 'set': {
        if (!Array.isArray(v)) return void problems.push(`${at}: expected a list`);
        checkLength(s, v.length, at);
        if ((s.uniqueItems || s.type === 'set') && new Set(v.map((x) => JSON.stringify(x))).size !== v.length) {
          problems.push(`${at}: items must be unique`);
        }
        v.forEach((item, i) => visit(s.member!, item, `${at}[${i}]`));
        return;
      }
      case 'map': {
        if (typeof v !== 'object' || Array.isArray(v)) return void problems.push(`${at}: expected a map`);
        const entries = Object.entries(v as Record<string, unknown>);
        checkLength(s, entries.length, at);
        for (const [k, item] of entries) {
          visit(s.key!, k, `${at}{key ${k}}`);
          visit(s.value!, item, `${at}.${k}`);
        }
        return;
      }
      case 'string': {
        if (typeof v !== 'string') return void problems.push(`${at}: expected a string`);
        checkLength(s, [...v].length, at);
        if (s.pattern && !patternRegExp(s.pattern).test(v)) problems.push(`${at}: ${JSON.stringify(v)} does not match ${s.pattern}`);
        if (s.enum && !s.enum.includes(v)) problems.push(`${at}: ${JSON.stringify(v)} is not one of ${s.enum.join(', ')}`);
        return;
      }
      case 'integer':
      case 'long':
      case 'short':
      case 'byte': {
        if (typeof v !== 'number' || !Number.isInteger(v)) return void problems.push(`${at}: expected an integer`);
        checkRange(s, v, at);
        if (s.enum && !s.enum.includes(v)) problems.push(`${at}: ${v} is not one of ${s.enum.join(', ')}`);
        return;
      }
      case 'float':
      case 'double': {
        if (typeof v !== 'number') return void problems.push(`${at}: expected a number`);
        return checkRange(s, v, at);
      }
      case 'boolean':
        if (typeof v !== 'boolean') problems.push(`${at}: expected a boolean`);
        return;
      default:
        return;
    }
  }

  function checkLength(s: ModelShape, n: number, at: string) {
    if (s.length?.min !== undefined && n < s.length.min) problems.push(`${at}: length ${n} is below the minimum ${s.length.min}`);
    if (s.length?.max !== undefined && n > s.length.max) problems.push(`${at}: length ${n} is above the maximum ${s.length.max}`);
  }

  function checkRange(s: ModelShape, n: number, at: string) {
    if (s.range?.min !== undefined && n < s.range.min) problems.push(`${at}: ${n} is below the minimum ${s.range.min}`);
    if (s.range?.max !== undefined && n > s.range.max) problems.push(`${at}: ${n} is above the maximum ${s.range.max}`);
  }
}
