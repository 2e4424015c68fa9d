import { Readable } from 'node:stream';
import { digestBody, INTERNAL_HEADER, isValidInternalSignature } from '@berth/api-contract/internal-request';
import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';

export { INTERNAL_HEADER };

/**
 * Server-to-server calls from the web console's back end (Auth.js callbacks) carry an
 * `x-berth-internal` signature over method, path and body; the scheme lives in the contract
 * (`@berth/api-contract/internal-request`), shared with the console that signs.
 */
const bodyDigests = new WeakMap<FastifyRequest, string>();

/** Route `preParsing` hook: digests the raw body before JSON parsing (the signature covers its bytes). */
export async function digestRawBody(request: FastifyRequest, _reply: unknown, payload: Readable) {
  const chunks: Buffer[] = [];
  for await (const chunk of payload) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  const raw = Buffer.concat(chunks);
  bodyDigests.set(request, digestBody(raw));
  return Readable.from([raw]);
}

/** Refuses (401) a request without a fresh, valid internal signature. */
export function verifyInternalRequest(request: FastifyRequest, authSecret: string, now = Date.now()): void {
  const path = request.url.split('?')[0] ?? request.url;
  const bodyDigest = bodyDigests.get(request) ?? digestBody('');
  const header = request.headers[INTERNAL_HEADER];
  if (!isValidInternalSignature(authSecret, header, { method: request.method, path, bodyDigest }, now)) {
    throw new AppError('unauthorised', 'this endpoint is for the web console only');
  }
}
