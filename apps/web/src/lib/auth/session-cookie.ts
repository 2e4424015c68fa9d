import { SECURE_SESSION_COOKIE, SESSION_COOKIE, SESSION_COOKIE_NAMES } from '@berth/api-contract';

/** Auth.js's session cookie; its names are in the contract, which the API reads them from too. */
export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/**
 * Auth.js splits a cookie above ~4 KB into `name.0`, `name.1`, …; the API reads only the
 * whole one, which our small token never exceeds. Chunks are forwarded all the same.
 */
export function isSessionCookie(name: string): boolean {
  return SESSION_COOKIE_NAMES.some((base) => name === base || name.startsWith(`${base}.`));
}
