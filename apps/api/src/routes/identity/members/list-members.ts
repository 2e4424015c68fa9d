import { errorResponses, ZMemberPageSchema, ZPageQuerySchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listMembers } from '../../../services/identity/members/list-members.js';

/** GET /api/v1/members — the organisation's members. */
export function registerListMembers(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/members',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'List members',
        tags: ['members'],
        querystring: ZPageQuerySchema,
        response: { 200: ZMemberPageSchema, ...errorResponses },
      },
    },
    async (request) => listMembers(ctx, principalOf(request), request.query),
  );
}
