import {
  type Host,
  type HostDetail,
  type Page,
  ZHostDetailSchema,
  ZHostPageSchema,
} from '@berth/api-contract';
import type { ApiClient } from './api-client';
import { pageQuery } from './pagination';

/** The API's maximum page size. */
export const HOSTS_PAGE = 200;

/** GET /api/v1/hosts — one page of the org's hosts by name. */
export function listHostsPage(
  api: ApiClient,
  { cursor, limit = HOSTS_PAGE }: { cursor?: string | null; limit?: number } = {},
  signal?: AbortSignal,
): Promise<Page<Host>> {
  return api.request({
    path: '/api/v1/hosts',
    query: pageQuery({ limit, cursor }),
    schema: ZHostPageSchema,
    signal,
  });
}

/** GET /api/v1/hosts/:id — with its checks config state. */
export function getHost(api: ApiClient, hostId: string, signal?: AbortSignal): Promise<HostDetail> {
  return api.request({ path: hostPath(hostId), schema: ZHostDetailSchema, signal });
}

export function hostPath(hostId: string, rest = ''): string {
  return `/api/v1/hosts/${encodeURIComponent(hostId)}${rest}`;
}
