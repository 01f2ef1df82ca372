/**
 * Reads the constraints of the services' Smithy models (generated into
 * model-constraints.generated.ts) for synth-time validation, and checks whole
 * request objects against them (tests and the local fake of the APIs).
 */
import { OPERATIONS, SHAPES } from './model-constraints.generated';
import type { ModelMember, ModelOperation, ModelShape } from './model-types';

export { OPERATIONS, SERVICES, SHAPES } from './model-constraints.generated';

/** A member's constraints: its own traits plus those of the shape it targets. */
export interface MemberConstraint extends ModelMember {
  readonly shape: ModelShape;
}

export function shape(id: string): ModelShape {
  const found = SHAPES[id];
  if (!found) throw new Error(`No shape ${id} in the generated model constraints`);
  return found;
}

export function member(structureId: string, memberName: string): MemberConstraint {
  const m = shape(structureId).members?.[memberName];
  if (!m) throw new Error(`No member ${memberName} in ${structureId}`);
  return { ...m, shape: primitiveOrShape(m.target) };
}

export function operation(id: string): ModelOperation {
  const found = OPERATIONS[id];
  if (!found) throw new Error(`No operation ${id} in the generated model constraints`);
  return found;
}

/** The values of an enum shape (or of the enum a member targets). */
export function enumValues(id: string): string[] {
  return (shape(id).enum ?? []).map(String);
}

/**
 * A model `pattern` as a RegExp. Smithy patterns are ECMA-262 regular
 * expressions, checked with the `u` flag; a few are only valid without it
 * (the Chime SDK media pipelines `Arn` escapes `:` and `_`, identity escapes
 * that `u` rejects), and those are compiled without it.
 */
export function patternRegExp(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return new RegExp(pattern);
  }
}

const PRIMITIVES = new Set(['String', 'Integer', 'Long', 'Boolean', 'Timestamp', 'Float', 'Double', 'Unit', 'PrimitiveBoolean', 'PrimitiveInteger', 'PrimitiveLong']);

function primitiveOrShape(id: string): ModelShape {
  if (PRIMITIVES.has(id)) return { type: id.replace(/^Primitive/, '').toLowerCase() };
  return shape(id);
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
    const s = primitiveOrShape(shapeId);
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
