import { z } from 'zod';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listContainers } from '../../../services/fleet/list-containers.js';
import { pageSchema, ZPageQuerySchema } from '../../../services/pagination.js';
import { listParam, ZFlagSchema, ZHostIdSchema, ZLabelSelectorsSchema } from '../schemas/common-schemas.js';
import { CONTAINER_HEALTH, CONTAINER_STATES, ZContainerSummarySchema } from '../schemas/container-schemas.js';

export const ZListContainersQuerySchema = ZPageQuerySchema.extend({
  hostId: ZHostIdSchema.optional(),
  /** `key=value` or `key` on the container's (Docker) labels; repeatable, all must match. */
  label: ZLabelSelectorsSchema,
  /** `key=value` or `key` on the host's labels; repeatable. */
  hostLabel: ZLabelSelectorsSchema,
  state: listParam(CONTAINER_STATES),
  health: listParam(CONTAINER_HEALTH),
  /** Substring of the image reference. */
  image: z.string().min(1).max(300).optional(),
  /** Substring of the container name. */
  q: z.string().min(1).max(200).optional(),
  includeRemoved: ZFlagSchema,
  sort: z.enum(['name', 'cpu', 'memory', 'state', 'host', 'restarts']).default('name'),
  /** Default: ascending for name, state and host; descending for cpu, memory and restarts. */
  order: z.enum(['asc', 'desc']).optional(),
});

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
        response: { 200: pageSchema(ZContainerSummarySchema) },
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
        },
        sort: query.sort,
        order: query.order ?? (descending ? 'desc' : 'asc'),
        cursor: query.cursor,
        limit: query.limit,
      });
    },
  );
}
