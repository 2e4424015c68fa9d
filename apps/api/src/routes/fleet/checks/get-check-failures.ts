import { ZCheckFailuresQuerySchema, ZCheckFailuresSchema, ZCheckParamsSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { getCheckFailures } from '../../../services/checks/get-check-failures.js';

/** GET /api/v1/checks/:checkId/failures — the check's newest down runs with their error. */
export function registerGetCheckFailures(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/checks/:checkId/failures',
    {
      config: { access: 'viewer' },
      schema: {
        summary: "One check's newest down runs (last 31 days), newest first, with their error text",
        tags: ['checks'],
        params: ZCheckParamsSchema,
        querystring: ZCheckFailuresQuerySchema,
        response: { 200: ZCheckFailuresSchema },
      },
    },
    async (request) => getCheckFailures(ctx, principalOf(request), request.params.checkId, request.query),
  );
}
