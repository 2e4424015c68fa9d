import { ZCheckPageSchema, ZListChecksQuerySchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listChecks } from '../../../services/checks/list-checks.js';

/** GET /api/v1/checks — health checks with their latest run, uptime and latency. */
export function registerListChecks(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/checks',
    {
      config: { access: 'viewer' },
      schema: {
        summary:
          'Health checks (filters: host, container name, latest status): latest run, uptime 24 h / 7 d, latency p50 / p95',
        tags: ['checks'],
        querystring: ZListChecksQuerySchema,
        response: { 200: ZCheckPageSchema },
      },
    },
    async (request) => listChecks(ctx, principalOf(request), request.query),
  );
}
