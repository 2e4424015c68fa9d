import { createHash, createHmac, hkdfSync } from 'node:crypto';

/**
 * The API's `x-berth-internal` signature for server-to-server calls from this back end
 * (session registration, OIDC linking): HMAC-SHA256 over `${t}.${METHOD}.${path}.${sha256(body)}`
 * with a key derived from AUTH_SECRET by HKDF (salt `berth-internal`, info
 * `x-berth-internal v1`). The secret never travels; the API accepts ±60 s of clock skew.
 */
export function signInternalRequest(
  authSecret: string,
  request: { method: string; path: string; body: string },
  now = Date.now(),
): string {
  const key = Buffer.from(hkdfSync('sha256', authSecret, 'berth-internal', 'x-berth-internal v1', 32));
  const timestamp = String(Math.floor(now / 1000));
  const digest = createHash('sha256').update(request.body).digest('hex');
  const signature = createHmac('sha256', key)
    .update(`${timestamp}.${request.method.toUpperCase()}.${request.path}.${digest}`)
    .digest('hex');
  return `v1,t=${timestamp},sig=${signature}`;
}

export const INTERNAL_HEADER = 'x-berth-internal';
