import type { CheckSummary } from '@berth/api-contract';
import { HeartPulse } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/status-badge';
import { Time } from '@/components/ui/time';
import { listChecks } from '@/lib/api/checks';
import { getServerApi } from '@/lib/api/server-api';
import { formatPercent } from '@/lib/format/format-number';

export const metadata: Metadata = { title: 'Checks' };

function latency(ms: number | null): string {
  return ms === null ? '—' : `${Math.round(ms)} ms`;
}

/** Down first, then pending, then up: what needs a look is at the top. */
const STATUS_ORDER: Record<CheckSummary['status'], number> = { down: 0, pending: 1, up: 2 };

export default async function ChecksPage() {
  const api = await getServerApi();
  const page = await listChecks(api);
  const checks = [...page.items].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
  return (
    <>
      <PageHeader
        title="Checks"
        description="HTTP and TCP checks the agents run next to the containers, from their berth.check.* labels"
      />
      {checks.length === 0 ? (
        <EmptyState icon={<HeartPulse size={20} />} title="No checks yet">
          <p>
            Add a label to a container, e.g. <code>berth.check.http=http://{'{{ip}}'}:8080/health</code>, and
            its agent starts checking it within one interval. See docs/checks.md for every option.
          </p>
        </EmptyState>
      ) : (
        <DataTable
          caption="Health checks"
          columns={[
            'Status',
            'Check',
            'Host',
            'Latency (p50 / p95, 24 h)',
            'Uptime 24 h',
            'Uptime 7 d',
            'Uptime 30 d',
            'Last run',
            'Error',
          ]}
        >
          {checks.map((check) => (
            <tr key={check.id}>
              <td>
                <StatusBadge status={check.status} />
              </td>
              <td>
                <Link href={`/checks/${encodeURIComponent(check.id)}`} prefetch={false}>
                  <strong>{check.containerName}</strong> / {check.name}
                </Link>
                <br />
                <small>
                  {check.kind ?? 'invalid'} {check.target}
                </small>
              </td>
              <td>
                <Link href={`/hosts/${encodeURIComponent(check.hostId)}`} prefetch={false}>
                  {check.hostName ?? check.hostId.slice(0, 8)}
                </Link>
              </td>
              <td>
                {latency(check.latencyP50Ms)} / {latency(check.latencyP95Ms)}
              </td>
              <td>{check.uptime24h === null ? '—' : formatPercent(check.uptime24h)}</td>
              <td>{check.uptime7d === null ? '—' : formatPercent(check.uptime7d)}</td>
              <td>{check.uptime30d === null ? '—' : formatPercent(check.uptime30d)}</td>
              <td>
                <Time value={check.lastCheckedAt} format="relative" />
              </td>
              <td>{check.error ?? (check.certExpiring ? 'certificate expires soon' : '')}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
