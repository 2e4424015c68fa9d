import { CLIENT_ADDRESS_HEADER, resolveClientAddress, TRUST_NONE, verifyClientAddress } from '@berth/config';
import type { FastifyRequest } from 'fastify';
import type { ApiSettings } from '../context.js';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The client's address: the console's signed word for its browser, else the socket's
     * peer or the right-most untrusted X-Forwarded-For hop (TRUST_PROXY). What rate limits,
     * the sign-in throttle, sessions and the audit log see. Never Fastify's `request.ip`.
     */
    clientAddress: string;
  }
}

/** Stands in for a socket that has already gone (no peer address left to read). */
const UNKNOWN = '0.0.0.0';

/**
 * Decides (once per request) and records `request.clientAddress`. A valid `x-berth-client`
 * signature (the web console speaking for the browser it serves, see @berth/config's
 * signClientAddress) wins; an unsigned or invalid one is ignored, never an error, because
 * the browser's own requests through a proxy are just as legitimate without it.
 */
export function resolveRequestClientAddress(
  request: FastifyRequest,
  settings: Pick<ApiSettings, 'authSecret' | 'trustProxy'>,
): string {
  if (request.clientAddress) return request.clientAddress;
  const path = request.url.split('?')[0] ?? request.url;
  const vouched = verifyClientAddress(settings.authSecret, request.headers[CLIENT_ADDRESS_HEADER], {
    method: request.method,
    path,
  });
  request.clientAddress =
    vouched ??
    resolveClientAddress({
      peer: request.socket.remoteAddress,
      forwardedFor: request.headers['x-forwarded-for'],
      trust: settings.trustProxy ?? TRUST_NONE,
    }) ??
    UNKNOWN;
  return request.clientAddress;
}
