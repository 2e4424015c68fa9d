import { errorResponses, ZNoContentSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { leaveOrg } from '../../../services/identity/members/leave-org.js';

/** POST /api/v1/org/leave — I leave the organisation I act in (not as its last owner). */
export function registerLeaveOrg(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/org/leave',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Leave this organisation',
        tags: ['orgs'],
        response: { 204: ZNoContentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      await leaveOrg(ctx, request, principalOf(request));
      return reply.code(204).send(null);
    },
  );
}
