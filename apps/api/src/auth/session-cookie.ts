import { decode } from '@auth/core/jwt';
import { SESSION_COOKIE_NAMES } from '@berth/api-contract';

/** `sessionId` is the `sid` claim: the user_sessions row that makes the JWT revocable. */
export type SessionClaims = { userId: string; orgId?: string | undefined; sessionId?: string | undefined };

/**
 * Decodes the web console's Auth.js session (an encrypted JWT; key derived from
 * AUTH_SECRET with the cookie name as salt). Null when absent, expired or forged.
 */
export async function readSessionCookie(
  cookies: Record<string, string | undefined>,
  secret: string,
): Promise<SessionClaims | null> {
  for (const name of SESSION_COOKIE_NAMES) {
    const token = cookies[name];
    if (!token) continue;
    const claims = await decode({ token, secret, salt: name }).catch(() => null);
    const userId = typeof claims?.sub === 'string' ? claims.sub : undefined;
    if (!userId) return null;
    const orgId = typeof claims?.orgId === 'string' ? claims.orgId : undefined;
    const sessionId = typeof claims?.sid === 'string' ? claims.sid : undefined;
    return { userId, orgId, sessionId };
  }
  return null;
}
