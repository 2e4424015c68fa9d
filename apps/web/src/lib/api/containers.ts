import {
  type ContainerDetail,
  type ContainerHealth,
  type ContainerSort,
  type ContainerState,
  type ContainerSummary,
  type Page,
  ZContainerDetailSchema,
  ZContainerSummaryPageSchema,
} from '@berth/api-contract';
import type { ApiClient } from './api-client';
import { hostPath } from './hosts';

/** A container as the fleet list shows it (inventory and current reading). */
export type Container = ContainerSummary;

export type ContainerQuery = {
  hostId?: string;
  /** `key=value` or `key`, on the container's labels. */
  label?: string[];
  hostLabel?: string[];
  state?: ContainerState[];
  health?: ContainerHealth[];
  image?: string;
  q?: string;
  /** Container group ids: members of any of them. */
  group?: string[];
  sort?: ContainerSort;
  order?: 'asc' | 'desc';
  cursor?: string;
  limit?: number;
};

/** GET /api/v1/containers — filtered, sorted, one page (repeatable parameters are sent repeated). */
export function listContainers(
  api: ApiClient,
  query: ContainerQuery,
  signal?: AbortSignal,
): Promise<Page<Container>> {
  const { label = [], hostLabel = [], state = [], health = [], group = [], ...single } = query;
  const repeated = [
    ...group.map((value) => ['group', value]),
    ...label.map((value) => ['label', value]),
    ...hostLabel.map((value) => ['hostLabel', value]),
    ...(state.length ? [['state', state.join(',')]] : []),
    ...(health.length ? [['health', health.join(',')]] : []),
  ];
  const search = new URLSearchParams(repeated);
  for (const [key, value] of Object.entries({ limit: 200, ...single })) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  return api.request({ path: `/api/v1/containers?${search}`, schema: ZContainerSummaryPageSchema, signal });
}

export type ContainerRef = { hostId: string; containerId: string };

export function containerPath({ hostId, containerId }: ContainerRef): string {
  return hostPath(hostId, `/containers/${encodeURIComponent(containerId)}`);
}

/** The console's page of a container. */
export function containerHref({ hostId, containerId }: ContainerRef): string {
  return `/hosts/${encodeURIComponent(hostId)}/containers/${encodeURIComponent(containerId)}`;
}

/** GET /api/v1/hosts/:hostId/containers/:containerId */
export function getContainer(api: ApiClient, ref: ContainerRef): Promise<ContainerDetail> {
  return api.request({ path: containerPath(ref), schema: ZContainerDetailSchema });
}
