import type { Metadata } from 'next';
import { EventsList } from '@/components/events/events-list';
import { FilterBar, FilterSelect, SubjectFilters } from '@/components/events/filter-bar';
import { TimeRangeFields } from '@/components/events/time-range-fields';
import { PageHeader } from '@/components/ui/page-header';
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
  const [hosts, first] = await Promise.all([
    listManagedHosts(api),
    listHistory(api, 'events', filters.query),
  ]);
  const { form } = filters;
  const filtered = Boolean(form.hostId || form.containerId || form.action || form.range !== '24h');
  return (
    <>
      <PageHeader
        title="Events"
        description="Starts, stops, crashes, OOM kills and health changes across the fleet, newest first"
      />
      <FilterBar path="/events" label="Filter events" invalid={filters.invalid} active={filtered}>
        <SubjectFilters hosts={hosts} form={form} invalid={filters.invalid} />
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
