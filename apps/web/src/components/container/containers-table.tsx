'use client';

import type { ContainerSort } from '@berth/api-contract';
import Link from 'next/link';
import { memo } from 'react';
import { SortHeader } from '@/components/fleet/sort-header';
import styles from '@/components/fleet/table.module.css';
import { GroupChips } from '@/components/groups/group-chip';
import { StatusBadge, ToneBadge } from '@/components/ui/status-badge';
import { type Container, containerHref } from '@/lib/api/containers';
import { uptimeMs } from '@/lib/fleet/container-rows';
import type { SortOrder } from '@/lib/fleet/host-rows';
import { formatBytes, formatCount, formatPercent } from '@/lib/format/format-number';
import { formatDuration } from '@/lib/format/format-time';

type ContainersTableProps = {
  containers: readonly Container[];
  sort: ContainerSort;
  order: SortOrder;
  onSort: (column: ContainerSort) => void;
  /** Show the host column (the fleet-wide list). */
  showHost?: boolean;
  /** Accessible name of the table. */
  caption: string;
  /** `hostId/containerId` of the containers whose image has an update (the Updates page's list). */
  outdated?: ReadonlySet<string>;
};

/** Containers with state, health, image, CPU, memory against limit, uptime and restarts. */
export function ContainersTable({
  containers,
  sort,
  order,
  onSort,
  showHost = false,
  caption,
  outdated,
}: ContainersTableProps) {
  const header = { sort, order, onSort };
  const now = Date.now();
  return (
    <div className={`${styles.scroller} ${styles.static}`}>
      <table className={styles.table}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <SortHeader column="name" {...header}>
              Name
            </SortHeader>
            {showHost ? (
              <SortHeader column="host" {...header}>
                Host
              </SortHeader>
            ) : null}
            <SortHeader column="state" {...header}>
              State
            </SortHeader>
            <th scope="col" className={styles.hideSmall}>
              Health
            </th>
            <th scope="col" className={styles.hideSmall}>
              Image
            </th>
            <SortHeader column="cpu" numeric {...header}>
              CPU
            </SortHeader>
            <SortHeader column="memory" numeric {...header}>
              Memory
            </SortHeader>
            <th scope="col" className={`${styles.numeric} ${styles.hideSmall}`}>
              Uptime
            </th>
            <SortHeader column="restarts" numeric className={styles.hideSmall} {...header}>
              Restarts
            </SortHeader>
          </tr>
        </thead>
        <tbody>
          {containers.map((container) => (
            <ContainerRow
              key={`${container.hostId}/${container.containerId}`}
              container={container}
              showHost={showHost}
              now={now}
              outdated={outdated?.has(`${container.hostId}/${container.containerId}`) ?? false}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

const ContainerRow = memo(function ContainerRow({
  container,
  showHost,
  now,
  outdated,
}: {
  container: Container;
  showHost: boolean;
  now: number;
  outdated: boolean;
}) {
  const current = container.current;
  const uptime = uptimeMs(container, now);
  return (
    <tr>
      <td>
        <Link className={styles.name} href={containerHref(container)} prefetch={false}>
          {container.name}
        </Link>{' '}
        {outdated ? (
          <Link href="/updates" prefetch={false} title={`${container.image} has a newer image`}>
            <ToneBadge tone="info">update</ToneBadge>
          </Link>
        ) : null}{' '}
        <GroupChips groups={container.groups} />
      </td>
      {showHost ? (
        <td>
          <Link href={`/hosts/${encodeURIComponent(container.hostId)}`} prefetch={false}>
            {container.hostName}
          </Link>
        </td>
      ) : null}
      <td>
        <StatusBadge status={container.state} />
      </td>
      <td className={styles.hideSmall}>
        {container.health === 'none' ? (
          <span className={styles.muted}>—</span>
        ) : (
          <StatusBadge status={container.health} />
        )}
      </td>
      <td className={styles.hideSmall}>
        <span className={styles.image} title={container.image}>
          {container.image}
        </span>
      </td>
      <td className={styles.numeric}>{formatPercent(current?.cpuPct)}</td>
      <td className={styles.numeric}>
        {formatBytes(current?.memBytes)}
        {current && current.memLimit > 0 ? (
          <span className={styles.muted}> / {formatBytes(current.memLimit)}</span>
        ) : null}
      </td>
      <td className={`${styles.numeric} ${styles.hideSmall}`} suppressHydrationWarning>
        {uptime === null ? <span className={styles.muted}>—</span> : formatDuration(uptime)}
      </td>
      <td className={`${styles.numeric} ${styles.hideSmall}`}>{formatCount(container.restartCount)}</td>
    </tr>
  );
});
