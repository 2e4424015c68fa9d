import { errorResponses, ZAlertCountsSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { countAlerts } from '../../../services/alerting/alerts/count-alerts.js';

/** GET /api/v1/alerts/counts — the console's bell. */
export function registerCountAlerts(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/alerts/counts',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Count open alerts by state and firing ones by severity',
        tags: ['alerts'],
        response: { 200: ZAlertCountsSchema, ...errorResponses },
      },
    },
    async (request) => countAlerts(ctx, principalOf(request)),
  );
}
