import {
  errorResponses,
  ZPageQuerySchema,
  ZTeamMemberPageSchema,
  ZTeamParamsSchema,
} from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listTeamMembers } from '../../../services/identity/teams/list-team-members.js';

/** GET /api/v1/teams/:teamId/members — a team's members. */
export function registerListTeamMembers(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/teams/:teamId/members',
    {
      config: { access: 'viewer' },
      schema: {
        summary: "List a team's members",
        tags: ['teams'],
        params: ZTeamParamsSchema,
        querystring: ZPageQuerySchema,
        response: {
          200: ZTeamMemberPageSchema,
          ...errorResponses,
        },
      },
    },
    async (request) => listTeamMembers(ctx, principalOf(request), request.params.teamId, request.query),
  );
}
