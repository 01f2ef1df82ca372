import { Stack, Token } from 'aws-cdk-lib';
import type { Duration } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { patternRegExp } from './model';
import type { MemberConstraint } from './model';

/**
 * Collects the problems with a construct's props and throws them together,
 * each naming the construct path and the prop. Values that are unresolved
 * tokens are not checked: they are only known at deploy time.
 */
export class PropValidator {
  private readonly problems: string[] = [];

  constructor(private readonly construct: IConstruct, private readonly kind: string) {}

  /** Records a problem with `prop`. */
  public fail(prop: string, message: string): void {
    this.problems.push(`${prop}: ${message}`);
  }

  /**
   * Checks a number against an integer range, the range defaulting to the
   * model member's; `unit` (`ms`, `s`) is written after every number of the message.
   */
  public integer(prop: string, value: number | undefined, constraint: { min?: number; max?: number } | MemberConstraint = {}, unit?: string): void {
    if (value === undefined || Token.isUnresolved(value)) return;
    const range = 'shape' in constraint ? constraint.shape.range ?? {} : constraint;
    const u = unit ? ` ${unit}` : '';
    if (!Number.isInteger(value)) {
      this.fail(prop, `must be a whole number${describeRange(range, u)}, got ${value}${u}`);
    } else if ((range.min !== undefined && value < range.min) || (range.max !== undefined && value > range.max)) {
      this.fail(prop, `must be${describeRange(range, u)}, got ${value}${u}`);
    }
  }

  /**
   * A duration in `unit`s, fractions kept for `integer` to reject; a token
   * stays a token. A token given in another unit cannot be converted at synth
   * (CloudFormation cannot multiply): that is a problem, and the result undefined.
   */
  public duration(prop: string, duration: Duration | undefined, unit: 'millis' | 'seconds'): number | undefined {
    if (duration === undefined) return undefined;
    if (duration.isUnresolved() && duration.unitLabel() !== unit) {
      this.fail(prop, `a token duration must be given with Duration.${unit}(), got one in ${duration.unitLabel()}`);
      return undefined;
    }
    return unit === 'millis' ? duration.toMilliseconds({ integral: false }) : duration.toSeconds({ integral: false });
  }

  /** Checks a string against a model member's length and pattern. */
  public string(prop: string, value: string | undefined, constraint: MemberConstraint, hint?: string): void {
    if (value === undefined || Token.isUnresolved(value)) return;
    const { length, pattern } = constraint.shape;
    const n = [...value].length;
    if ((length?.min !== undefined && n < length.min) || (length?.max !== undefined && n > length.max)) {
      this.fail(prop, `must be ${describeLength(length!)} long, got ${n} (${JSON.stringify(truncate(value))})`);
    } else if (pattern && !patternRegExp(pattern).test(value)) {
      this.fail(prop, `${JSON.stringify(truncate(value))} does not match ${pattern}${hint ? ` (${hint})` : ''}`);
    }
  }

  /** Checks that a value is one of a model enum's values (TypeScript enums cannot stop other languages). */
  public oneOf(prop: string, value: string | undefined, allowed: readonly string[]): void {
    if (value === undefined || Token.isUnresolved(value)) return;
    if (!allowed.includes(value)) this.fail(prop, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }

  /**
   * Checks that a resolved ARN is in the stack's account and Region (each
   * where both are known): the shared handler calls the APIs there, so the
   * resources it names must be there too. With `resource`, also checks that
   * the ARN is of `service` and its resource part matches that pattern.
   * Returns the ARN's Region and account, or undefined for a token or a
   * malformed ARN.
   */
  public arnInStack(prop: string, arn: string | undefined, expected: ArnExpectation): { region: string; account: string } | undefined {
    if (arn === undefined || Token.isUnresolved(arn)) return undefined;
    const resource = expected.resource ?? '.+';
    const match = new RegExp(`^arn:[a-z0-9-]+:${expected.service}:([a-z0-9-]*):(\\d{12}|):${resource}$`).exec(arn);
    if (!match) {
      if (expected.resource !== undefined) {
        const type = expected.resource.split('/')[0];
        this.fail(prop, `${JSON.stringify(arn)} is not ${expected.what} (arn:<partition>:${expected.service}:<region>:<account>:${type}/<id>)`);
      }
      return undefined;
    }
    const [, region, account] = match;
    const stack = Stack.of(this.construct);
    const why = expected.why ? `; ${expected.why}` : '';
    if (region && !Token.isUnresolved(stack.region) && region !== stack.region) {
      this.fail(prop, `the ${expected.noun} is in Region ${region} but the stack is in ${stack.region}${why}`);
    }
    if (account && !Token.isUnresolved(stack.account) && account !== stack.account) {
      this.fail(prop, `the ${expected.noun} is in account ${account} but the stack is in ${stack.account}${why}`);
    }
    return { region, account };
  }

  /** Throws one error listing every problem found, if any. */
  public throwIfInvalid(): void {
    if (this.problems.length === 0) return;
    const lines = this.problems.map((p) => `  - ${p}`).join('\n');
    throw new Error(`${this.kind} at '${this.construct.node.path}' has invalid props:\n${lines}`);
  }
}

/** What `PropValidator.arnInStack` expects of an ARN. */
export interface ArnExpectation {
  /** The ARN's service namespace, e.g. `ivs`. */
  readonly service: string;
  /** What the ARN names, in messages: `stage`, `pipeline`. */
  readonly noun: string;
  /** A pattern the resource part must match, e.g. `stage/[a-zA-Z0-9-]+`; checked only when given. */
  readonly resource?: string;
  /** The ARN's kind, in the message for a malformed one: `a media insights pipeline ARN`. */
  readonly what?: string;
  /** Why the account and Region matter, appended to their messages. */
  readonly why?: string;
}

function describeRange(range: { min?: number; max?: number }, unit = ''): string {
  if (range.min !== undefined && range.max !== undefined) return ` from ${range.min}${unit} to ${range.max}${unit}`;
  if (range.min !== undefined) return ` of at least ${range.min}${unit}`;
  if (range.max !== undefined) return ` of at most ${range.max}${unit}`;
  return '';
}

function describeLength(length: { min?: number; max?: number }): string {
  if (length.min !== undefined && length.max !== undefined) return `${length.min} to ${length.max} characters`;
  if (length.min !== undefined) return `at least ${length.min} characters`;
  return `at most ${length.max} characters`;
}

function truncate(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}
