import { errorResponses, ZAlertAckSchema, ZAlertParamsSchema, ZAlertSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { acknowledgeAlert } from '../../../services/alerting/alerts/acknowledge-alert.js';

/** POST /api/v1/alerts/:alertId/ack — someone is on it (operators and up). */
export function registerAcknowledgeAlert(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/alerts/:alertId/ack',
    {
      config: { access: 'operator' },
      schema: {
        summary: 'Acknowledge an open alert',
        tags: ['alerts'],
        params: ZAlertParamsSchema,
        body: ZAlertAckSchema,
        response: { 200: ZAlertSchema, ...errorResponses },
      },
    },
    async (request) =>
      acknowledgeAlert(ctx, request, principalOf(request), request.params.alertId, {
        acknowledge: true,
        comment: request.body?.comment,
      }),
  );
}

/** DELETE /api/v1/alerts/:alertId/ack — take the acknowledgement back. */
export function registerUnacknowledgeAlert(app: ApiApp, ctx: ApiContext): void {
  app.delete(
    '/api/v1/alerts/:alertId/ack',
    {
      config: { access: 'operator' },
      schema: {
        summary: "Take back an alert's acknowledgement",
        tags: ['alerts'],
        params: ZAlertParamsSchema,
        response: { 200: ZAlertSchema, ...errorResponses },
      },
    },
    async (request) =>
      acknowledgeAlert(ctx, request, principalOf(request), request.params.alertId, { acknowledge: false }),
  );
}
