import {
  type NotificationListQuery,
  type NotificationRecord,
  type NotificationState,
  type Page,
  ZNotificationRecordPageSchema,
} from '@berth/api-contract';
import type { ApiClient } from './api-client';

/** The notification history. Shapes are the contract's. */
export type { NotificationRecord, NotificationState } from '@berth/api-contract';

type NotificationFilters = {
  channelId?: string | undefined;
  state?: readonly NotificationState[];
  alertId?: string | undefined;
  cursor?: string | null | undefined;
  limit?: number;
};

/** GET /api/v1/alert-notifications — newest first. */
export function listNotifications(
  api: ApiClient,
  filters: NotificationFilters = {},
): Promise<Page<NotificationRecord>> {
  const query: Record<string, string | number | undefined> = {
    channelId: filters.channelId,
    state: filters.state?.length ? filters.state.join(',') : undefined,
    alertId: filters.alertId,
    cursor: filters.cursor ?? undefined,
    limit: filters.limit ?? 50,
  } satisfies Partial<Record<keyof NotificationListQuery, unknown>>;
  return api.request({ path: '/api/v1/alert-notifications', query, schema: ZNotificationRecordPageSchema });
}
