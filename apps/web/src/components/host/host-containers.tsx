'use client';

import type { ContainerSort } from '@berth/api-contract';
import { useCallback, useMemo, useRef, useState } from 'react';
import { ContainerFilters } from '@/components/container/container-filters';
import { ContainersTable } from '@/components/container/containers-table';
import fleetStyles from '@/components/fleet/fleet.module.css';
import { browserApi } from '@/lib/api/browser-api';
import { type Container, listContainers } from '@/lib/api/containers';
import { useLiveEventBatches } from '@/lib/api/live-stream';
import { readAllPages } from '@/lib/api/pagination';
import { applyContainerEvents } from '@/lib/fleet/apply-container-events';
import {
  type ContainerFilter,
  defaultOrder,
  EMPTY_CONTAINER_FILTER,
  filterContainers,
  sortContainers,
} from '@/lib/fleet/container-rows';
import type { SortOrder } from '@/lib/fleet/host-rows';

/** The containers of one host: every one loaded, filtered and sorted here, kept live. */
export function HostContainers({
  hostId,
  hostName,
  initial,
  outdated = [],
}: {
  hostId: string;
  hostName: string;
  initial: Container[];
  /** `hostId/containerId` of containers with an image update. */
  outdated?: readonly string[];
}) {
  const outdatedSet = useMemo(() => new Set(outdated), [outdated]);
  const [containers, setContainers] = useState(initial);
  const [filter, setFilter] = useState<ContainerFilter>(EMPTY_CONTAINER_FILTER);
  const [sort, setSort] = useState<ContainerSort>('name');
  const [order, setOrder] = useState<SortOrder>('asc');
  const current = useRef(containers);
  current.current = containers;

  const reload = useCallback(async () => {
    setContainers(
      await readAllPages(
        (cursor) => listContainers(browserApi, { hostId, cursor: cursor ?? undefined }),
        Number.POSITIVE_INFINITY,
      ),
    );
  }, [hostId]);

  useLiveEventBatches((events) => {
    const result = applyContainerEvents(current.current, events, (id) => id === hostId);
    setContainers(result.containers);
    if (result.reload) reload().catch(() => undefined);
  });

  const shown = useMemo(
    () => sortContainers(filterContainers(containers, filter), sort, order),
    [containers, filter, sort, order],
  );

  function onSort(column: ContainerSort) {
    if (column === sort) setOrder(order === 'asc' ? 'desc' : 'asc');
    else {
      setSort(column);
      setOrder(defaultOrder(column));
    }
  }

  return (
    <section aria-label={`Containers on ${hostName}`}>
      <div className={fleetStyles.toolbar}>
        <ContainerFilters value={filter} onChange={setFilter} />
        <span className={fleetStyles.count} aria-live="polite">
          {shown.length === containers.length
            ? `${containers.length} containers`
            : `${shown.length} of ${containers.length} containers`}
        </span>
      </div>
      {shown.length ? (
        <ContainersTable
          containers={shown}
          sort={sort}
          order={order}
          onSort={onSort}
          caption={`Containers on ${hostName}`}
          outdated={outdatedSet}
        />
      ) : (
        <p className={fleetStyles.noMatch}>
          {containers.length ? 'No container matches these filters.' : 'No containers on this host.'}
        </p>
      )}
    </section>
  );
}
