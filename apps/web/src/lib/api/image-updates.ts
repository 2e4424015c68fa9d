import {
  type CheckImageUpdates,
  type CheckImageUpdatesResult,
  type ImageUpdateList,
  type ListImageUpdatesQuery,
  ZCheckImageUpdatesResultSchema,
  ZImageUpdateListSchema,
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
