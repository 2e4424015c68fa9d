import { errorResponses, ZAlertListQuerySchema, ZAlertPageSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listAlerts } from '../../../services/alerting/alerts/list-alerts.js';

/** GET /api/v1/alerts — open alerts by default, newest first, with the silences that hold them. */
export function registerListAlerts(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/alerts',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'List alerts (open by default) by state, severity, rule, host or container',
        tags: ['alerts'],
        querystring: ZAlertListQuerySchema,
        response: { 200: ZAlertPageSchema, ...errorResponses },
      },
    },
    async (request) => listAlerts(ctx, principalOf(request), request.query),
  );
}
