'use server';

import { z } from 'zod';
import { requestPasswordReset } from '@/lib/api/identity';
import { getAnonymousApi } from '@/lib/api/server-api';
import { describeApiFailure } from '../describe-api-failure';
import { type FormState, fieldErrorsOf } from '../form-state';

const ZResetRequestSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address')),
});

/** Asks the API to email a reset link; the answer never reveals whether the address exists. */
export async function requestResetAction(_previous: FormState, form: FormData): Promise<FormState> {
  const parsed = ZResetRequestSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error.issues) };
  try {
    await requestPasswordReset(await getAnonymousApi(), parsed.data.email);
    return { done: true, email: parsed.data.email };
  } catch (error) {
    return describeApiFailure(error, parsed.data.email);
  }
}
