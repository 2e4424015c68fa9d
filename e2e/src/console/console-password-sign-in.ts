import { httpFrom } from '../support/http-from.js';

export type ConsoleSignInOutcome =
  | { outcome: 'signed-in'; sessionCookie: string }
  /** Auth.js's `code`: `credentials` (wrong e-mail or password), `rate_limited`, `throttled`, `account_throttled`… */
  | { outcome: 'refused'; code: string };

/**
 * The console's password sign-in as an HTTP client does it, no browser: Auth.js's CSRF token,
 * then its Credentials callback (`POST /api/auth/callback/credentials`, the route the browser's
 * sign-in ends in) — from `localAddress`, with whatever X-Forwarded-For the caller claims.
 */
export async function consolePasswordSignIn(
  consoleUrl: string,
  credentials: { email: string; password: string },
  from: { localAddress: string; forwardedFor?: string },
): Promise<ConsoleSignInOutcome> {
  const claims: Record<string, string> = from.forwardedFor ? { 'x-forwarded-for': from.forwardedFor } : {};
  const csrf = await httpFrom(from.localAddress, `${consoleUrl}/api/auth/csrf`, { headers: claims });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const cookie = (csrf.headers['set-cookie'] ?? []).map((line) => line.split(';')[0]).join('; ');
  const answer = await httpFrom(from.localAddress, `${consoleUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { ...claims, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...credentials, csrfToken, callbackUrl: `${consoleUrl}/fleet` }).toString(),
  });
  const location = new URL(String(answer.headers.location ?? '/'), consoleUrl);
  const session = (answer.headers['set-cookie'] ?? []).find((line) =>
    line.startsWith('authjs.session-token='),
  );
  if (answer.status === 302 && !location.searchParams.has('error') && session) {
    return { outcome: 'signed-in', sessionCookie: session.split(';')[0] ?? '' };
  }
  return {
    outcome: 'refused',
    code: location.searchParams.get('code') ?? location.searchParams.get('error') ?? '',
  };
}
