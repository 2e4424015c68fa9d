import { z } from 'zod';
import type { ApiApp, ApiContext } from '../../context.js';
import { principalOf } from '../../plugins/access-control.js';
import { toActionView, ZActionSchema } from '../../services/actions/action-schemas.js';
import { inOrg } from '../../services/in-org.js';
import { decodeCursor, encodeCursor, pageOf, ZPageQuerySchema } from '../../services/pagination.js';

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
        response: { 200: pageOf(ZActionSchema) },
      },
    },
    async (request) => {
      const { limit, cursor, hostId, containerId, status, verb } = request.query;
      const after = cursor ? decodeCursor(cursor, 2) : null;
      const rows = await inOrg(ctx, principalOf(request), (tx) =>
        tx.action.findMany({
          where: {
            hostId,
            containerShortId: containerId,
            status,
            verb,
            ...(after
              ? {
                  OR: [
                    { createdAt: { lt: new Date(String(after[0])) } },
                    { createdAt: new Date(String(after[0])), id: { lt: String(after[1]) } },
                  ],
                }
              : {}),
          },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          take: limit + 1,
        }),
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(toActionView),
        nextCursor:
          rows.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
      };
    },
  );
}
