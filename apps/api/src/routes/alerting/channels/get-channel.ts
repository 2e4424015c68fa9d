import {
  errorResponses,
  ZNotificationChannelParamsSchema,
  ZNotificationChannelSchema,
} from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { getChannel } from '../../../services/alerting/channels/list-channels.js';

/** GET /api/v1/notification-channels/:channelId — one channel, without its secrets. */
export function registerGetChannel(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/notification-channels/:channelId',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Get a notification channel (secrets are not returned)',
        tags: ['notification-channels'],
        params: ZNotificationChannelParamsSchema,
        response: { 200: ZNotificationChannelSchema, ...errorResponses },
      },
    },
    async (request) => getChannel(ctx, principalOf(request), request.params.channelId),
  );
}
