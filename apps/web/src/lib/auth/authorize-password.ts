import type { User } from 'next-auth';
import { z } from 'zod';
import { ApiError, ApiUnreachableError } from '@/lib/api/api-error';
import { signInWithPassword } from '@/lib/api/identity';
import { getAnonymousApi } from '@/lib/api/server-api';
import {
  AccountThrottledSignIn,
  ApiUnavailableSignIn,
  RateLimitedSignIn,
  ThrottledSignIn,
} from './auth-errors';
import { keepDeviceToken, readDeviceToken } from './device-cookie';

export const ZPasswordFormSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(200),
});

const ZThrottleSchema = z.object({ limitedBy: z.enum(['client', 'account']) });

/**
 * The Credentials provider's check: the API verifies the password (argon2id, limited per
 * client address — which this console vouches for, signed — and throttled per account and
 * client) and answers with the user and a new device token, kept in this browser's
 * `berth-device` cookie so the account recognises the browser next time. The browser never
 * calls the API's sign-in itself.
 */
export async function authorizePassword(credentials: unknown): Promise<User | null> {
  const parsed = ZPasswordFormSchema.safeParse(credentials);
  if (!parsed.success) return null;
  try {
    const device = await readDeviceToken();
    const result = await signInWithPassword(await getAnonymousApi(), {
      ...parsed.data,
      ...(device ? { device } : {}),
    });
    if (!result) return null;
    if (result.device) await keepDeviceToken(result.device);
    return {
      id: result.user.id,
      email: result.user.email,
      name: result.user.name,
      orgId: result.memberships[0]?.orgId ?? null,
    };
  } catch (error) {
    if (error instanceof ApiError && error.status === 429) throw throttled(error.details);
    if (error instanceof ApiUnreachableError) throw new ApiUnavailableSignIn();
    throw error;
  }
}

function throttled(details: unknown): Error {
  const limited = ZThrottleSchema.safeParse(details);
  if (!limited.success) return new RateLimitedSignIn();
  return limited.data.limitedBy === 'account' ? new AccountThrottledSignIn() : new ThrottledSignIn();
}
