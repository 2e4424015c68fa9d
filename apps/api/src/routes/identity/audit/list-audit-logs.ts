import { z } from 'zod';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listAuditLogs } from '../../../services/identity/audit/list-audit-logs.js';
import { pageSchema, ZPageQuerySchema } from '../../../services/pagination.js';
import { errorResponses, ZIsoDateSchema } from '../schemas.js';

export const ZAuditQuerySchema = ZPageQuerySchema.extend({
  /** Exact (`member.remove`) or a family (`member.*`). */
  action: z.string().max(100).optional(),
  actorUserId: z.uuid().optional(),
  actorTokenId: z.uuid().optional(),
  targetType: z.string().max(50).optional(),
  targetId: z.string().max(100).optional(),
  /** Inclusive. */
  from: z.iso.datetime().optional(),
  /** Exclusive. */
  to: z.iso.datetime().optional(),
});

export const ZAuditLogSchema = z.object({
  id: z.string(),
  action: z.string(),
  actorUserId: z.uuid().nullable(),
  actorTokenId: z.uuid().nullable(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  details: z.unknown(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: ZIsoDateSchema,
});

/** GET /api/v1/audit-logs — who did what, to what, when and from where; newest first. */
export function registerListAuditLogs(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/audit-logs',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'List the audit log',
        tags: ['audit'],
        querystring: ZAuditQuerySchema,
        response: { 200: pageSchema(ZAuditLogSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { from, to, ...rest } = request.query;
      return listAuditLogs(ctx, principalOf(request), {
        ...rest,
        from: from ? new Date(from) : undefined,
        to: to ? new Date(to) : undefined,
      });
    },
  );
}
