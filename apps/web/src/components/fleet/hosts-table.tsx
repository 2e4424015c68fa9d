'use client';

import type { AlertCountsByHost } from '@berth/api-contract';
import { useVirtualizer } from '@tanstack/react-virtual';
import Link from 'next/link';
import { memo, useRef } from 'react';
import { OpenAlertsBadge, openAlertsHref } from '@/components/alerts/open-alerts-badge';
import { Sparkline } from '@/components/chart/sparkline';
import { StatusBadge } from '@/components/ui/status-badge';
import { Time } from '@/components/ui/time';
import { type HostRow, type HostSort, hostStatus, memPercent, type SortOrder } from '@/lib/fleet/host-rows';
import { formatBytes, formatPercent } from '@/lib/format/format-number';
import { ContainerCountChips } from './container-count-chips';
import { SortHeader } from './sort-header';
import styles from './table.module.css';

const ROW_HEIGHT = 45;
/** Rows rendered on the server (and before the browser measures): the first screen. */
const INITIAL_RECT = { width: 1280, height: 20 * ROW_HEIGHT };

type HostsTableProps = {
  hosts: readonly HostRow[];
  sort: HostSort;
  order: SortOrder;
  onSort: (column: HostSort) => void;
  /** Open-alert tallies by host id, for the badge beside each name (absent: none open). */
  alerts?: AlertCountsByHost['hosts'];
};

/**
 * The fleet's hosts, one dense row each. Virtualised: only the rows in view (plus a few)
 * are in the DOM, so 1,000 hosts scroll and update as smoothly as 10. Spacer rows keep it
 * a real table (headers, row semantics) for assistive technology. Fixed layout: columns
 * take their widths from the header, so rows coming into view neither re-layout the table
 * nor make the columns jump.
 */
export function HostsTable({ hosts, sort, order, onSort, alerts = {} }: HostsTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: hosts.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => hosts[index]?.id ?? index,
    overscan: 6,
    // Rows render with the next React batch instead of synchronously inside the scroll event.
    useFlushSync: false,
    initialRect: INITIAL_RECT,
  });
  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  const header = { sort, order, onSort };
  return (
    <div
      ref={scrollRef}
      className={styles.scroller}
      style={{ height: Math.min(hosts.length, 20) * ROW_HEIGHT + 36 }}
    >
      <table className={`${styles.table} ${styles.fixed}`} aria-rowcount={hosts.length + 1}>
        <caption className="visually-hidden">Hosts</caption>
        <thead>
          <tr>
            <SortHeader column="name" className={styles.colName} {...header}>
              Host
            </SortHeader>
            <SortHeader column="status" className={styles.colStatus} {...header}>
              Status
            </SortHeader>
            <SortHeader column="cpu" className={styles.colCpu} numeric {...header}>
              CPU
            </SortHeader>
            <SortHeader column="memory" className={styles.colMemory} numeric {...header}>
              Memory
            </SortHeader>
            <SortHeader
              column="containers"
              className={`${styles.colContainers} ${styles.hideSmall}`}
              {...header}
            >
              Containers
            </SortHeader>
            <SortHeader column="agent" className={`${styles.colAgent} ${styles.hideSmall}`} {...header}>
              Agent
            </SortHeader>
            <SortHeader column="lastSeen" className={`${styles.colSeen} ${styles.hideSmall}`} {...header}>
              Last seen
            </SortHeader>
          </tr>
        </thead>
        <tbody>
          {before > 0 ? (
            <tr className={styles.spacer}>
              <td colSpan={7} style={{ height: before }} />
            </tr>
          ) : null}
          {items.map((item) => {
            const host = hosts[item.index];
            return host ? (
              <HostTableRow key={host.id} host={host} index={item.index} alerts={alerts[host.id]} />
            ) : null;
          })}
          {after > 0 ? (
            <tr className={styles.spacer}>
              <td colSpan={7} style={{ height: after }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

const HostTableRow = memo(function HostTableRow({
  host,
  index,
  alerts,
}: {
  host: HostRow;
  index: number;
  alerts: AlertCountsByHost['hosts'][string] | undefined;
}) {
  const mem = memPercent(host);
  return (
    <tr aria-rowindex={index + 2}>
      <td>
        <span className={styles.stack}>
          <span className={styles.nameLine}>
            <Link className={styles.name} href={`/hosts/${encodeURIComponent(host.id)}`} prefetch={false}>
              {host.name}
            </Link>
            {alerts ? (
              <OpenAlertsBadge
                tally={alerts}
                href={openAlertsHref(alerts, { hostId: host.id })}
                subject={host.name}
              />
            ) : null}
          </span>
          <span className={styles.sub}>
            {[
              host.hostname !== host.name ? host.hostname : '',
              ...Object.entries(host.labels).map(([k, v]) => `${k}=${v}`),
            ]
              .filter(Boolean)
              .join(' · ')}
          </span>
        </span>
      </td>
      <td>
        <StatusBadge status={hostStatus(host)} />
      </td>
      <td className={styles.numeric}>
        <span className={styles.metric}>
          <Trend values={host.cpuTrend} label={`CPU of ${host.name}`} />
          <span className={styles.metricValue}>{formatPercent(host.latest?.cpuPct)}</span>
        </span>
      </td>
      <td className={styles.numeric}>
        <span className={styles.metric}>
          <Trend values={host.memTrend} label={`Memory of ${host.name}`} />
          <span className={styles.stack}>
            <span className={styles.metricValue}>{formatPercent(mem)}</span>
            {host.latest ? (
              <span className={styles.sub}>
                {formatBytes(host.latest.memUsed)} / {formatBytes(host.latest.memTotal)}
              </span>
            ) : null}
          </span>
        </span>
      </td>
      <td className={styles.hideSmall}>
        <ContainerCountChips counts={host.containers} />
      </td>
      <td className={styles.hideSmall}>
        <AgentVersion host={host} />
      </td>
      <td className={styles.hideSmall}>
        <Time value={host.lastSeenAt} format="relative" />
      </td>
    </tr>
  );
});

function AgentVersion({ host }: { host: HostRow }) {
  if (!host.agentVersion) return <span className={styles.muted}>—</span>;
  if (!host.agentUpdateAvailable) return <span>{host.agentVersion}</span>;
  const latest = host.latestAgentVersion ? ` ${host.latestAgentVersion}` : '';
  return (
    <span className={styles.metric}>
      {host.agentVersion}
      <span className={`${styles.chip} ${styles.chipWarn}`} title={`Agent${latest} is available`}>
        update{latest}
      </span>
    </span>
  );
}

/** A sparkline once there is a trend to draw (two readings); until then, its empty space. */
function Trend({ values, label }: { values: number[]; label: string }) {
  if (values.length < 2) return <span className={styles.trendSpace} aria-hidden="true" />;
  return <Sparkline values={values} unit="percent" label={label} width={64} height={20} />;
}
