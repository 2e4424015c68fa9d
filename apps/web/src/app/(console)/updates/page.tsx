import type { ImageUpdate } from '@berth/api-contract';
import { PackageCheck } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { hasRole } from '@/components/settings/role-gate';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge, ToneBadge } from '@/components/ui/status-badge';
import { Time } from '@/components/ui/time';
import { AutoUpdatePanel } from '@/components/updates/auto-update-panel';
import { BulkApplyBar } from '@/components/updates/bulk-apply-bar';
import {
  type BulkCandidate,
  BulkSelectBox,
  BulkSelectionProvider,
  SelectAllowedButton,
} from '@/components/updates/bulk-selection';
import { CheckIntervalForm } from '@/components/updates/check-interval-form';
import { CheckNowButton } from '@/components/updates/check-now-button';
import styles from '@/components/updates/updates.module.css';
import { getImageUpdateSettings, listImageUpdates } from '@/lib/api/image-updates';
import { getServerApi } from '@/lib/api/server-api';
import {
  filterAndSortUpdates,
  filterByPolicy,
  isUpdateClassFilter,
  isUpdatePolicyFilter,
  rowClass,
  UPDATE_CLASS_FILTERS,
  UPDATE_POLICY_FILTERS,
  type UpdateClassFilter,
  type UpdatePolicyFilter,
} from '@/lib/fleet/image-update-rows';
import { formatDuration } from '@/lib/format/format-time';
import { loadMe } from '../load-me';

export const metadata: Metadata = { title: 'Updates' };

const FILTER_LABELS: Record<UpdateClassFilter, string> = {
  all: 'All',
  major: 'Major',
  minor: 'Minor',
  patch: 'Patch',
  digest: 'Rebuilt tag',
  none: 'Up to date',
};

/** Docker Hub's quota as the most recent check that reported one saw it. */
function hubQuota(rows: readonly ImageUpdate[]): ImageUpdate['rateLimit'] {
  let newest: ImageUpdate | null = null;
  for (const row of rows)
    if (row.rateLimit && row.checkedAt && (!newest?.checkedAt || row.checkedAt > newest.checkedAt))
      newest = row;
  return newest?.rateLimit ?? null;
}

/** The outdated containers of the rows shown: what bulk apply may offer. */
function bulkCandidates(rows: readonly ImageUpdate[]): BulkCandidate[] {
  return rows.flatMap((row) =>
    row.containers
      .filter((c) => c.status === 'update_available')
      .map((c) => ({
        hostId: c.hostId,
        containerId: c.containerId,
        name: c.name,
        hostName: c.hostName,
        image: row.image,
        policy: c.policy,
        policyReason: c.policyReason,
      })),
  );
}

export default async function UpdatesPage({
  searchParams,
}: {
  searchParams: Promise<{ class?: string | string[]; policy?: string | string[] }>;
}) {
  const search = await searchParams;
  const filter: UpdateClassFilter = isUpdateClassFilter(search.class) ? search.class : 'all';
  const policy: UpdatePolicyFilter = isUpdatePolicyFilter(search.policy) ? search.policy : 'any';
  const hrefOf = (next: { class?: UpdateClassFilter; policy?: UpdatePolicyFilter }) => {
    const params = new URLSearchParams();
    const c = next.class ?? filter;
    const p = next.policy ?? policy;
    if (c !== 'all') params.set('class', c);
    if (p !== 'any') params.set('policy', p);
    const query = params.toString();
    return query ? `/updates?${query}` : '/updates';
  };
  const api = await getServerApi();
  const [me, list, settings] = await Promise.all([
    loadMe(),
    listImageUpdates(api),
    getImageUpdateSettings(api).catch(() => null),
  ]);
  const rows = filterAndSortUpdates(filterByPolicy(list.items, policy), filter);
  const quota = hubQuota(list.items);
  const canCheck = hasRole(me.org?.role, 'operator');
  const interval = settings?.checkIntervalS ?? null;
  const candidates = canCheck ? bulkCandidates(rows) : [];
  const candidateByKey = new Map(candidates.map((c) => [`${c.hostId}/${c.containerId}`, c]));
  return (
    <>
      <PageHeader
        title="Updates"
        description={
          quota
            ? `Image references the fleet runs, checked against their registries. Docker Hub quota: ${quota.remaining} of ${quota.limit} pulls left.`
            : 'Image references the fleet runs, checked against their registries (a HEAD per reference, no pull).'
        }
        actions={canCheck ? <CheckNowButton /> : null}
      />
      <p>
        Each reference is checked{' '}
        {interval === null ? "at the server's default interval" : `every ${formatDuration(interval * 1000)}`}{' '}
        by one host that runs it.
      </p>
      {hasRole(me.org?.role, 'admin') ? <CheckIntervalForm checkIntervalS={interval} /> : null}
      <AutoUpdatePanel role={me.org?.role} images={list.items} />
      <nav aria-label="Update class" className={styles.filters}>
        {UPDATE_CLASS_FILTERS.map((value) => (
          <Link
            key={value}
            href={hrefOf({ class: value })}
            aria-current={value === filter ? 'page' : undefined}
            prefetch={false}
          >
            {FILTER_LABELS[value]}
          </Link>
        ))}
      </nav>
      <nav aria-label="Update policy" className={styles.filters}>
        {UPDATE_POLICY_FILTERS.map((value) => (
          <Link
            key={value}
            href={hrefOf({ policy: value })}
            aria-current={value === policy ? 'page' : undefined}
            prefetch={false}
          >
            {value === 'any' ? 'Any policy' : `Policy ${value}`}
          </Link>
        ))}
      </nav>
      {list.items.length === 0 ? (
        <EmptyState icon={<PackageCheck size={20} />} title="Nothing checked yet">
          <p>
            Each image a connected host runs is checked once per interval by one host that runs it. References
            appear here after the gateway's next sweep (about a minute).
          </p>
        </EmptyState>
      ) : (
        <BulkSelectionProvider candidates={candidates}>
          {candidates.length > 0 ? <BulkApplyBar /> : null}
          <DataTable
            caption="Image updates"
            align="top"
            columns={[
              'Image',
              'Status',
              'Class',
              'Newest patch / minor / major',
              'Running on',
              'Last checked',
              'Next check',
            ]}
          >
            {rows.map((row) => (
              <tr key={row.id}>
                <td>
                  <strong>{row.image}</strong>
                  <br />
                  <small>{row.platform}</small>
                  {row.outdated > 0 && canCheck ? (
                    <>
                      <br />
                      <SelectAllowedButton image={row.image} />
                    </>
                  ) : null}
                </td>
                <td>
                  {row.outdated > 0 ? (
                    <ToneBadge tone="warn">update available</ToneBadge>
                  ) : (
                    <StatusBadge status={(row.status ?? 'not checked').replaceAll('_', ' ')} />
                  )}
                  {row.error ? (
                    <>
                      <br />
                      <small>{row.error}</small>
                    </>
                  ) : null}
                </td>
                <td>{rowClass(row) ?? '—'}</td>
                <td>
                  {row.newest.patch ?? '—'} / {row.newest.minor ?? '—'} / {row.newest.major ?? '—'}
                </td>
                <td>
                  <ul aria-label={`Containers on ${row.image}`} className={styles.containers}>
                    {row.containers.map((c) => {
                      const candidate = candidateByKey.get(`${c.hostId}/${c.containerId}`);
                      return (
                        <li key={`${c.hostId}/${c.containerId}`}>
                          {candidate ? <BulkSelectBox candidate={candidate} /> : null}
                          <Link
                            href={`/hosts/${encodeURIComponent(c.hostId)}/containers/${encodeURIComponent(c.containerId)}`}
                            prefetch={false}
                          >
                            {c.name}
                          </Link>{' '}
                          on {c.hostName}
                          {c.status === 'update_available' ? ' (outdated)' : ''}
                          {c.policy === 'allow' ? '' : ` — policy ${c.policy}`}
                        </li>
                      );
                    })}
                  </ul>
                </td>
                <td>{row.checkedAt ? <Time value={row.checkedAt} format="relative" /> : 'not yet'}</td>
                <td>
                  <Time value={row.nextCheckAt} format="relative" />
                </td>
              </tr>
            ))}
          </DataTable>
        </BulkSelectionProvider>
      )}
    </>
  );
}
