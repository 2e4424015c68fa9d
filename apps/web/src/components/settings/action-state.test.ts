import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, ApiUnreachableError } from '@/lib/api/api-error';
import { describeFailure, fieldErrorsOf } from './action-state';

describe('describeFailure', () => {
  it("puts a 400's details.issues under the fields they name, nested paths under their top field", () => {
    const error = new ApiError(400, 'bad_request', 'invalid body: email: Invalid email', {
      issues: [
        { field: 'email', message: 'Invalid email' },
        { field: 'labels.Bad Key', message: 'letters, digits and . _ / -' },
        { field: 'labels.other', message: 'second issue on the same field' },
      ],
    });
    const state = describeFailure(error);
    expect(state.fieldErrors).toEqual({
      email: 'Invalid email.',
      labels: 'Labels.Bad Key: letters, digits and . _ / -.',
    });
    expect(state.error).toBe('Check email, labels: Invalid body: email: Invalid email.');
  });

  it("shows a 403 with the API's reason", () => {
    const state = describeFailure(
      new ApiError(403, 'forbidden', 'requires the admin role or above (you are viewer)'),
    );
    expect(state.error).toBe('Requires the admin role or above (you are viewer).');
  });

  it("passes the last-owner conflict through in the API's words", () => {
    const state = describeFailure(
      new ApiError(
        409,
        'conflict',
        'an organisation needs at least one owner: make someone else owner first',
      ),
    );
    expect(state.error).toBe('An organisation needs at least one owner: make someone else owner first.');
  });

  it('never shows server internals and says when the API is down', () => {
    expect(describeFailure(new ApiError(500, 'internal', 'stack trace here')).error).not.toMatch(/stack/);
    expect(describeFailure(new ApiUnreachableError(new Error('ECONNREFUSED'))).error).toMatch(
      /not answering/,
    );
  });

  it('rethrows what is not an API failure (a bug reaches the error page)', () => {
    expect(() => describeFailure(new TypeError('boom'))).toThrow('boom');
  });
});

describe('fieldErrorsOf', () => {
  it('keeps the first message per field', () => {
    const result = z
      .object({ name: z.string().min(1, 'Enter a name'), maxUses: z.number().int('Whole number') })
      .safeParse({ name: '', maxUses: 1.5 });
    expect(result.success).toBe(false);
    if (!result.success)
      expect(fieldErrorsOf(result.error.issues)).toEqual({ name: 'Enter a name', maxUses: 'Whole number' });
  });
});
