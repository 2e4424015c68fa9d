import { z } from 'zod';
import type { ApiApp, ApiContext } from '../../../context.js';
import { signIn } from '../../../services/identity/auth/sign-in.js';
import { errorResponses, ZEmailSchema, ZSignedInUserSchema } from '../schemas.js';

export const ZSignInSchema = z.object({ email: ZEmailSchema, password: z.string().min(1).max(200) });

/**
 * POST /api/v1/auth/sign-in — the console's Auth.js Credentials provider checks e-mail and
 * password here. Limited per client address (X-Forwarded-For from the console) and per
 * account (lockout); every refusal is the same 401.
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
        response: { 200: ZSignedInUserSchema, ...errorResponses },
      },
    },
    async (request) => signIn(ctx, request.body),
  );
}
