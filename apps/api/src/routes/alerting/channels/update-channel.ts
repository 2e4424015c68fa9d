import {
  errorResponses,
  ZNotificationChannelChangeSchema,
  ZNotificationChannelParamsSchema,
  ZNotificationChannelSchema,
} from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { updateChannel } from '../../../services/alerting/channels/update-channel.js';

/** PATCH /api/v1/notification-channels/:channelId — secret fields left out keep their values. */
export function registerUpdateChannel(app: ApiApp, ctx: ApiContext): void {
  app.patch(
    '/api/v1/notification-channels/:channelId',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Rename, enable or disable, or change fields (secret fields left out are kept)',
        tags: ['notification-channels'],
        params: ZNotificationChannelParamsSchema,
        body: ZNotificationChannelChangeSchema,
        response: { 200: ZNotificationChannelSchema, ...errorResponses },
      },
    },
    async (request) =>
      updateChannel(ctx, request, principalOf(request), request.params.channelId, request.body),
  );
}
