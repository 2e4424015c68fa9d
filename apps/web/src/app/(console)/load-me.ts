import { redirect } from 'next/navigation';
import { cache } from 'react';
import { ApiError } from '@/lib/api/api-error';
import { getMe, type Me } from '@/lib/api/identity';
import { getServerApi } from '@/lib/api/server-api';

/**
 * The caller as the API sees them, once per request. A session the API refuses (revoked
 * `sid`, deleted user) goes back to sign-in with a reason instead of an error page.
 */
export const loadMe = cache(async (): Promise<Me> => {
  try {
    return await getMe(await getServerApi());
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) redirect('/sign-in?error=SessionExpired');
    throw error;
  }
});
