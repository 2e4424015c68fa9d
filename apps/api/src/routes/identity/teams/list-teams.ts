import { errorResponses, ZPageQuerySchema, ZTeamPageSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listTeams } from '../../../services/identity/teams/list-teams.js';

/** GET /api/v1/teams — the organisation's teams. */
export function registerListTeams(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/teams',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'List teams',
        tags: ['teams'],
        querystring: ZPageQuerySchema,
        response: { 200: ZTeamPageSchema, ...errorResponses },
      },
    },
    async (request) => listTeams(ctx, principalOf(request), request.query),
  );
}
