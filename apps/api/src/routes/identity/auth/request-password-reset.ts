import {
  errorResponses,
  ZPasswordResetAcceptedSchema,
  ZPasswordResetRequestSchema,
} from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { requestPasswordReset } from '../../../services/identity/auth/request-password-reset.js';

/** POST /api/v1/auth/password-reset — mails a reset link if the account exists; always 202. */
export function registerRequestPasswordReset(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/auth/password-reset',
    {
      config: { access: 'public', rateLimit: { max: 5, timeWindow: 60_000 } },
      schema: {
        summary: 'E-mail a password-reset link',
        tags: ['auth'],
        security: [],
        body: ZPasswordResetRequestSchema,
        response: { 202: ZPasswordResetAcceptedSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(ctx, request, request.body.email);
      return reply.code(202).send({ accepted: true as const });
    },
  );
}
