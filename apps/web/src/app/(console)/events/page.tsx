import type { Metadata } from 'next';
import { EventsList } from '@/components/events/events-list';
import { ContainerNameFilter, FilterBar, FilterInput, FilterSelect } from '@/components/events/filter-bar';
import { TimeRangeFields } from '@/components/events/time-range-fields';
import { PageHeader } from '@/components/ui/page-header';
import { listContainers } from '@/lib/api/containers';
import { listHistory } from '@/lib/api/history';
import { parseEventFilters, type SearchParams } from '@/lib/api/history-filters';
import { listManagedHosts } from '@/lib/api/host-admin';
import { getServerApi } from '@/lib/api/server-api';
import { requestTimeZone } from '@/lib/theme/request-time-zone';

export const metadata: Metadata = { title: 'Events' };

/** Docker's recorded actions (the agent keeps these), health as Docker words it. */
const EVENT_ACTIONS = [
  'start',
  'stop',
  'die',
  'restart',
  'kill',
  'oom',
  'pause',
  'unpause',
  'create',
  'destroy',
  'rename',
  'update',
  'health_status: healthy',
  'health_status: unhealthy',
  'health_status: starting',
].map((action) => ({ value: action, label: action }));

export default async function EventsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const timeZone = await requestTimeZone();
  const filters = parseEventFilters(await searchParams, { timeZone, now: Date.now() });
  const api = await getServerApi();
  const [hosts, containers, first] = await Promise.all([
    listManagedHosts(api),
    // The first 200 by name: suggestions only, any other name can still be typed.
    listContainers(api, { sort: 'name', limit: 200 }),
    listHistory(api, 'events', filters.query),
  ]);
  const names = [...new Set(containers.items.map((container) => container.name))];
  const { form } = filters;
  const filtered = Boolean(
    form.hostId || form.containerId || form.containerName || form.action || form.range !== '24h',
  );
  return (
    <>
      <PageHeader
        title="Events"
        description="Starts, stops, crashes, OOM kills and health changes across the fleet, newest first"
      />
      <FilterBar path="/events" label="Filter events" invalid={filters.invalid} active={filtered}>
        <FilterSelect
          name="hostId"
          label="Host"
          value={form.hostId ?? ''}
          anyLabel="All hosts"
          options={hosts.map((host) => ({ value: host.id, label: host.name }))}
        />
        <ContainerNameFilter
          value={form.containerName ?? ''}
          names={names}
          invalid={filters.invalid.containerName}
        />
        {/* An id filter comes from links (a container's page); shown only then, so it can be cleared. */}
        {form.containerId ? (
          <FilterInput
            name="containerId"
            label="Container id"
            value={form.containerId}
            placeholder="12-character id"
            invalid={filters.invalid.containerId}
          />
        ) : null}
        <FilterSelect
          name="action"
          label="Event"
          value={form.action ?? ''}
          anyLabel="Any event"
          options={EVENT_ACTIONS}
        />
        <TimeRangeFields
          range={form.range ?? '24h'}
          from={form.from ?? ''}
          to={form.to ?? ''}
          allowAll={false}
          invalid={filters.invalid}
        />
      </FilterBar>
      <EventsList
        key={JSON.stringify(filters.query)}
        query={filters.query}
        first={first}
        filtered={filtered}
      />
    </>
  );
}
