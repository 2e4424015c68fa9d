import { cookies, headers } from 'next/headers';
import { getPublicOrigin, getWebEnv } from '@/env';
import { isSessionCookie } from '@/lib/auth/session-cookie';
import { type ApiClient, createApiClient } from './api-client';
import { INTERNAL_HEADER, signInternalRequest } from './sign-internal-request';

/**
 * The API as the signed-in user, from server components and server actions: forwards the
 * session cookie, the console's Origin (the API's CSRF check for cookie-authenticated
 * writes), the client's address (the API's per-client rate limits) and its User-Agent.
 */
export async function getServerApi(): Promise<ApiClient> {
  const jar = await cookies();
  const incoming = await headers();
  const cookie = jar
    .getAll()
    .filter((entry) => isSessionCookie(entry.name))
    .map((entry) => `${entry.name}=${entry.value}`)
    .join('; ');
  const forwardedFor = incoming.get('x-forwarded-for');
  // The audit log records the browser behind a server action, not this server.
  const userAgent = incoming.get('user-agent');
  return createApiClient({
    baseUrl: getWebEnv().API_INTERNAL_URL,
    headers: {
      origin: getPublicOrigin(),
      ...(cookie ? { cookie } : {}),
      ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
      ...(userAgent ? { 'user-agent': userAgent } : {}),
    },
  });
}

/** The API without a user (sign-in, sign-up, password reset): only Origin and client address. */
export function getAnonymousApi(forwardedFor?: string | null): ApiClient {
  return createApiClient({
    baseUrl: getWebEnv().API_INTERNAL_URL,
    headers: {
      origin: getPublicOrigin(),
      ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
    },
  });
}

/**
 * The API's server-to-server endpoints (session registration, OIDC linking): every request
 * carries an `x-berth-internal` signature keyed from AUTH_SECRET.
 */
export function getInternalApi(): ApiClient {
  const env = getWebEnv();
  return createApiClient({
    baseUrl: env.API_INTERNAL_URL,
    headers: { origin: getPublicOrigin(env) },
    sign: (request) => ({ [INTERNAL_HEADER]: signInternalRequest(env.AUTH_SECRET, request) }),
  });
}
