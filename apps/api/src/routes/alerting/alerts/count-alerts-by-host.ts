import { errorResponses, ZAlertCountsByHostQuerySchema, ZAlertCountsByHostSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { countAlertsByHost } from '../../../services/alerting/alerts/count-alerts-by-host.js';

/** GET /api/v1/alerts/counts/by-host — the badges on the fleet, host and container pages. */
export function registerCountAlertsByHost(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/alerts/counts/by-host',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Count open alerts per host and per container of each host',
        tags: ['alerts'],
        querystring: ZAlertCountsByHostQuerySchema,
        response: { 200: ZAlertCountsByHostSchema, ...errorResponses },
      },
    },
    async (request) => countAlertsByHost(ctx, principalOf(request), request.query.hostId),
  );
}
