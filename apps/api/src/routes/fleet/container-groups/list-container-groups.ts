import { errorResponses, ZContainerGroupPageSchema, ZPageQuerySchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listContainerGroups } from '../../../services/fleet/container-groups/list-container-groups.js';

/** GET /api/v1/container-groups — the organisation's container groups with member counts. */
export function registerListContainerGroups(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/container-groups',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'List container groups',
        description: '`memberCount` counts members on hosts the caller may see.',
        tags: ['container-groups'],
        querystring: ZPageQuerySchema,
        response: { 200: ZContainerGroupPageSchema, ...errorResponses },
      },
    },
    async (request) => listContainerGroups(ctx, principalOf(request), request.query),
  );
}
