import { z } from 'zod';
import type { ApiApp, ApiContext } from '../../../context.js';
import { listUserSessions } from '../../../services/identity/sessions/list-user-sessions.js';
import { signedInCallerOf } from '../../../services/identity/signed-in-caller.js';
import { pageSchema, ZPageQuerySchema } from '../../../services/pagination.js';
import { errorResponses, ZIsoDateSchema } from '../schemas.js';

export const ZSessionSchema = z.object({
  id: z.string(),
  current: z.boolean(),
  createdAt: ZIsoDateSchema,
  lastSeenAt: ZIsoDateSchema,
  expiresAt: ZIsoDateSchema,
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
});

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
        response: { 200: pageSchema(ZSessionSchema), ...errorResponses },
      },
    },
    async (request) => listUserSessions(ctx, signedInCallerOf(request), request.query),
  );
}
