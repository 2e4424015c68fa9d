import { ZCheckParamsSchema, ZCheckResultsQuerySchema, ZCheckResultsSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { getCheckResults } from '../../../services/checks/get-check-results.js';

/** GET /api/v1/checks/:checkId/results — one check's runs over a time range. */
export function registerGetCheckResults(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/checks/:checkId/results',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'One check and its runs in a time range (default: the last 24 h), oldest first',
        tags: ['checks'],
        params: ZCheckParamsSchema,
        querystring: ZCheckResultsQuerySchema,
        response: { 200: ZCheckResultsSchema },
      },
    },
    async (request) => getCheckResults(ctx, principalOf(request), request.params.checkId, request.query),
  );
}
