import { errorResponses, ZInvitePageSchema, ZInviteQuerySchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listInvites } from '../../../services/identity/invites/list-invites.js';

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
        response: { 200: ZInvitePageSchema, ...errorResponses },
      },
    },
    async (request) =>
      listInvites(ctx, principalOf(request), {
        ...request.query,
        pendingOnly: request.query.status === 'pending',
      }),
  );
}
