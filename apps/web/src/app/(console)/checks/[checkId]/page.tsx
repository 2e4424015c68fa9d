import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CheckLatencyCharts } from '@/components/checks/check-latency-charts';
import { CheckStatusBar } from '@/components/checks/check-status-bar';
import styles from '@/components/checks/checks.module.css';
import { DataTable } from '@/components/ui/data-table';
import { FactList } from '@/components/ui/fact-list';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/status-badge';
import { Time } from '@/components/ui/time';
import { ApiError } from '@/lib/api/api-error';
import { getCheckFailures, getCheckResults, getCheckSeries } from '@/lib/api/checks';
import { getServerApi } from '@/lib/api/server-api';
import { isTimeRange, type TimeRange } from '@/lib/chart-data';
import { checkCharts } from '@/lib/fleet/check-charts';
import { formatPercent } from '@/lib/format/format-number';

export const metadata: Metadata = { title: 'Check' };

/** Cells in the status bar: the newest runs of the last 24 h. */
const STATUS_BAR_RUNS = 60;

function notFoundOn404(error: unknown): never {
  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) notFound();
  throw error;
}

const percent = (value: number | null) => (value === null ? '—' : formatPercent(value));

/** One check: up/down now, uptime 24 h / 7 d / 30 d, latency chart, recent runs, last failures. */
export default async function CheckPage({
  params,
  searchParams,
}: {
  params: Promise<{ checkId: string }>;
  searchParams: Promise<{ range?: string | string[] }>;
}) {
  const [{ checkId }, search] = await Promise.all([params, searchParams]);
  const range: TimeRange = isTimeRange(search.range) ? search.range : '24h';
  const api = await getServerApi();
  const { check, results } = await getCheckResults(api, checkId).catch(notFoundOn404);
  const [series, failures] = await Promise.all([
    getCheckSeries(api, checkId, { range }).catch(() => null),
    getCheckFailures(api, checkId),
  ]);
  const label = `${check.containerName} / ${check.name}`;
  const containerHref = check.containerId
    ? `/hosts/${encodeURIComponent(check.hostId)}/containers/${encodeURIComponent(check.containerId)}`
    : null;
  return (
    <>
      <PageHeader
        title={label}
        description={`${check.kind ?? 'invalid'} check ${check.target}`}
        badge={<StatusBadge status={check.status} />}
      />
      <FactList
        facts={[
          ['Now', <StatusBadge key="now" status={check.status} />],
          ['Last run', <Time key="last" value={check.lastCheckedAt} format="relative" />],
          ['Latency', `${check.latencyMs} ms`],
          ['Uptime 24 h', percent(check.uptime24h)],
          ['Uptime 7 d', percent(check.uptime7d)],
          ['Uptime 30 d', percent(check.uptime30d)],
          [
            'Container',
            containerHref ? (
              <Link key="container" href={containerHref} prefetch={false}>
                {check.containerName}
              </Link>
            ) : (
              check.containerName
            ),
          ],
          [
            'Host',
            <Link key="host" href={`/hosts/${encodeURIComponent(check.hostId)}`} prefetch={false}>
              {check.hostName ?? check.hostId.slice(0, 8)}
            </Link>,
          ],
          [
            'Certificate expires',
            check.certExpiresAt ? <Time key="cert" value={check.certExpiresAt} /> : '—',
          ],
        ]}
      />
      <section className={styles.section} aria-label="Recent runs">
        <h2>Recent runs</h2>
        <CheckStatusBar runs={results.slice(-STATUS_BAR_RUNS)} />
      </section>
      <CheckLatencyCharts
        check={{ id: check.id, hostId: check.hostId, label }}
        initialRange={range}
        initial={series ? checkCharts(series) : null}
      />
      <section className={styles.section} aria-label="Last failures">
        <h2>Last failures</h2>
        {failures.items.length === 0 ? (
          <p>No failures in the last 31 days.</p>
        ) : (
          <DataTable caption="Last failures" columns={['When', 'Status code', 'Latency', 'Error']}>
            {failures.items.map((failure) => (
              <tr key={failure.ts}>
                <td>
                  <Time value={failure.ts} />
                </td>
                <td>{failure.statusCode ?? '—'}</td>
                <td>{failure.latencyMs} ms</td>
                <td>{failure.error ?? '—'}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </>
  );
}
