import type { ContainerHealth, ContainerSort, ContainerState } from '@berth/api-contract';
import type { Container } from '@/lib/api/containers';
import type { SortOrder } from './host-rows';

export type ContainerFilter = {
  q: string;
  states: ContainerState[];
  health: ContainerHealth[];
  image: string;
};

export const EMPTY_CONTAINER_FILTER: ContainerFilter = { q: '', states: [], health: [], image: '' };

/** The API's filters, applied in the browser to a host's containers (all already loaded). */
export function filterContainers(
  containers: readonly Container[],
  filter: ContainerFilter,
): readonly Container[] {
  const q = filter.q.trim().toLowerCase();
  const image = filter.image.trim().toLowerCase();
  if (!q && !image && !filter.states.length && !filter.health.length) return containers;
  return containers.filter(
    (container) =>
      (!q || container.name.toLowerCase().includes(q)) &&
      (!image || container.image.toLowerCase().includes(image)) &&
      (!filter.states.length || filter.states.includes(container.state)) &&
      (!filter.health.length || filter.health.includes(container.health)),
  );
}

/** The API's default direction: names ascending, measures descending (busiest first). */
export function defaultOrder(sort: ContainerSort): SortOrder {
  return sort === 'cpu' || sort === 'memory' || sort === 'restarts' ? 'desc' : 'asc';
}

const STATE_RANK: Record<ContainerState, number> = {
  running: 0,
  restarting: 1,
  paused: 2,
  created: 3,
  removing: 4,
  exited: 5,
  dead: 6,
};

function sortValue(container: Container, sort: ContainerSort): number | string | null {
  switch (sort) {
    case 'name':
      return container.name.toLowerCase();
    case 'host':
      return container.hostName.toLowerCase();
    case 'state':
      return STATE_RANK[container.state];
    case 'cpu':
      return container.current?.cpuPct ?? null;
    case 'memory':
      return container.current?.memBytes ?? null;
    case 'restarts':
      return container.restartCount;
  }
}

/** A sorted copy; containers without a reading go last either way, ties by name. */
export function sortContainers(
  containers: readonly Container[],
  sort: ContainerSort,
  order: SortOrder,
): Container[] {
  const sign = order === 'asc' ? 1 : -1;
  return containers
    .map((container) => ({ container, value: sortValue(container, sort) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) {
        if (a.value !== b.value) return a.value === null ? 1 : -1;
      } else if (a.value !== b.value) {
        return (a.value < b.value ? -1 : 1) * sign;
      }
      return a.container.name.localeCompare(b.container.name);
    })
    .map((entry) => entry.container);
}

/** Milliseconds since the container started, while it runs (null otherwise). */
export function uptimeMs(container: Pick<Container, 'state' | 'startedAt'>, now: number): number | null {
  if (container.state !== 'running' && container.state !== 'paused') return null;
  if (!container.startedAt) return null;
  return Math.max(0, now - Date.parse(container.startedAt));
}
