import { z } from 'zod';
import type { ApiApp, ApiContext } from '../../context.js';
import { principalOf } from '../../plugins/access-control.js';
import { toActionView, ZActionSchema } from '../../services/actions/action-schemas.js';
import { visibleHostFilter } from '../../services/identity/visible-host-filter.js';
import { inOrg } from '../../services/in-org.js';
import {
  decodeCursor,
  pageOf,
  pageSchema,
  ZPageQuerySchema,
  ZTimeIdCursorSchema,
} from '../../services/pagination.js';

const ZQuerySchema = ZPageQuerySchema.extend({
  hostId: z.uuid().optional(),
  containerId: z
    .string()
    .regex(/^[0-9a-f]{12}$/)
    .optional(),
  status: z.enum(['queued', 'sent', 'running', 'succeeded', 'failed', 'timed_out', 'rejected']).optional(),
  verb: z.string().max(32).optional(),
});

/** GET /api/v1/actions — newest first, filtered by host, container, status or verb. */
export function registerListActions(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/actions',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'List actions',
        tags: ['actions'],
        querystring: ZQuerySchema,
        response: { 200: pageSchema(ZActionSchema) },
      },
    },
    async (request) => {
      const { limit, cursor, hostId, containerId, status, verb } = request.query;
      const after = decodeCursor(ZTimeIdCursorSchema, cursor);
      const principal = principalOf(request);
      const rows = await inOrg(ctx, principal, async (tx) =>
        tx.action.findMany({
          where: {
            host: await visibleHostFilter(tx, principal),
            hostId,
            containerShortId: containerId,
            status,
            verb,
            ...(after
              ? {
                  OR: [
                    { createdAt: { lt: new Date(after[0]) } },
                    { createdAt: new Date(after[0]), id: { lt: after[1] } },
                  ],
                }
              : {}),
          },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          take: limit + 1,
        }),
      );
      return pageOf(rows, limit, (row) => [row.createdAt.toISOString(), row.id], toActionView);
    },
  );
}
