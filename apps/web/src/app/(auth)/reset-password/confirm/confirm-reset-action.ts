'use server';

import { z } from 'zod';
import { confirmPasswordReset } from '@/lib/api/identity';
import { getAnonymousApi } from '@/lib/api/server-api';
import { describeApiFailure } from '../../describe-api-failure';
import { type FormState, fieldErrorsOf } from '../../form-state';

const ZResetConfirmSchema = z
  .object({
    token: z.string().min(1, 'The link is incomplete; open it again from the email'),
    password: z.string().min(12, 'Use at least 12 characters').max(200),
    confirm: z.string(),
  })
  .refine((form) => form.password === form.confirm, { message: 'The passwords differ', path: ['confirm'] });

/** Sets the new password with the emailed one-time token. */
export async function confirmResetAction(_previous: FormState, form: FormData): Promise<FormState> {
  const parsed = ZResetConfirmSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error.issues) };
  try {
    await confirmPasswordReset(await getAnonymousApi(), parsed.data.token, parsed.data.password);
    return { done: true };
  } catch (error) {
    return describeApiFailure(error);
  }
}
