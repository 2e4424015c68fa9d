import { errorResponses, ZPageQuerySchema, ZSessionPageSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { listUserSessions } from '../../../services/identity/sessions/list-user-sessions.js';
import { signedInCallerOf } from '../../../services/identity/signed-in-caller.js';

/** GET /api/v1/me/sessions — my signed-in sessions (profile → sessions). */
export function registerListMySessions(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/me/sessions',
    {
      config: { access: 'signed-in' },
      schema: {
        summary: 'List my sessions',
        tags: ['profile'],
        querystring: ZPageQuerySchema,
        response: { 200: ZSessionPageSchema, ...errorResponses },
      },
    },
    async (request) => listUserSessions(ctx, signedInCallerOf(request), request.query),
  );
}
