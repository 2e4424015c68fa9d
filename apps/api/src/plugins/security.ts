import { createHash } from 'node:crypto';
import { AppError } from '@berth/http';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { ApiApp, ApiContext } from '../context.js';

/**
 * Security headers, CORS locked to the console's origin, cookies, and rate limits keyed
 * per API token (hash of the bearer) or per client address — before any database work.
 */
export async function registerSecurity(app: ApiApp, ctx: ApiContext): Promise<void> {
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
        : `ip:${request.ip}`;
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
