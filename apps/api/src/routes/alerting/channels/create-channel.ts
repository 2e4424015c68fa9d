import {
  errorResponses,
  ZCreatedNotificationChannelSchema,
  ZNewNotificationChannelSchema,
} from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { createChannel } from '../../../services/alerting/channels/create-channel.js';

/** POST /api/v1/notification-channels — a channel; its secret fields come back this once. */
export function registerCreateChannel(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/api/v1/notification-channels',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Create a notification channel; its secret fields are returned this once',
        tags: ['notification-channels'],
        body: ZNewNotificationChannelSchema,
        response: { 201: ZCreatedNotificationChannelSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createChannel(ctx, request, principalOf(request), request.body)),
  );
}
