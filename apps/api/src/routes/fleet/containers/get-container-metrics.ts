import { ZContainerMetricsSchema, ZContainerParamsSchema, ZMetricsQuerySchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { getContainerMetrics } from '../../../services/fleet/get-metrics.js';

/** GET /api/v1/hosts/:hostId/containers/:containerId/metrics?from&to&step&resolution */
export function registerGetContainerMetrics(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/hosts/:hostId/containers/:containerId/metrics',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Container chart: CPU, memory, network and block I/O rates over a time range',
        description:
          'Resolution by range: raw samples up to 6 h, 1-minute rollups up to 3 days, 1-hour rollups beyond ' +
          '(override with resolution=). At most 2,000 points; rates in bytes/s, null at a counter reset.',
        tags: ['metrics'],
        params: ZContainerParamsSchema,
        querystring: ZMetricsQuerySchema,
        response: { 200: ZContainerMetricsSchema },
      },
    },
    async (request) => {
      const { from, to, step, resolution } = request.query;
      return getContainerMetrics(ctx, principalOf(request), request.params, {
        from,
        to,
        stepSeconds: step,
        resolution,
      });
    },
  );
}
