'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { ApiUnreachableError } from '@/lib/api/api-error';
import { unlockSignIn } from '@/lib/api/identity';
import { getAnonymousApi } from '@/lib/api/server-api';
import { keepDeviceToken } from '@/lib/auth/device-cookie';
import type { FormState } from '../../form-state';

const ZUnlockFormSchema = z.object({ token: z.string().regex(/^berth_unlock_[A-Za-z0-9_-]{43}$/) });

const SPENT =
  'This link was already used, has expired, or is incomplete. Sign in from a browser you used before, or wait a few minutes and try again.';

/** Spends the e-mailed link: this browser gets a device token its account knows, then signs in as usual. */
export async function unlockSignInAction(_previous: FormState, form: FormData): Promise<FormState> {
  const parsed = ZUnlockFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: SPENT };
  let unlocked: Awaited<ReturnType<typeof unlockSignIn>>;
  try {
    unlocked = await unlockSignIn(await getAnonymousApi(), parsed.data.token);
  } catch (error) {
    if (error instanceof ApiUnreachableError) return { error: error.message };
    throw error;
  }
  if (!unlocked) return { error: SPENT };
  await keepDeviceToken(unlocked.device);
  redirect('/sign-in?notice=trusted');
}
