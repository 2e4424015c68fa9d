import { errorResponses, ZNoContentSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { revokeUserSession } from '../../../services/identity/sessions/revoke-user-session.js';
import { signedInCallerOf } from '../../../services/identity/signed-in-caller.js';

/** POST /api/v1/auth/sign-out — ends the calling session: its cookie is refused from now on. */
export function registerSignOut(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/auth/sign-out',
    {
      config: { access: 'signed-in' },
      schema: {
        summary: 'Sign out (revoke this session)',
        tags: ['auth'],
        response: { 204: ZNoContentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const caller = signedInCallerOf(request);
      await revokeUserSession(ctx, request, caller, caller.sessionId);
      return reply.code(204).send(null);
    },
  );
}
