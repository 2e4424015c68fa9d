'use server';

import { z } from 'zod';
import { signIn } from '@/auth';
import { signUp } from '@/lib/api/identity';
import { getAnonymousApi } from '@/lib/api/server-api';
import { safeCallbackUrl } from '@/lib/auth/safe-callback-url';
import { describeApiFailure } from '../describe-api-failure';
import { type FormState, fieldErrorsOf } from '../form-state';

const ZSignUpFormSchema = z.object({
  name: z.string().trim().min(1, 'Enter your name').max(100),
  email: z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address')),
  password: z.string().min(12, 'Use at least 12 characters').max(200),
  orgName: z.string().trim().max(100).optional(),
  inviteToken: z.string().max(200).optional(),
});

/** Creates the account through the API, then signs in with the same credentials. */
export async function signUpAction(_previous: FormState, form: FormData): Promise<FormState> {
  const parsed = ZSignUpFormSchema.safeParse(Object.fromEntries(form));
  const email = String(form.get('email') ?? '');
  if (!parsed.success) return { email, fieldErrors: fieldErrorsOf(parsed.error.issues) };
  const { orgName, inviteToken, ...account } = parsed.data;
  try {
    const api = await getAnonymousApi();
    await signUp(api, {
      ...account,
      ...(orgName ? { orgName } : {}),
      ...(inviteToken ? { inviteToken } : {}),
    });
  } catch (error) {
    return describeApiFailure(error, email);
  }
  await signIn('credentials', {
    email: account.email,
    password: account.password,
    // Joining by invite happened with the account itself; the invite page has nothing left to do.
    redirectTo: inviteToken ? '/fleet' : safeCallbackUrl(form.get('callbackUrl')),
  });
  return {};
}
