import {
  type ChannelTestResult,
  type NewNotificationChannel,
  type NotificationChannel,
  type NotificationChannelChange,
  type Page,
  ZChannelTestResultSchema,
  ZCreatedNotificationChannelSchema,
  ZNoContentSchema,
  ZNotificationChannelPageSchema,
  ZNotificationChannelSchema,
} from '@berth/api-contract';
import type { ApiClient } from './api-client';
import { type PageRequest, pageQuery } from './pagination';

/** Notification channels (where alerts go). Shapes are the contract's. */
export type { ChannelTestResult, NotificationChannel } from '@berth/api-contract';

/** GET /api/v1/notification-channels — secrets are never in it. */
export function listChannels(api: ApiClient, page: PageRequest = {}): Promise<Page<NotificationChannel>> {
  return api.request({
    path: '/api/v1/notification-channels',
    query: pageQuery({ limit: 100, ...page }),
    schema: ZNotificationChannelPageSchema,
  });
}

/** POST /api/v1/notification-channels (admins) — the answer is the only one with the secrets. */
export function createChannel(api: ApiClient, input: NewNotificationChannel) {
  return api.request({
    method: 'POST',
    path: '/api/v1/notification-channels',
    body: input,
    schema: ZCreatedNotificationChannelSchema,
  });
}

/** PATCH /api/v1/notification-channels/:id (admins) — secret fields left out are kept. */
export function updateChannel(
  api: ApiClient,
  channelId: string,
  change: NotificationChannelChange,
): Promise<NotificationChannel> {
  return api.request({
    method: 'PATCH',
    path: `/api/v1/notification-channels/${encodeURIComponent(channelId)}`,
    body: change,
    schema: ZNotificationChannelSchema,
  });
}

/** DELETE /api/v1/notification-channels/:id (admins). */
export async function deleteChannel(api: ApiClient, channelId: string): Promise<void> {
  await api.request({
    method: 'DELETE',
    path: `/api/v1/notification-channels/${encodeURIComponent(channelId)}`,
    schema: ZNoContentSchema,
  });
}

/** POST /api/v1/notification-channels/:id/test (admins) — sends now, says how it went. */
export function testChannel(api: ApiClient, channelId: string): Promise<ChannelTestResult> {
  return api.request({
    method: 'POST',
    path: `/api/v1/notification-channels/${encodeURIComponent(channelId)}/test`,
    schema: ZChannelTestResultSchema,
  });
}
