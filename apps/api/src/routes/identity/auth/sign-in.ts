import { errorResponses, ZPasswordSignInSchema, ZSignInSchema } from '@berth/api-contract';
import { AppError } from '@berth/http';
import { z } from 'zod';
import type { ApiApp, ApiContext } from '../../../context.js';
import { signIn } from '../../../services/identity/auth/sign-in.js';

/**
 * POST /api/v1/auth/sign-in — the console's Auth.js Credentials provider checks e-mail and
 * password here. Limited per client address (20 a minute) and throttled per account and
 * client (growing delays; docs/security.md); wrong answers are one generic 401, a throttled
 * attempt is 429 with Retry-After. The answer carries a new device token for the browser.
 */
export function registerSignIn(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/auth/sign-in',
    {
      config: { access: 'public', rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: {
        summary: 'Check an e-mail and password (for the console’s sign-in)',
        tags: ['auth'],
        security: [],
        body: ZSignInSchema,
        response: { 200: ZPasswordSignInSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      try {
        return await signIn(ctx, request, request.body);
      } catch (error) {
        const retryAfterS = error instanceof AppError ? retryAfterOf(error.details) : undefined;
        if (retryAfterS) reply.header('retry-after', String(retryAfterS));
        throw error;
      }
    },
  );
}

function retryAfterOf(details: unknown): number | undefined {
  const parsed = z.object({ retryAfterS: z.number().int().positive() }).safeParse(details);
  return parsed.success ? parsed.data.retryAfterS : undefined;
}
