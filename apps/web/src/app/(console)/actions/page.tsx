import { ACTION_STATUSES } from '@berth/api-contract';
import type { Metadata } from 'next';
import { ActionsList } from '@/components/audit/actions-list';
import { loadNames } from '@/components/audit/load-names';
import { FilterBar, FilterSelect, SubjectFilters } from '@/components/events/filter-bar';
import { PageHeader } from '@/components/ui/page-header';
import { listHistory } from '@/lib/api/history';
import { parseActionFilters, type SearchParams } from '@/lib/api/history-filters';
import { getServerApi } from '@/lib/api/server-api';

export const metadata: Metadata = { title: 'Actions' };

const VERBS = ['start', 'stop', 'restart', 'pause', 'unpause', 'kill', 'refresh', 'ping', 'update'].map(
  (verb) => ({
    value: verb,
    label: verb,
  }),
);
const STATUSES = ACTION_STATUSES.map((status) => ({ value: status, label: status.replace('_', ' ') }));

export default async function ActionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const filters = parseActionFilters(await searchParams);
  const api = await getServerApi();
  const [{ actors, hosts, hostNames }, first] = await Promise.all([
    loadNames(api),
    listHistory(api, 'actions', filters.query),
  ]);
  const { form } = filters;
  const filtered = Object.values(form).some(Boolean);
  return (
    <>
      <PageHeader
        title="Actions"
        description="Every start, stop, restart, pause and kill requested, who asked, and what the host answered"
      />
      <FilterBar path="/actions" label="Filter actions" invalid={filters.invalid} active={filtered}>
        <SubjectFilters hosts={hosts} form={form} invalid={filters.invalid} />
        <FilterSelect name="verb" label="Verb" value={form.verb ?? ''} anyLabel="Any verb" options={VERBS} />
        <FilterSelect
          name="status"
          label="Status"
          value={form.status ?? ''}
          anyLabel="Any status"
          options={STATUSES}
        />
      </FilterBar>
      <ActionsList
        key={JSON.stringify(filters.query)}
        query={filters.query}
        first={first}
        filtered={filtered}
        hostNames={hostNames}
        actors={actors}
      />
    </>
  );
}
