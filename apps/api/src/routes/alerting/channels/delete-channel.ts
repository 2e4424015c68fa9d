import { errorResponses, ZNoContentSchema, ZNotificationChannelParamsSchema } from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { deleteChannel } from '../../../services/alerting/channels/delete-channel.js';

/** DELETE /api/v1/notification-channels/:channelId */
export function registerDeleteChannel(app: ApiApp, ctx: ApiContext): void {
  app.delete(
    '/api/v1/notification-channels/:channelId',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Delete a notification channel',
        tags: ['notification-channels'],
        params: ZNotificationChannelParamsSchema,
        response: { 204: ZNoContentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteChannel(ctx, request, principalOf(request), request.params.channelId);
      return reply.code(204).send(null);
    },
  );
}
