import { errorResponses, ZNoContentSchema, ZPasswordResetSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { resetPassword } from '../../../services/identity/auth/reset-password.js';

/** POST /api/v1/auth/password-reset/confirm — sets a new password with a reset link's token (once). */
export function registerResetPassword(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/auth/password-reset/confirm',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        summary: 'Set a new password with a reset link',
        tags: ['auth'],
        security: [],
        body: ZPasswordResetSchema,
        response: { 204: ZNoContentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      await resetPassword(ctx, request, request.body);
      return reply.code(204).send(null);
    },
  );
}
