import { App, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PropValidator } from '../../src/core/validation';
import { TEST_ENV } from '../helpers/fixtures';

function problemsOf(check: (v: PropValidator) => void, env: { account?: string; region?: string } = TEST_ENV): string {
  const stack = new Stack(new App(), 'S', { env });
  const v = new PropValidator(new Construct(stack, 'C'), 'Thing');
  check(v);
  try {
    v.throwIfInvalid();
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('PropValidator.arnInStack: the one check that an ARN is in the stack\'s account and Region', () => {
  const stage = 'arn:aws:ivs:us-east-1:123456789012:stage/abc';

  test('an ARN of the stack\'s account and Region passes and gives both back', () => {
    let found: unknown;
    expect(problemsOf((v) => { found = v.arnInStack('stage', stage, { service: 'ivs', noun: 'stage' }); })).toBe('');
    expect(found).toEqual({ region: 'us-east-1', account: '123456789012' });
  });

  test('another Region and another account are each named, with the reason', () => {
    const other = 'arn:aws:ivs:eu-west-1:210987654321:stage/abc';
    expect(problemsOf((v) => v.arnInStack('stage', other, { service: 'ivs', noun: 'stage', why: 'it must be' }))).toBe(
      "Thing at 'S/C' has invalid props:\n" +
      '  - stage: the stage is in Region eu-west-1 but the stack is in us-east-1; it must be\n' +
      '  - stage: the stage is in account 210987654321 but the stack is in 123456789012; it must be',
    );
  });

  test('with a resource pattern, an ARN of another service or type is named malformed', () => {
    expect(problemsOf((v) => v.arnInStack('domain', stage, { service: 'chime', resource: 'voice-profile-domain/.+', noun: 'domain', what: 'a voice profile domain ARN' })))
      .toContain(`domain: "${stage}" is not a voice profile domain ARN (arn:<partition>:chime:<region>:<account>:voice-profile-domain/<id>)`);
  });

  test('tokens and an environment-agnostic stack are not checked', () => {
    expect(problemsOf((v) => v.arnInStack('stage', Token.asString({ Ref: 'Stage' }), { service: 'ivs', noun: 'stage' }))).toBe('');
    expect(problemsOf((v) => v.arnInStack('stage', 'arn:aws:ivs:eu-west-1:210987654321:stage/abc', { service: 'ivs', noun: 'stage' }), {})).toBe('');
  });
});
