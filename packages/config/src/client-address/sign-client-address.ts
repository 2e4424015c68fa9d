import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { normaliseAddress } from './normalise-address.js';

/**
 * The web console speaks for the browser it serves: it determines the browser's address
 * (resolveClientAddress under its own TRUST_PROXY) and sends it to the API as
 *   x-berth-client: v1,t=<unix seconds>,a=<address>,sig=<hex HMAC-SHA256(key, `${t}.${a}.${METHOD}.${path}`)>
 * with key = HKDF-SHA256(AUTH_SECRET, salt "berth-client-address", info "x-berth-client v1").
 * Only holders of AUTH_SECRET (the console, the API) can make one; the API ignores the header
 * when the signature, the method, the path or the ±60 s window does not match, and then uses
 * its own peer. The key is separate from the internal-request key, so neither signature can
 * stand in for the other.
 */
export const CLIENT_ADDRESS_HEADER = 'x-berth-client';
const MAX_SKEW_S = 60;
const FORMAT = /^v1,t=(\d{1,12}),a=([0-9A-Fa-f.:]{2,45}),sig=([0-9a-f]{64})$/;

const keys = new Map<string, Buffer>();

function keyOf(authSecret: string): Buffer {
  let key = keys.get(authSecret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', authSecret, 'berth-client-address', 'x-berth-client v1', 32));
    keys.set(authSecret, key);
  }
  return key;
}

function mac(authSecret: string, timestamp: string, address: string, method: string, path: string): string {
  return createHmac('sha256', keyOf(authSecret))
    .update(`${timestamp}.${address}.${method.toUpperCase()}.${path}`)
    .digest('hex');
}

export type SignedRequest = { method: string; path: string };

/** The header value vouching that `address` is the client of this request (method + path, no query). */
export function signClientAddress(
  authSecret: string,
  address: string,
  request: SignedRequest,
  now = Date.now(),
): string {
  const timestamp = String(Math.floor(now / 1000));
  return `v1,t=${timestamp},a=${address},sig=${mac(authSecret, timestamp, address, request.method, request.path)}`;
}

/** The vouched-for address, or undefined for a missing, malformed, stale or forged header. */
export function verifyClientAddress(
  authSecret: string,
  header: string | readonly string[] | undefined,
  request: SignedRequest,
  now = Date.now(),
): string | undefined {
  const match = typeof header === 'string' ? FORMAT.exec(header) : null;
  const [, timestamp, address, given] = match ?? [];
  if (!timestamp || !address || !given) return undefined;
  if (Math.abs(now / 1000 - Number(timestamp)) > MAX_SKEW_S) return undefined;
  if (normaliseAddress(address) !== address) return undefined;
  const expected = Buffer.from(mac(authSecret, timestamp, address, request.method, request.path));
  return timingSafeEqual(expected, Buffer.from(given)) ? address : undefined;
}
