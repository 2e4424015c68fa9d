import {
  type NotificationRecord,
  type ZNotificationListQuerySchema,
  ZTimeUuidCursorSchema,
} from '@berth/api-contract';
import { listNotifications as queryNotifications } from '@berth/db/queries';
import type { z } from 'zod';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { hostScopeOf } from '../../fleet/host-scope.js';
import { inOrg } from '../../in-org.js';
import { decodeCursor, type Page, pageOf } from '../../pagination.js';
import { notificationView } from './notification-view.js';

type ListQuery = z.output<typeof ZNotificationListQuerySchema>;

/**
 * The notification history newest first, keyset paged by (createdAt, id), under the caller's
 * organisation (RLS) and host scope (messages about hosts they may not see are left out).
 */
export async function listNotifications(
  ctx: ApiContext,
  principal: Principal,
  query: ListQuery,
): Promise<Page<NotificationRecord>> {
  const after = decodeCursor(ZTimeUuidCursorSchema, query.cursor);
  return inOrg(ctx, principal, async (tx) => {
    const rows = await queryNotifications(tx, {
      orgId: principal.orgId,
      scope: await hostScopeOf(tx, principal),
      channelId: query.channelId,
      states: query.state,
      alertId: query.alertId,
      after: after ? { createdAt: new Date(after[0]), id: after[1] } : null,
      limit: query.limit + 1,
    });
    return pageOf(rows, query.limit, (row) => [row.createdAt.toISOString(), row.id], notificationView);
  });
}
