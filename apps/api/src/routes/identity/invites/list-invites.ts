import { z } from 'zod';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listInvites } from '../../../services/identity/invites/list-invites.js';
import { pageSchema, ZPageQuerySchema } from '../../../services/pagination.js';
import { errorResponses } from '../schemas.js';
import { ZInviteSchema } from './invite-schemas.js';

export const ZInviteQuerySchema = ZPageQuerySchema.extend({
  status: z.enum(['pending', 'all']).default('all'),
});

/** GET /api/v1/invites — the organisation's invites (`?status=pending` for live ones). */
export function registerListInvites(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/invites',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'List invites',
        tags: ['members'],
        querystring: ZInviteQuerySchema,
        response: { 200: pageSchema(ZInviteSchema), ...errorResponses },
      },
    },
    async (request) =>
      listInvites(ctx, principalOf(request), {
        ...request.query,
        pendingOnly: request.query.status === 'pending',
      }),
  );
}
