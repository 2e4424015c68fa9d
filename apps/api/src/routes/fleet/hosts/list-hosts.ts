import { z } from 'zod';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listHosts } from '../../../services/fleet/list-hosts.js';
import { decodeCursor, pageSchema, ZPageQuerySchema } from '../../../services/pagination.js';
import { listParam, ZLabelSelectorsSchema } from '../schemas/common-schemas.js';
import { ZHostSchema } from '../schemas/host-schemas.js';

export const ZListHostsQuerySchema = ZPageQuerySchema.extend({
  /** online, offline, pending (not revoked), or revoked; repeatable. */
  status: listParam(['online', 'offline', 'pending', 'revoked']),
  /** `key=value` or `key` on the host's labels; repeatable (all must match). */
  label: ZLabelSelectorsSchema,
  /** Substring of the name or hostname. */
  q: z.string().min(1).max(200).optional(),
});

const ZHostCursorSchema = z.tuple([z.string(), z.uuid()]);

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
        response: { 200: pageSchema(ZHostSchema) },
      },
    },
    async (request) => {
      const { status, label, q, limit, cursor } = request.query;
      return listHosts(ctx, principalOf(request), {
        statuses: status,
        labels: label,
        q,
        limit,
        after: decodeCursor(ZHostCursorSchema, cursor),
      });
    },
  );
}
