/**
 * Auth.js's session cookie names. The API decrypts the console's session with AUTH_SECRET
 * using the cookie's name as the key-derivation salt, so both sides take the names from here
 * and they must stay Auth.js's defaults (`__Secure-` prefixed when served over https).
 */
export const SESSION_COOKIE = 'authjs.session-token';
export const SECURE_SESSION_COOKIE = '__Secure-authjs.session-token';
/** Secure first: the API reads the first one present. */
export const SESSION_COOKIE_NAMES = [SECURE_SESSION_COOKIE, SESSION_COOKIE] as const;
