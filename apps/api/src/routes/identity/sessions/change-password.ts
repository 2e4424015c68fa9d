import { errorResponses, ZChangePasswordSchema, ZNoContentSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { changePassword } from '../../../services/identity/auth/change-password.js';
import { signedInCallerOf } from '../../../services/identity/signed-in-caller.js';

/** PUT /api/v1/me/password — a new password; every other session is signed out. */
export function registerChangePassword(app: ApiApp, ctx: ApiContext): void {
  app.put(
    '/api/v1/me/password',
    {
      config: { access: 'signed-in', rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        summary: 'Change my password',
        tags: ['profile'],
        body: ZChangePasswordSchema,
        response: { 204: ZNoContentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      await changePassword(ctx, request, signedInCallerOf(request), request.body);
      return reply.code(204).send(null);
    },
  );
}
