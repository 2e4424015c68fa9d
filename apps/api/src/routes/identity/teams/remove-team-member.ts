import { errorResponses, ZNoContentSchema, ZTeamMemberParamsSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { removeTeamMember } from '../../../services/identity/teams/remove-team-member.js';

/** DELETE /api/v1/teams/:teamId/members/:userId — takes a user out of a team. */
export function registerRemoveTeamMember(app: ApiApp, ctx: ApiContext): void {
  app.delete(
    '/api/v1/teams/:teamId/members/:userId',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Remove a member from a team',
        tags: ['teams'],
        params: ZTeamMemberParamsSchema,
        response: { 204: ZNoContentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { teamId, userId } = request.params;
      await removeTeamMember(ctx, request, principalOf(request), teamId, userId);
      return reply.code(204).send(null);
    },
  );
}
