import { ZHostMetricsSchema, ZHostParamsSchema, ZMetricsQuerySchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { getHostMetrics } from '../../../services/fleet/get-metrics.js';

/** GET /api/v1/hosts/:hostId/metrics?from&to&step&resolution — chart columns of one host. */
export function registerGetHostMetrics(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/hosts/:hostId/metrics',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Host chart: CPU, load, memory, disk and network rates over a time range',
        description:
          'Resolution by range: raw samples up to 6 h, 1-minute rollups up to 3 days, 1-hour rollups beyond ' +
          '(override with resolution=). At most 2,000 points; rates in bytes/s, null at a counter reset.',
        tags: ['metrics'],
        params: ZHostParamsSchema,
        querystring: ZMetricsQuerySchema,
        response: { 200: ZHostMetricsSchema },
      },
    },
    async (request) => {
      const { from, to, step, resolution } = request.query;
      return getHostMetrics(ctx, principalOf(request), request.params.hostId, {
        from,
        to,
        stepSeconds: step,
        resolution,
      });
    },
  );
}
