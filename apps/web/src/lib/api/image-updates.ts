import {
  type CheckImageUpdates,
  type CheckImageUpdatesResult,
  type ImageUpdateList,
  type ImageUpdateSettings,
  type ImageUpdateSettingsChange,
  type ListImageUpdatesQuery,
  ZCheckImageUpdatesResultSchema,
  ZImageUpdateListSchema,
  ZImageUpdateSettingsSchema,
} from '@berth/api-contract';
import type { ApiClient } from './api-client';

/** GET /api/v1/image-updates — every image reference the fleet runs with its latest check. */
export function listImageUpdates(
  api: ApiClient,
  query: ListImageUpdatesQuery = {},
  signal?: AbortSignal,
): Promise<ImageUpdateList> {
  return api.request({
    path: '/api/v1/image-updates',
    query: query.status ? { status: query.status } : undefined,
    schema: ZImageUpdateListSchema,
    signal,
  });
}

/** POST /api/v1/image-updates/check — make the checks due now (operators). */
export function checkImageUpdatesNow(
  api: ApiClient,
  body: CheckImageUpdates = {},
): Promise<CheckImageUpdatesResult> {
  return api.request({
    method: 'POST',
    path: '/api/v1/image-updates/check',
    body,
    schema: ZCheckImageUpdatesResultSchema,
  });
}

/** GET /api/v1/image-update-settings — the organisation's check interval (null: the server's default). */
export function getImageUpdateSettings(api: ApiClient): Promise<ImageUpdateSettings> {
  return api.request({ path: '/api/v1/image-update-settings', schema: ZImageUpdateSettingsSchema });
}

/** PUT /api/v1/image-update-settings — admins. */
export function setImageUpdateSettings(
  api: ApiClient,
  body: ImageUpdateSettingsChange,
): Promise<ImageUpdateSettings> {
  return api.request({
    method: 'PUT',
    path: '/api/v1/image-update-settings',
    body,
    schema: ZImageUpdateSettingsSchema,
  });
}
