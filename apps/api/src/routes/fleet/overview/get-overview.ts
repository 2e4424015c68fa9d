import { ZOverviewSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { getOverview } from '../../../services/fleet/get-overview.js';

/** GET /api/v1/overview — the fleet at a glance. */
export function registerGetOverview(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/overview',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Fleet overview: hosts and containers by status, top 10 by CPU and memory, totals',
        tags: ['overview'],
        response: { 200: ZOverviewSchema },
      },
    },
    async (request) => getOverview(ctx, principalOf(request)),
  );
}
