/**
 * Reads the constraints of a service's Smithy model (generated into
 * src/<service>/model.generated.ts by scripts/generate-model-constraints.ts)
 * for synth-time validation.
 */
import type { ModelMember, ModelShape } from './model-types';

/** A member's constraints: its own traits plus those of the shape it targets. */
export interface MemberConstraint extends ModelMember {
  readonly shape: ModelShape;
}

const PRIMITIVES = new Set(['String', 'Integer', 'Long', 'Boolean', 'Timestamp', 'Float', 'Double', 'Unit', 'PrimitiveBoolean', 'PrimitiveInteger', 'PrimitiveLong']);

/** The shapes of one service's model, looked up by shape ID. */
export class ServiceModel {
  constructor(public readonly shapes: Readonly<Record<string, ModelShape>>) {}

  public shape(id: string): ModelShape {
    const found = this.shapes[id];
    if (!found) throw new Error(`No shape ${id} in the generated model constraints`);
    return found;
  }

  /** A shape, or a primitive (`String`, `Integer`, ...) as a shape of that type. */
  public primitiveOrShape(id: string): ModelShape {
    if (PRIMITIVES.has(id)) return { type: id.replace(/^Primitive/, '').toLowerCase() };
    return this.shape(id);
  }

  public member(structureId: string, memberName: string): MemberConstraint {
    const m = this.shape(structureId).members?.[memberName];
    if (!m) throw new Error(`No member ${memberName} in ${structureId}`);
    return { ...m, shape: this.primitiveOrShape(m.target) };
  }

  /** A shape as the constraint of a value of that shape. */
  public constraint(id: string): MemberConstraint {
    return { target: id, shape: this.shape(id) };
  }

  /** The values of an enum shape. */
  public enumValues(id: string): string[] {
    return (this.shape(id).enum ?? []).map(String);
  }
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
    try {
      return new RegExp(pattern);
    } catch {
      // A pattern no engine compiles constrains nothing: the Chime SDK voice
      // model's ClientRequestId is `^[-_a-zA-Z0-9]*${2,64}$` (a typo of
      // `^[-_a-zA-Z0-9]{2,64}$`, which the service means).
      return /^[\s\S]*$/;
    }
  }
}
