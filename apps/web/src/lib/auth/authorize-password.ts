import type { User } from 'next-auth';
import { z } from 'zod';
import { ApiError, ApiUnreachableError } from '@/lib/api/api-error';
import { signInWithPassword } from '@/lib/api/identity';
import { getAnonymousApi } from '@/lib/api/server-api';
import { ApiUnavailableSignIn, RateLimitedSignIn } from './auth-errors';

export const ZPasswordFormSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(200),
});

/**
 * The Credentials provider's check: the API verifies the password (argon2id, rate-limited
 * per client address, which is why X-Forwarded-For is passed on) and answers with the
 * user. The browser never calls the API's sign-in itself.
 */
export async function authorizePassword(credentials: unknown, request: Request): Promise<User | null> {
  const parsed = ZPasswordFormSchema.safeParse(credentials);
  if (!parsed.success) return null;
  try {
    const result = await signInWithPassword(
      getAnonymousApi(request.headers.get('x-forwarded-for')),
      parsed.data,
    );
    if (!result) return null;
    return {
      id: result.user.id,
      email: result.user.email,
      name: result.user.name,
      orgId: result.memberships[0]?.orgId ?? null,
    };
  } catch (error) {
    if (error instanceof ApiError && error.status === 429) throw new RateLimitedSignIn();
    if (error instanceof ApiUnreachableError) throw new ApiUnavailableSignIn();
    throw error;
  }
}
