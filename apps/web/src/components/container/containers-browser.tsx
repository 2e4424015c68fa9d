'use client';

import type { CONTAINER_HEALTH, CONTAINER_STATES, ContainerSort } from '@berth/api-contract';
import { useRouter } from 'next/navigation';
import { useMemo, useRef, useState } from 'react';
import { HealthOptions, StateOptions } from '@/components/container/container-filters';
import { ContainersTable } from '@/components/container/containers-table';
import fleetStyles from '@/components/fleet/fleet.module.css';
import { Button } from '@/components/ui/button';
import { browserApi } from '@/lib/api/browser-api';
import type { GroupChip } from '@/lib/api/container-groups';
import { type Container, type ContainerQuery, listContainers } from '@/lib/api/containers';
import { useLiveEventBatches } from '@/lib/api/live-stream';
import type { Page } from '@/lib/api/pagination';
import { applyContainerEvents } from '@/lib/fleet/apply-container-events';
import { containerQueryToSearch } from '@/lib/fleet/container-query';
import { defaultOrder } from '@/lib/fleet/container-rows';
import { formatLabelSelector, parseLabelSelector } from '@/lib/fleet/label-selector';

type ContainersBrowserProps = {
  query: ContainerQuery;
  firstPage: Page<Container>;
  hosts: { id: string; name: string }[];
  groups: GroupChip[];
  /** `hostId/containerId` of containers with an image update (a badge beside the name). */
  outdated?: readonly string[];
};

/**
 * Every container of the fleet with the API's filters and sort (kept in the URL, so a
 * filtered view can be shared), 200 per page, kept live from the stream.
 */
export function ContainersBrowser({
  query,
  firstPage,
  hosts,
  groups,
  outdated = [],
}: ContainersBrowserProps) {
  const outdatedSet = useMemo(() => new Set(outdated), [outdated]);
  const router = useRouter();
  const [containers, setContainers] = useState(firstPage.items);
  const [cursor, setCursor] = useState(firstPage.nextCursor);
  const [loading, setLoading] = useState(false);
  const current = useRef(containers);
  current.current = containers;
  const sort = query.sort ?? 'name';
  const order = query.order ?? defaultOrder(sort);

  useLiveEventBatches((events) => {
    const result = applyContainerEvents(
      current.current,
      events,
      (hostId) => !query.hostId || hostId === query.hostId,
    );
    setContainers(result.containers);
    if (result.reload) router.refresh();
  }, 1000);

  function navigate(next: ContainerQuery) {
    router.push(`/containers${containerQueryToSearch(next)}`);
  }

  function onSort(column: ContainerSort) {
    navigate({
      ...query,
      sort: column,
      order: column === sort ? (order === 'asc' ? 'desc' : 'asc') : defaultOrder(column),
    });
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    const state = text('state');
    const health = text('health');
    const label = text('label');
    const group = text('group');
    navigate({
      q: text('q'),
      image: text('image'),
      hostId: text('host'),
      label: label ? [formatLabelSelector(parseLabelSelector(label))] : [],
      group: group ? [group] : [],
      state: state ? [state as (typeof CONTAINER_STATES)[number]] : [],
      health: health ? [health as (typeof CONTAINER_HEALTH)[number]] : [],
      sort: query.sort,
      order: query.order,
    });
  }

  async function loadMore() {
    if (!cursor) return;
    setLoading(true);
    try {
      const page = await listContainers(browserApi, { ...query, cursor });
      setContainers((previous) => [...previous, ...page.items]);
      setCursor(page.nextCursor);
    } finally {
      setLoading(false);
    }
  }

  return (
    <>
      <form
        className={fleetStyles.toolbar}
        onSubmit={onSubmit}
        key={containerQueryToSearch(query)}
        aria-label="Filters"
      >
        <input
          className={fleetStyles.search}
          type="search"
          name="q"
          aria-label="Name"
          placeholder="Name"
          defaultValue={query.q}
        />
        <input
          className={fleetStyles.search}
          type="search"
          name="image"
          aria-label="Image"
          placeholder="Image"
          defaultValue={query.image}
        />
        <input
          className={fleetStyles.search}
          type="search"
          name="label"
          aria-label="Label"
          placeholder="Label: key=value"
          defaultValue={query.label?.[0]}
        />
        <select
          className={fleetStyles.select}
          name="host"
          aria-label="Host"
          defaultValue={query.hostId ?? ''}
        >
          <option value="">Any host</option>
          {hosts.map((host) => (
            <option key={host.id} value={host.id}>
              {host.name}
            </option>
          ))}
        </select>
        {groups.length ? (
          <select
            className={fleetStyles.select}
            name="group"
            aria-label="Group"
            defaultValue={query.group?.[0] ?? ''}
          >
            <option value="">Any group</option>
            {groups.map((group) => (
              <option key={group.id} value={group.id}>
                {group.name}
              </option>
            ))}
          </select>
        ) : null}
        <select
          className={fleetStyles.select}
          name="state"
          aria-label="State"
          defaultValue={query.state?.[0] ?? ''}
        >
          <StateOptions />
        </select>
        <select
          className={fleetStyles.select}
          name="health"
          aria-label="Health"
          defaultValue={query.health?.[0] ?? ''}
        >
          <HealthOptions />
        </select>
        <Button type="submit" size="small">
          Apply filters
        </Button>
      </form>
      {containers.length ? (
        <ContainersTable
          containers={containers}
          sort={sort}
          order={order}
          onSort={onSort}
          showHost
          caption="Containers"
          outdated={outdatedSet}
        />
      ) : (
        <p className={fleetStyles.noMatch}>No container matches these filters.</p>
      )}
      {cursor ? (
        <p>
          <Button onClick={loadMore} disabled={loading}>
            {loading ? 'Loading…' : 'Load more'}
          </Button>
        </p>
      ) : null}
    </>
  );
}
