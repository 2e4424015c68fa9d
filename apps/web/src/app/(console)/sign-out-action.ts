'use server';

import { signOut } from '@/auth';
import { revokeCurrentSession } from '@/lib/api/identity';
import { getServerApi } from '@/lib/api/server-api';

/** Ends the API's session row first (so a copied cookie dies too), then clears the cookie. */
export async function signOutAction(): Promise<void> {
  try {
    await revokeCurrentSession(await getServerApi());
  } catch (error) {
    // The cookie is cleared regardless; the API's row expires with the JWT.
    console.warn('sign-out: the API did not revoke the session', error);
  }
  await signOut({ redirectTo: '/sign-in' });
}
