import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * Server-to-server calls from the web console's back end (Auth.js callbacks) carry
 *   x-berth-internal: v1,t=<unix seconds>,sig=<hex HMAC-SHA256(key, `${t}.${METHOD}.${path}.${sha256hex(body)}`)>
 * where key = HKDF-SHA256(AUTH_SECRET, salt "berth-internal", info "x-berth-internal v1", 32 bytes).
 * The secret itself never travels; a signature binds the exact body, method and path and is
 * accepted for 60 s either side of the API's clock, so a leaked header is worth little.
 * A subpath of its own (`@berth/api-contract/internal-request`): it needs node:crypto, which
 * browser bundles of the contract must not pull in.
 */
export const INTERNAL_HEADER = 'x-berth-internal';
const MAX_SKEW_S = 60;
const HEADER = /^v1,t=(\d{1,12}),sig=([0-9a-f]{64})$/;

function signature(authSecret: string, timestamp: string, method: string, path: string, bodyDigest: string) {
  const key = Buffer.from(hkdfSync('sha256', authSecret, 'berth-internal', 'x-berth-internal v1', 32));
  return createHmac('sha256', key)
    .update(`${timestamp}.${method.toUpperCase()}.${path}.${bodyDigest}`)
    .digest('hex');
}

/** sha256 hex of the exact body bytes the signature covers. */
export function digestBody(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

/** The header value for a request (what the web console sends; tests use it too). */
export function signInternalRequest(
  authSecret: string,
  request: { method: string; path: string; body: string },
  now = Date.now(),
): string {
  const timestamp = String(Math.floor(now / 1000));
  return `v1,t=${timestamp},sig=${signature(authSecret, timestamp, request.method, request.path, digestBody(request.body))}`;
}

/** True when `header` is a fresh, valid signature of this method, path and body digest. */
export function isValidInternalSignature(
  authSecret: string,
  header: unknown,
  request: { method: string; path: string; bodyDigest: string },
  now = Date.now(),
): boolean {
  const match = typeof header === 'string' ? HEADER.exec(header) : null;
  const timestamp = match?.[1];
  const given = match?.[2];
  if (!timestamp || !given || Math.abs(now / 1000 - Number(timestamp)) > MAX_SKEW_S) return false;
  const expected = Buffer.from(
    signature(authSecret, timestamp, request.method, request.path, request.bodyDigest),
  );
  return timingSafeEqual(expected, Buffer.from(given));
}
