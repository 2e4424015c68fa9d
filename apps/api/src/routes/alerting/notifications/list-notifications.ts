import {
  errorResponses,
  ZNotificationListQuerySchema,
  ZNotificationRecordPageSchema,
} from '@berth/api-contract';
import type { ApiApp, ApiContext } from '../../../context.js';
import { principalOf } from '../../../plugins/access-control.js';
import { listNotifications } from '../../../services/alerting/notifications/list-notifications.js';

/**
 * GET /api/v1/alert-notifications — what was sent where, newest first; everyone in the
 * organisation reads it (channels shown by name and redacted target, never their secrets).
 */
export function registerListNotifications(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/alert-notifications',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'List sent and pending alert notifications by channel, delivery state or alert',
        tags: ['alerts'],
        querystring: ZNotificationListQuerySchema,
        response: { 200: ZNotificationRecordPageSchema, ...errorResponses },
      },
    },
    async (request) => listNotifications(ctx, principalOf(request), request.query),
  );
}
