import { ZHostCursorSchema, ZHostPageSchema, ZListHostsQuerySchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listHosts } from '../../../services/fleet/list-hosts.js';
import { decodeCursor } from '../../../services/pagination.js';

/** GET /api/v1/hosts — hosts by name with container counts by state and the newest sample. */
export function registerListHosts(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/hosts',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'List hosts with status, labels, container counts and the newest reading',
        tags: ['hosts'],
        querystring: ZListHostsQuerySchema,
        response: { 200: ZHostPageSchema },
      },
    },
    async (request) => {
      const { status, label, q, group, limit, cursor } = request.query;
      return listHosts(ctx, principalOf(request), {
        statuses: status,
        labels: label,
        q,
        groupIds: group,
        limit,
        after: decodeCursor(ZHostCursorSchema, cursor),
      });
    },
  );
}
