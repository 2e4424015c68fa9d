import { INTERNAL_HEADER, signInternalRequest } from '@berth/api-contract/internal-request';
import { cookies, headers } from 'next/headers';
import { getPublicOrigin, getWebEnv } from '@/env';
import { clientAddressOf, type Vouch, vouchFor } from '@/lib/auth/client-address';
import { isSessionCookie } from '@/lib/auth/session-cookie';
import { type ApiClient, createApiClient } from './api-client';

/**
 * The browser behind the current request, as the API should see it: its address resolved
 * under TRUST_PROXY and signed for each call (never the X-Forwarded-For it sent), and its
 * User-Agent (the audit log records the browser behind a server action, not this server).
 */
async function forTheBrowser(): Promise<{ vouch: Vouch; userAgent: string | null; address?: string }> {
  const env = getWebEnv();
  const incoming = await headers();
  const address = clientAddressOf(incoming, env.TRUST_PROXY);
  return {
    vouch: vouchFor(address, env.AUTH_SECRET),
    userAgent: incoming.get('user-agent'),
    ...(address ? { address } : {}),
  };
}

/**
 * The API as the signed-in user, from server components and server actions: forwards the
 * session cookie, the console's Origin (the API's CSRF check for cookie-authenticated
 * writes), and speaks for the browser (its address, signed; its User-Agent).
 */
export async function getServerApi(): Promise<ApiClient> {
  const jar = await cookies();
  const cookie = jar
    .getAll()
    .filter((entry) => isSessionCookie(entry.name))
    .map((entry) => `${entry.name}=${entry.value}`)
    .join('; ');
  const browser = await forTheBrowser();
  return createApiClient({
    baseUrl: getWebEnv().API_INTERNAL_URL,
    headers: {
      origin: getPublicOrigin(),
      ...(cookie ? { cookie } : {}),
      ...(browser.userAgent ? { 'user-agent': browser.userAgent } : {}),
    },
    sign: browser.vouch,
  });
}

/** The API without a user (sign-in, sign-up, password reset): Origin and the browser's signed address. */
export async function getAnonymousApi(): Promise<ApiClient> {
  const browser = await forTheBrowser();
  return createApiClient({
    baseUrl: getWebEnv().API_INTERNAL_URL,
    headers: {
      origin: getPublicOrigin(),
      ...(browser.userAgent ? { 'user-agent': browser.userAgent } : {}),
    },
    sign: browser.vouch,
  });
}

/** The browser's address as resolved under TRUST_PROXY (what the console vouches for). */
export async function getClientAddress(): Promise<string | undefined> {
  return (await forTheBrowser()).address;
}

/**
 * The API's server-to-server endpoints (session registration, OIDC linking): every request
 * carries an `x-berth-internal` signature keyed from AUTH_SECRET, and the browser's address.
 */
export async function getInternalApi(): Promise<ApiClient> {
  const env = getWebEnv();
  const browser = await forTheBrowser();
  return createApiClient({
    baseUrl: env.API_INTERNAL_URL,
    headers: { origin: getPublicOrigin(env) },
    sign: (request) => ({
      ...browser.vouch(request),
      [INTERNAL_HEADER]: signInternalRequest(env.AUTH_SECRET, request),
    }),
  });
}
