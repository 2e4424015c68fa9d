import { errorResponses, ZNoContentSchema, ZTeamParamsSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { deleteTeam } from '../../../services/identity/teams/delete-team.js';

/** DELETE /api/v1/teams/:teamId — deletes a team (its members stay in the organisation). */
export function registerDeleteTeam(app: ApiApp, ctx: ApiContext): void {
  app.delete(
    '/api/v1/teams/:teamId',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Delete a team',
        tags: ['teams'],
        params: ZTeamParamsSchema,
        response: { 204: ZNoContentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteTeam(ctx, request, principalOf(request), request.params.teamId);
      return reply.code(204).send(null);
    },
  );
}
