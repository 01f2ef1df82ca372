import { Token } from 'aws-cdk-lib';
import { ASSUMED_TOKEN_ARN_CHARS, grantsOverBudget } from '../../src/core/policy-budget';
import type { ScopedGrant } from '../../src/core/policy-budget';

const WILDCARD = 'arn:aws:ivs:us-east-1:123456789012:stage/*';
/** A grant on `n` stage ARNs of `chars` characters each. */
function grant(n: number, chars: number): ScopedGrant {
  const arns = [...Array(n).keys()].map((i) => `arn:aws:ivs:us-east-1:123456789012:stage/${String(i).padStart(chars - 42, 'x')}`);
  return { resources: new Map(arns.map((arn) => [arn, { arn, typeWildcard: WILDCARD }])) };
}

test('grants that fit the budget keep their exact ARNs', () => {
  expect(grantsOverBudget([grant(2, 100), grant(3, 100)], 10_000).size).toBe(0);
});

test('past the budget the largest grants give way first, until the rest fit', () => {
  const small = grant(2, 100);
  const large = grant(20, 100);
  const medium = grant(10, 100);
  // 32 ARNs of 103 characters = 3,296; without the largest (2,060 → one wildcard) it fits 2,000.
  expect([...grantsOverBudget([small, large, medium], 2_000)]).toEqual([large]);
  // A tighter budget takes the next largest too, never the smallest first.
  expect([...grantsOverBudget([small, large, medium], 800)]).toEqual([large, medium]);
});

test('an unresolved ARN counts as the assumed length of a resolved one', () => {
  const arn = Token.asString({ Ref: 'Stage' });
  const tokens: ScopedGrant = { resources: new Map([[arn, { arn, typeWildcard: WILDCARD }]]) };
  expect(grantsOverBudget([tokens], ASSUMED_TOKEN_ARN_CHARS + 3).size).toBe(0);
  expect(grantsOverBudget([tokens], ASSUMED_TOKEN_ARN_CHARS + 2).size).toBe(1);
});

test('allOrNothing: every grant gives way once all do not fit, none while they do (the stage keeper\'s role)', () => {
  const small = grant(2, 100);
  const large = grant(20, 100);
  const medium = grant(10, 100);
  // Over 2,000, where largest-first collapses the large grant alone, every one gives way.
  expect([...grantsOverBudget([small, large, medium], 2_000)]).toEqual([large]);
  expect(grantsOverBudget([small, large, medium], 2_000, { allOrNothing: true })).toEqual(new Set([small, large, medium]));
  // The 32 ARNs take between 3,000 and 4,000 characters.
  expect(grantsOverBudget([small, large, medium], 3_000, { allOrNothing: true }).size).toBe(3);
  expect(grantsOverBudget([small, large, medium], 4_000, { allOrNothing: true }).size).toBe(0);
});
