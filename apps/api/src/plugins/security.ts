import { createHash } from 'node:crypto';
import { addressBucket } from '@berth/config';
import { AppError } from '@berth/http';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { resolveRequestClientAddress } from '../auth/client-address.js';
import type { ApiApp, ApiContext } from '../context.js';

/**
 * The client's address first (everything below keys on it), then security headers, CORS
 * locked to the console's origin, cookies, and rate limits keyed per API token (hash of the
 * bearer) or per client address (IPv6 per /64) — before any database work.
 */
export async function registerSecurity(app: ApiApp, ctx: ApiContext): Promise<void> {
  app.decorateRequest('clientAddress', '');
  app.addHook('onRequest', async (request) => {
    resolveRequestClientAddress(request, ctx.settings);
  });
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
    hsts: ctx.settings.production,
  });
  await app.register(cors, { origin: ctx.settings.consoleOrigin, credentials: true });
  await app.register(rateLimit, {
    global: true,
    max: (request) => (request.headers.authorization ? 600 : 300),
    timeWindow: 60_000,
    keyGenerator: (request) => {
      const authorization = request.headers.authorization;
      return authorization
        ? `token:${createHash('sha256').update(authorization).digest('hex')}`
        : `ip:${addressBucket(resolveRequestClientAddress(request, ctx.settings))}`;
    },
    // Thrown by the plugin: an AppError reaches the error handler as `{ error: { code, message } }`
    // (a plain object lost its message there, and failed routes' 429 response schemas).
    errorResponseBuilder: (_request, context) =>
      new AppError(
        'rate_limited',
        `rate limit of ${context.max} requests exceeded; retry in ${Math.ceil(context.ttl / 1000)} s`,
      ),
  });
}
