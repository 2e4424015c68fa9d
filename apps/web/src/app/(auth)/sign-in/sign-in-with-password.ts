'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { signIn } from '@/auth';
import { safeCallbackUrl } from '@/lib/auth/safe-callback-url';
import type { FormState } from '../form-state';

const MESSAGES: Record<string, string> = {
  rate_limited: 'Too many sign-in attempts from your network. Wait a minute, then try again.',
  throttled:
    'Too many wrong passwords for this account from this browser. Wait a little before trying again; the wait grows with each failure.',
  account_throttled:
    'This account is getting many wrong passwords from unfamiliar places, so sign-ins from new browsers are slowed down. Sign in from a browser you used before, use the link we e-mailed to the account, or try again in a few minutes.',
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
