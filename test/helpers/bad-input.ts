/**
 * Issue 5: invalid props of each construct, rejected at synth with an error
 * naming the construct path and the prop (the bad-input rows), and the same
 * props given as unresolved tokens accepted and sent to the handler as they
 * are (the token rows), or listed as not tokenizable with the reason they
 * cannot be. `describeBadInput` registers these tests for one construct;
 * test/<service>/<resource>.bad-input.test.ts hold the rows.
 */
import { App, Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { TEST_ENV as ENV } from './fixtures';
import { PropValidator } from '../../src/core/validation';

/** The id of the construct under test; its path is `TestStack/Subject`. */
export const ID = 'Subject';

/** Builds complete props of a construct in the given stack. */
export type PropsBuilder<P> = (stack: Stack) => P;

export type Change<P> = Partial<P> | ((stack: Stack) => Partial<P>);

/** Complete, valid props with `change` applied. */
export function complete<P>(valid: P, change: Change<P>): (stack: Stack) => P {
  return (stack) => ({ ...valid, ...(typeof change === 'function' ? change(stack) : change) });
}

export const numberToken = (ref: string) => Token.asNumber({ Ref: ref });
export const stringToken = (ref: string) => Token.asString({ Ref: ref });

/** How to build the construct, its custom resource type, and props that set every validated prop to a valid value. */
export interface ConstructUnderTest<P> {
  readonly build: (stack: Stack, props: P) => void;
  readonly resourceType: string;
  readonly everyProp: PropsBuilder<P>[];
  /** The bad-input table has at least this many rows. */
  readonly minRows: number;
}

/** A row: the construct, the case, the prop the error names, complete props but for the bad value, and what the error says about the prop. */
export type BadInput<P> = [construct: string, name: string, prop: string, props: PropsBuilder<P>, message: RegExp];

/** A row: the construct, the prop, how the token is given, complete props with the token in that prop, and what the handler is sent. */
export type TokenInput<P> = [construct: string, prop: string, how: string, props: PropsBuilder<P>, sent: Record<string, unknown>];

export function newStack() {
  return new Stack(new App(), 'TestStack', { env: ENV });
}

/** Builds the construct in a stack of its own. */
export function build<P>(subject: Pick<ConstructUnderTest<P>, 'build'>, props: PropsBuilder<P>): Stack {
  const stack = newStack();
  subject.build(stack, props(stack));
  return stack;
}

export const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Registers one test per bad-input row: building the construct with its props fails naming the construct path and the row's prop. */
export function testBadInput<P>(subject: Pick<ConstructUnderTest<P>, 'build'>, badInput: BadInput<P>[]): void {
  test.each(badInput)('%s rejects %s, naming the construct path and %s', (name, _name, prop, props, message) => {
    let error: unknown;
    try {
      build(subject, props);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    const [header, ...problems] = (error as Error).message.split('\n');
    expect(header).toBe(`${name} at 'TestStack/${ID}' has invalid props:`);
    // The props are valid but for the row's value: every problem is about the row's prop (or an entry of it).
    expect(problems).toEqual(problems.map(() => expect.stringMatching(new RegExp(`^  - ${escape(prop)}(\\[\\d+\\]|\\.[^ :]+)?: `))));
    const about = problems.filter((p) => p.startsWith(`  - ${prop}: `)).map((p) => p.slice(`  - ${prop}: `.length));
    expect(about).toContainEqual(expect.stringMatching(message));
  });
}

/**
 * Registers the bad-input and token tests of one construct.
 *
 * @param notTokenizable the props of the bad-input table that cannot hold a token, keyed `<construct> <prop>`, with the reason
 */
export function describeBadInput<P>(
  construct: string,
  subject: ConstructUnderTest<P>,
  badInput: BadInput<P>[],
  tokens: TokenInput<P>[],
  notTokenizable: Record<string, string>,
): void {
  describe('bad input', () => {
    testBadInput(subject, badInput);

    test(`the ${construct} table has at least ${subject.minRows} rows, all of ${construct}, and names each case once`, () => {
      expect(badInput.length).toBeGreaterThanOrEqual(subject.minRows);
      expect(new Set(badInput.map(([name]) => name))).toEqual(new Set([construct]));
      const cases = badInput.map(([name, caseName]) => `${name} ${caseName}`);
      expect(cases.filter((c, i) => cases.indexOf(c) !== i)).toEqual([]);
    });

    test.each([construct])('every prop %s checks has a row', () => {
      const methods = ['string', 'integer', 'oneOf', 'duration'] as const;
      const spies = methods.map((method) => jest.spyOn(PropValidator.prototype, method));
      try {
        for (const props of subject.everyProp) build(subject, props);
        const checked = new Set(spies.flatMap((spy) => spy.mock.calls.map(([prop]) => prop)));
        expect(checked.size).toBeGreaterThan(0);
        const rows = new Set(badInput.filter((row) => row[0] === construct).map(([, , prop]) => prop));
        expect([...checked].filter((prop) => !rows.has(prop))).toEqual([]);
      } finally {
        spies.forEach((spy) => spy.mockRestore());
      }
    });
  });

  describe('tokens in the same props', () => {
    test.each(tokens)('%s accepts a token in %s (%s) and sends it to the handler', (_construct, _prop, _how, props, sent) => {
      let stack: Stack | undefined;
      expect(() => { stack = build(subject, props); }).not.toThrow();
      Template.fromStack(stack!).hasResourceProperties(subject.resourceType, sent);
    });

    test('every prop of the bad-input table has a token row or a reason it cannot hold a token', () => {
      const bad = new Set(badInput.map(([name, , prop]) => `${name} ${prop}`));
      const tokenized = new Set(tokens.map(([name, prop]) => `${name} ${prop}`));
      expect([...bad].filter((key) => !tokenized.has(key) && !(key in notTokenizable))).toEqual([]);
      expect([...tokenized].filter((key) => key in notTokenizable)).toEqual([]);
      expect([...tokenized, ...Object.keys(notTokenizable)].filter((key) => !bad.has(key))).toEqual([]);
    });
  });
}
