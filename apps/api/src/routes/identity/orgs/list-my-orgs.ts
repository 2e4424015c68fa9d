import { errorResponses, ZMembershipPageSchema, ZPageQuerySchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { listMyOrgs } from '../../../services/identity/orgs/list-my-orgs.js';
import { signedInCallerOf } from '../../../services/identity/signed-in-caller.js';

/**
 * GET /api/v1/me/orgs — the organisations I may switch between. Switching is per request:
 * send `x-berth-org: <orgId>` (or keep `orgId` in the console's session).
 */
export function registerListMyOrgs(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/me/orgs',
    {
      config: { access: 'signed-in' },
      schema: {
        summary: 'List my organisations',
        tags: ['orgs'],
        querystring: ZPageQuerySchema,
        response: { 200: ZMembershipPageSchema, ...errorResponses },
      },
    },
    async (request) => listMyOrgs(ctx, signedInCallerOf(request).userId, request.query),
  );
}
