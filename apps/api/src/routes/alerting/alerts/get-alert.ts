import { errorResponses, ZAlertDetailSchema, ZAlertParamsSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { getAlert } from '../../../services/alerting/alerts/get-alert.js';

/** GET /api/v1/alerts/:alertId — the alert and its history. */
export function registerGetAlert(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/alerts/:alertId',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Get an alert with its history (state changes, acknowledgements, notifications)',
        tags: ['alerts'],
        params: ZAlertParamsSchema,
        response: { 200: ZAlertDetailSchema, ...errorResponses },
      },
    },
    async (request) => getAlert(ctx, principalOf(request), request.params.alertId),
  );
}
