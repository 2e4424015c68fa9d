import {
  errorResponses,
  ZChannelTestResultSchema,
  ZNotificationChannelParamsSchema,
} from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { testChannel } from '../../../services/alerting/channels/test-channel.js';

/** POST /api/v1/notification-channels/:channelId/test — sends a test now, says how the receiver answered. */
export function registerTestChannel(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/notification-channels/:channelId/test',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Send a test notification now and report how the receiver answered',
        tags: ['notification-channels'],
        params: ZNotificationChannelParamsSchema,
        response: { 200: ZChannelTestResultSchema, ...errorResponses },
      },
    },
    async (request) => testChannel(ctx, request, principalOf(request), request.params.channelId),
  );
}
