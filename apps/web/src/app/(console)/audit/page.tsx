import type { Metadata } from 'next';
import { AuditList } from '@/components/audit/audit-list';
import { AUDIT_FAMILIES, AUDIT_TARGET_TYPES } from '@/components/audit/describe-audit';
import { loadNames } from '@/components/audit/load-names';
import { FilterBar, FilterSelect } from '@/components/events/filter-bar';
import { TimeRangeFields } from '@/components/events/time-range-fields';
import { AdminOnly } from '@/components/settings/admin-only';
import { hasRole } from '@/components/settings/role-gate';
import { PageHeader } from '@/components/ui/page-header';
import { listHistory } from '@/lib/api/history';
import { parseAuditFilters, type SearchParams } from '@/lib/api/history-filters';
import { getServerApi } from '@/lib/api/server-api';
import { requestTimeZone } from '@/lib/theme/request-time-zone';
import { loadMe } from '../load-me';

export const metadata: Metadata = { title: 'Audit log' };

const HEADER = (
  <PageHeader
    title="Audit log"
    description="Who did what, to what, when and from where: every change to this organisation"
  />
);

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const me = await loadMe();
  if (!hasRole(me.org?.role, 'admin')) {
    return (
      <>
        {HEADER}
        <AdminOnly what="read the audit log" role={me.org?.role ?? null} />
      </>
    );
  }
  const timeZone = await requestTimeZone();
  const filters = parseAuditFilters(await searchParams, { timeZone, now: Date.now() });
  const api = await getServerApi();
  const [{ actors, hostNames }, first] = await Promise.all([
    loadNames(api),
    listHistory(api, 'audit', filters.query),
  ]);
  const { form } = filters;
  const filtered = Boolean(form.action || form.actorUserId || form.targetType || form.range !== 'all');
  return (
    <>
      {HEADER}
      <FilterBar path="/audit" label="Filter the audit log" invalid={filters.invalid} active={filtered}>
        <FilterSelect
          name="action"
          label="What"
          value={form.action ?? ''}
          anyLabel="Everything"
          options={AUDIT_FAMILIES}
        />
        <FilterSelect
          name="actorUserId"
          label="Who"
          value={form.actorUserId ?? ''}
          anyLabel="Anyone"
          options={Object.entries(actors.people).map(([value, label]) => ({ value, label }))}
        />
        <FilterSelect
          name="targetType"
          label="Target"
          value={form.targetType ?? ''}
          anyLabel="Any target"
          options={AUDIT_TARGET_TYPES.map((type) => ({ value: type, label: type.replace('_', ' ') }))}
        />
        <TimeRangeFields
          range={form.range ?? 'all'}
          from={form.from ?? ''}
          to={form.to ?? ''}
          allowAll
          invalid={filters.invalid}
        />
      </FilterBar>
      <AuditList
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
