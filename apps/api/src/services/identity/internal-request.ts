import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { Readable } from 'node:stream';
import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';

/**
 * Server-to-server calls from the web console's back end (Auth.js callbacks) carry
 *   x-berth-internal: v1,t=<unix seconds>,sig=<hex HMAC-SHA256(key, `${t}.${METHOD}.${path}.${sha256hex(body)}`)>
 * where key = HKDF-SHA256(AUTH_SECRET, salt "berth-internal", info "x-berth-internal v1", 32 bytes).
 * The secret itself never travels; a signature binds the exact body, method and path and
 * is accepted for 60 s either side of the API's clock, so a leaked header is worth little.
 */
export const INTERNAL_HEADER = 'x-berth-internal';
const MAX_SKEW_S = 60;
const HEADER = /^v1,t=(\d{1,12}),sig=([0-9a-f]{64})$/;

const bodyDigests = new WeakMap<FastifyRequest, string>();

function internalKey(authSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', authSecret, 'berth-internal', 'x-berth-internal v1', 32));
}

function signature(authSecret: string, timestamp: string, method: string, path: string, bodyDigest: string) {
  return createHmac('sha256', internalKey(authSecret))
    .update(`${timestamp}.${method.toUpperCase()}.${path}.${bodyDigest}`)
    .digest('hex');
}

/** The header value for a request (what the web console computes; tests use it too). */
export function signInternalRequest(
  authSecret: string,
  request: { method: string; path: string; body: string },
  now = Date.now(),
): string {
  const timestamp = String(Math.floor(now / 1000));
  const digest = createHash('sha256').update(request.body).digest('hex');
  return `v1,t=${timestamp},sig=${signature(authSecret, timestamp, request.method, request.path, digest)}`;
}

/** Route `preParsing` hook: digests the raw body before JSON parsing (the signature covers its bytes). */
export async function digestRawBody(request: FastifyRequest, _reply: unknown, payload: Readable) {
  const chunks: Buffer[] = [];
  for await (const chunk of payload) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  const raw = Buffer.concat(chunks);
  bodyDigests.set(request, createHash('sha256').update(raw).digest('hex'));
  return Readable.from([raw]);
}

/** Refuses (401) a request without a fresh, valid internal signature. */
export function verifyInternalRequest(request: FastifyRequest, authSecret: string, now = Date.now()): void {
  const header = request.headers[INTERNAL_HEADER];
  const match = typeof header === 'string' ? HEADER.exec(header) : null;
  const digest = bodyDigests.get(request) ?? createHash('sha256').update('').digest('hex');
  const timestamp = match?.[1];
  const given = match?.[2];
  if (!timestamp || !given || Math.abs(now / 1000 - Number(timestamp)) > MAX_SKEW_S) {
    throw new AppError('unauthorised', 'this endpoint is for the web console only');
  }
  const path = request.url.split('?')[0] ?? request.url;
  const expected = Buffer.from(signature(authSecret, timestamp, request.method, path, digest));
  if (!timingSafeEqual(expected, Buffer.from(given))) {
    throw new AppError('unauthorised', 'this endpoint is for the web console only');
  }
}
