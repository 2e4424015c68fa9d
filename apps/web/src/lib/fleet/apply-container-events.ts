import {
  CONTAINER_HEALTH,
  CONTAINER_STATES,
  type ContainerHealth,
  type ContainerState,
} from '@berth/api-contract';
import type { Container } from '@/lib/api/containers';
import type { LiveEvent } from '@/lib/api/live-stream';

export type ContainerEventsResult = {
  containers: Container[];
  /** An event named a container the list does not hold (new, or renamed): refetch the list. */
  reload: boolean;
};

const key = (hostId: string, containerId: string) => `${hostId}/${containerId}`;

function asState(value: string, fallback: ContainerState): ContainerState {
  return (CONTAINER_STATES as readonly string[]).includes(value) ? (value as ContainerState) : fallback;
}

function asHealth(value: string, fallback: ContainerHealth): ContainerHealth {
  return (CONTAINER_HEALTH as readonly string[]).includes(value) ? (value as ContainerHealth) : fallback;
}

/**
 * Applies a batch of live events to a containers table: state and health changes, removals,
 * the newest CPU and memory readings. Untouched rows keep their identity.
 * `inScope` says whether a container belongs to this list at all (a host page ignores the others).
 */
export function applyContainerEvents(
  containers: readonly Container[],
  events: readonly LiveEvent[],
  inScope: (hostId: string) => boolean = () => true,
): ContainerEventsResult {
  const index = new Map(containers.map((container, i) => [key(container.hostId, container.containerId), i]));
  const next: (Container | null)[] = containers.slice();
  let reload = false;
  for (const event of events) {
    if (event.type === 'reset') reload = true;
    if (event.type === 'container.state' && inScope(event.hostId)) {
      const at = index.get(key(event.hostId, event.containerId));
      const current = at === undefined ? null : next[at];
      if (at === undefined || !current) {
        if (!event.removed) reload = true;
        continue;
      }
      if (event.removed) {
        next[at] = null;
        continue;
      }
      const state = asState(event.state, current.state);
      next[at] = {
        ...current,
        name: event.name || current.name,
        state,
        health: asHealth(event.health, current.health),
        startedAt:
          state === 'running' && current.state !== 'running' && current.state !== 'paused'
            ? event.at
            : current.startedAt,
        current: state === 'running' || state === 'paused' ? current.current : null,
      };
    }
    if (event.type === 'samples' && inScope(event.hostId)) {
      for (const sample of event.containers) {
        const at = index.get(key(event.hostId, sample.containerId));
        const current = at === undefined ? null : next[at];
        if (at === undefined || !current) continue;
        next[at] = {
          ...current,
          current: {
            sampledAt: event.at,
            cpuPct: sample.cpuPct,
            memBytes: sample.memBytes,
            memLimit: sample.memLimit,
          },
        };
      }
    }
  }
  return { containers: next.filter((container): container is Container => container !== null), reload };
}
