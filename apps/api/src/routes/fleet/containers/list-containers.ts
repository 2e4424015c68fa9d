import { ZContainerSummaryPageSchema, ZListContainersQuerySchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listContainers } from '../../../services/fleet/list-containers.js';

/** GET /api/v1/containers — every container of the fleet, filtered, sorted, paginated. */
export function registerListContainers(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/containers',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'List containers across hosts (filters, sort by name, cpu, memory, state, host, restarts)',
        description:
          '`current` is the newest 1-minute average of the last ~3 minutes (null when the container is not reporting). ' +
          'Removed containers are left out unless includeRemoved=1.',
        tags: ['containers'],
        querystring: ZListContainersQuerySchema,
        response: { 200: ZContainerSummaryPageSchema },
      },
    },
    async (request) => {
      const query = request.query;
      const descending = query.sort === 'cpu' || query.sort === 'memory' || query.sort === 'restarts';
      return listContainers(ctx, principalOf(request), {
        filters: {
          hostId: query.hostId,
          labels: query.label,
          hostLabels: query.hostLabel,
          states: query.state,
          health: query.health,
          image: query.image,
          q: query.q,
          includeRemoved: query.includeRemoved,
          groupIds: query.group,
        },
        sort: query.sort,
        order: query.order ?? (descending ? 'desc' : 'asc'),
        cursor: query.cursor,
        limit: query.limit,
      });
    },
  );
}
