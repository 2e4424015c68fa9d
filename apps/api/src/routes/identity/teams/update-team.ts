import { errorResponses, ZTeamChangeSchema, ZTeamParamsSchema, ZTeamSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { updateTeam } from '../../../services/identity/teams/update-team.js';

/** PATCH /api/v1/teams/:teamId — rename, or restrict to hosts (`hostSelector: {}` lifts it). */
export function registerUpdateTeam(app: ApiApp, ctx: ApiContext): void {
  app.patch(
    '/api/v1/teams/:teamId',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Rename a team or change its host selector',
        tags: ['teams'],
        params: ZTeamParamsSchema,
        body: ZTeamChangeSchema,
        response: { 200: ZTeamSchema, ...errorResponses },
      },
    },
    async (request) => updateTeam(ctx, request, principalOf(request), request.params.teamId, request.body),
  );
}
