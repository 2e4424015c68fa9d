import { type Host, ZDeletedHostSchema, ZHostPageSchema, ZHostSchema } from '@berth/api-contract';
import type { ApiClient } from './api-client';
import { hostPath } from './hosts';
import { pageQuery, readAllPages } from './pagination';

/**
 * Host management (settings): rename, labels, revoke, delete, and the host list behind it and
 * behind host filters and names on the history pages.
 */
export type ManagedHost = Host;

/** GET /api/v1/hosts — every host visible to the caller, by name (up to 2,000). */
export function listManagedHosts(api: ApiClient): Promise<ManagedHost[]> {
  return readAllPages(
    (cursor) =>
      api.request({
        path: '/api/v1/hosts',
        query: pageQuery({ limit: 200, cursor }),
        schema: ZHostPageSchema,
      }),
    10,
  );
}

/** PATCH /api/v1/hosts/:hostId — the display name; the agent's hostname stays as reported. */
export async function renameHost(api: ApiClient, hostId: string, name: string): Promise<void> {
  await api.request({ method: 'PATCH', path: hostPath(hostId), body: { name }, schema: ZHostSchema });
}

/** PUT /api/v1/hosts/:hostId/labels — replaces them all (team restrictions follow). */
export async function setHostLabels(
  api: ApiClient,
  hostId: string,
  labels: Record<string, string>,
): Promise<void> {
  await api.request({
    method: 'PUT',
    path: hostPath(hostId, '/labels'),
    body: { labels },
    schema: ZHostSchema,
  });
}

/** POST /api/v1/hosts/:hostId/revoke — the agent is disconnected and refused from now on. */
export async function revokeHost(api: ApiClient, hostId: string): Promise<void> {
  await api.request({ method: 'POST', path: hostPath(hostId, '/revoke'), schema: ZHostSchema });
}

/** DELETE /api/v1/hosts/:hostId — the host with all its data, time series included. */
export async function deleteHost(api: ApiClient, hostId: string): Promise<void> {
  await api.request({ method: 'DELETE', path: hostPath(hostId), schema: ZDeletedHostSchema });
}
