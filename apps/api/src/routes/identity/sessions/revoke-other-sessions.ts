import { errorResponses, ZRevokedSessionsSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { revokeOtherSessions } from '../../../services/identity/sessions/revoke-other-sessions.js';
import { signedInCallerOf } from '../../../services/identity/signed-in-caller.js';

/** POST /api/v1/me/sessions/revoke-others — signs out everywhere but here. */
export function registerRevokeOtherSessions(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/me/sessions/revoke-others',
    {
      config: { access: 'signed-in' },
      schema: {
        summary: 'Revoke all my other sessions',
        tags: ['profile'],
        response: { 200: ZRevokedSessionsSchema, ...errorResponses },
      },
    },
    async (request) => revokeOtherSessions(ctx, request, signedInCallerOf(request)),
  );
}
