import { ZCheckParamsSchema, ZCheckSeriesQuerySchema, ZCheckSeriesSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { getCheckSeries } from '../../../services/checks/get-check-series.js';

/** GET /api/v1/checks/:checkId/series — one check's latency chart. */
export function registerGetCheckSeries(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/checks/:checkId/series',
    {
      config: { access: 'viewer' },
      schema: {
        summary:
          "One check's latency and runs per bin (raw up to 6 h, 1-minute rollups up to 3 days, 1-hour beyond)",
        tags: ['checks'],
        params: ZCheckParamsSchema,
        querystring: ZCheckSeriesQuerySchema,
        response: { 200: ZCheckSeriesSchema },
      },
    },
    async (request) => getCheckSeries(ctx, principalOf(request), request.params.checkId, request.query),
  );
}
