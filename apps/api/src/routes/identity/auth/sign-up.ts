import { errorResponses, ZSignedInUserSchema, ZSignUpSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { signUp } from '../../../services/identity/auth/sign-up.js';

/** POST /api/v1/auth/sign-up — a new account and its own organisation, or one joined by invite. */
export function registerSignUp(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/auth/sign-up',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        summary: 'Create an account (and an organisation, unless joining by invite)',
        tags: ['auth'],
        security: [],
        body: ZSignUpSchema,
        response: { 201: ZSignedInUserSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await signUp(ctx, request, request.body);
      return reply.code(201).send(created);
    },
  );
}
