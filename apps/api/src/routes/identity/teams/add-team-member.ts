import { errorResponses, ZNoContentSchema, ZTeamMemberParamsSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { addTeamMember } from '../../../services/identity/teams/add-team-member.js';

/** PUT /api/v1/teams/:teamId/members/:userId — adds a member of the organisation (idempotent). */
export function registerAddTeamMember(app: ApiApp, ctx: ApiContext): void {
  app.put(
    '/api/v1/teams/:teamId/members/:userId',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Add a member to a team',
        tags: ['teams'],
        params: ZTeamMemberParamsSchema,
        response: { 204: ZNoContentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { teamId, userId } = request.params;
      await addTeamMember(ctx, request, principalOf(request), teamId, userId);
      return reply.code(204).send(null);
    },
  );
}
