import { z } from 'zod';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listMembers } from '../../../services/identity/members/list-members.js';
import { pageSchema, ZPageQuerySchema } from '../../../services/pagination.js';
import { errorResponses, ZIsoDateSchema, ZRoleSchema } from '../schemas.js';

export const ZMemberSchema = z.object({
  userId: z.uuid(),
  email: z.string(),
  name: z.string().nullable(),
  role: ZRoleSchema,
  joinedAt: ZIsoDateSchema,
});

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
        response: { 200: pageSchema(ZMemberSchema), ...errorResponses },
      },
    },
    async (request) => listMembers(ctx, principalOf(request), request.query),
  );
}
