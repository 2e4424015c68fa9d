'use server';

import { signIn } from '@/auth';
import { safeCallbackUrl } from '@/lib/auth/safe-callback-url';

/** Starts the single sign-on redirect (PKCE, state and nonce checked by Auth.js). */
export async function signInWithOidcAction(form: FormData): Promise<void> {
  await signIn('oidc', { redirectTo: safeCallbackUrl(form.get('callbackUrl')) });
}
