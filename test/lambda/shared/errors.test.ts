import { AccessDeniedException } from '@aws-sdk/client-ivs-realtime';
import { describeError } from '../../../lambda/shared/errors';

describe('describeError', () => {
  test('Name: message', () => {
    const error = new Error('Rate exceeded');
    error.name = 'ThrottlingException';
    expect(describeError(error)).toBe('ThrottlingException: Rate exceeded');
    expect(describeError(new Error('plain'))).toBe('plain');
    expect(describeError('a string')).toBe('a string');
  });

  test('an IVS error as the SDK builds it from the modeled body: the text is in exceptionMessage, message is "UnknownError"', () => {
    const error = new AccessDeniedException({ $metadata: {}, message: 'UnknownError', exceptionMessage: 'User is not authorized to perform: ivs:StartComposition' });
    expect(error.message).toBe('UnknownError');
    expect(describeError(error)).toBe('AccessDeniedException: User is not authorized to perform: ivs:StartComposition');
  });

  test('a message of its own wins over exceptionMessage', () => {
    const error = new AccessDeniedException({ $metadata: {}, message: 'the message', exceptionMessage: 'the exception message' });
    expect(describeError(error)).toBe('AccessDeniedException: the message');
  });
});
