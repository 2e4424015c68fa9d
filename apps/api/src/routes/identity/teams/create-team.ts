import { errorResponses, ZNewTeamSchema, ZTeamSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { createTeam } from '../../../services/identity/teams/create-team.js';

/** POST /api/v1/teams — a team, optionally restricted to hosts by label selector. */
export function registerCreateTeam(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/teams',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Create a team',
        tags: ['teams'],
        body: ZNewTeamSchema,
        response: { 201: ZTeamSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const team = await createTeam(ctx, request, principalOf(request), request.body);
      return reply.code(201).send(team);
    },
  );
}
