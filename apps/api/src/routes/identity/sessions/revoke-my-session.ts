import { errorResponses, ZNoContentSchema, ZSessionParamsSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { revokeUserSession } from '../../../services/identity/sessions/revoke-user-session.js';
import { signedInCallerOf } from '../../../services/identity/signed-in-caller.js';

/** DELETE /api/v1/me/sessions/:sessionId — signs one of my sessions out. */
export function registerRevokeMySession(app: ApiApp, ctx: ApiContext): void {
  app.delete(
    '/api/v1/me/sessions/:sessionId',
    {
      config: { access: 'signed-in' },
      schema: {
        summary: 'Revoke one of my sessions',
        tags: ['profile'],
        params: ZSessionParamsSchema,
        response: { 204: ZNoContentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      await revokeUserSession(ctx, request, signedInCallerOf(request), request.params.sessionId);
      return reply.code(204).send(null);
    },
  );
}
