import { z } from 'zod';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { updateTeam } from '../../../services/identity/teams/update-team.js';
import { errorResponses } from '../schemas.js';
import { ZHostSelectorSchema, ZTeamNameSchema, ZTeamParamsSchema, ZTeamSchema } from './team-schemas.js';

export const ZTeamChangeSchema = z
  .object({ name: ZTeamNameSchema.optional(), hostSelector: ZHostSelectorSchema.optional() })
  .refine((change) => change.name !== undefined || change.hostSelector !== undefined, 'nothing to change');

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
