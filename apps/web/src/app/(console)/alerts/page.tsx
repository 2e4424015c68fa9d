import { ALERT_SEVERITIES, type AlertSeverity, type AlertState } from '@berth/api-contract';
import { BellOff } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import styles from '@/components/alerts/alerts.module.css';
import { AlertsTable } from '@/components/alerts/alerts-table';
import { hasRole } from '@/components/settings/role-gate';
import { EmptyState } from '@/components/ui/empty-state';
import { listAlerts } from '@/lib/api/alerts';
import { getServerApi } from '@/lib/api/server-api';
import { loadMe } from '../load-me';

export const metadata: Metadata = { title: 'Alerts' };

const TABS: { state: AlertState; label: string }[] = [
  { state: 'firing', label: 'Firing' },
  { state: 'pending', label: 'Pending' },
  { state: 'resolved', label: 'Resolved' },
];

type Search = { state?: string; severity?: string; ruleId?: string; hostId?: string; containerName?: string };

function href(search: Search, change: Partial<Search>): string {
  const next = { ...search, ...change };
  const params = new URLSearchParams(
    Object.entries(next).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  const text = params.toString();
  return text ? `/alerts?${text}` : '/alerts';
}

export default async function AlertsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const state = TABS.find((tab) => tab.state === search.state)?.state ?? 'firing';
  const severity = (ALERT_SEVERITIES as readonly string[]).includes(search.severity ?? '')
    ? (search.severity as AlertSeverity)
    : undefined;
  const api = await getServerApi();
  const [me, alerts] = await Promise.all([
    loadMe(),
    listAlerts(api, {
      state: [state],
      severity: severity ? [severity] : [],
      ruleId: search.ruleId,
      hostId: search.hostId,
      containerName: search.containerName,
    }),
  ]);
  return (
    <div className={styles.page}>
      <nav className={styles.filters} aria-label="Alert state">
        {TABS.map((tab) => (
          <Link
            key={tab.state}
            href={href(search, { state: tab.state })}
            className={styles.chip}
            aria-current={tab.state === state ? 'true' : undefined}
          >
            {tab.label}
          </Link>
        ))}
        <span className={styles.muted}>Severity:</span>
        <Link
          href={href(search, { severity: undefined })}
          className={styles.chip}
          aria-current={severity ? undefined : 'true'}
        >
          Any
        </Link>
        {ALERT_SEVERITIES.map((value) => (
          <Link
            key={value}
            href={href(search, { severity: value })}
            className={styles.chip}
            aria-current={severity === value ? 'true' : undefined}
          >
            {value}
          </Link>
        ))}
        {search.ruleId || search.hostId || search.containerName ? (
          <Link
            href={href(search, { ruleId: undefined, hostId: undefined, containerName: undefined })}
            className={styles.chip}
          >
            Clear rule and host filter
          </Link>
        ) : null}
      </nav>
      {alerts.items.length === 0 ? (
        <EmptyState icon={<BellOff size={20} />} title={`Nothing ${state}`}>
          <p>
            {state === 'resolved'
              ? 'Resolved alerts show here once a condition has cleared.'
              : 'No alert is in this state now. Rules decide what alerts: see the Rules tab.'}
          </p>
        </EmptyState>
      ) : (
        <AlertsTable alerts={alerts.items} canAct={hasRole(me.org?.role, 'operator')} />
      )}
    </div>
  );
}
