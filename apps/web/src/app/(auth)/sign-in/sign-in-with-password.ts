'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { signIn } from '@/auth';
import { safeCallbackUrl } from '@/lib/auth/safe-callback-url';
import type { FormState } from '../form-state';

const MESSAGES: Record<string, string> = {
  rate_limited: 'Too many sign-in attempts. Wait a minute, then try again.',
  api_unavailable:
    'Berth cannot check your password right now (the API is not answering). Try again shortly.',
};

/** The password form's action: Auth.js's Credentials provider asks the API. */
export async function signInWithPasswordAction(_previous: FormState, form: FormData): Promise<FormState> {
  const email = String(form.get('email') ?? '');
  try {
    await signIn('credentials', {
      email,
      password: String(form.get('password') ?? ''),
      redirectTo: safeCallbackUrl(form.get('callbackUrl')),
    });
    return {};
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      return { email, error: MESSAGES[error.code] ?? 'Wrong email or password.' };
    }
    if (error instanceof AuthError) {
      return {
        email,
        error: 'Sign-in failed on the server. Try again; if it persists, ask your administrator.',
      };
    }
    // Success is a redirect, which Next implements as a thrown signal.
    throw error;
  }
}
