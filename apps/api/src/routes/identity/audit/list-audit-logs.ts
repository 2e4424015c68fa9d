import { errorResponses, ZAuditLogPageSchema, ZAuditQuerySchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listAuditLogs } from '../../../services/identity/audit/list-audit-logs.js';

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
        response: { 200: ZAuditLogPageSchema, ...errorResponses },
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
