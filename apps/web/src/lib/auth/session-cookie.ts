/**
 * Auth.js's session cookie. The API decrypts it with AUTH_SECRET using the cookie's name as
 * the key-derivation salt, so the names must stay Auth.js's defaults (apps/api
 * auth/session-cookie.ts lists the same two).
 */
export const SESSION_COOKIE = 'authjs.session-token';
export const SECURE_SESSION_COOKIE = '__Secure-authjs.session-token';
export const SESSION_COOKIE_NAMES: readonly string[] = [SESSION_COOKIE, SECURE_SESSION_COOKIE];

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
