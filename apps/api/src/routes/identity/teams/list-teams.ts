import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listTeams } from '../../../services/identity/teams/list-teams.js';
import { pageSchema, ZPageQuerySchema } from '../../../services/pagination.js';
import { errorResponses } from '../schemas.js';
import { ZTeamSchema } from './team-schemas.js';

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
        response: { 200: pageSchema(ZTeamSchema), ...errorResponses },
      },
    },
    async (request) => listTeams(ctx, principalOf(request), request.query),
  );
}
