import { errorResponses, ZNotificationChannelPageSchema, ZPageQuerySchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listChannels } from '../../../services/alerting/channels/list-channels.js';

/** GET /api/v1/notification-channels — the organisation's channels, secrets left sealed. */
export function registerListChannels(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/notification-channels',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'List notification channels',
        tags: ['notification-channels'],
        querystring: ZPageQuerySchema,
        response: { 200: ZNotificationChannelPageSchema, ...errorResponses },
      },
    },
    async (request) => listChannels(ctx, principalOf(request), request.query),
  );
}
