import Link from 'next/link';
import { StatusBadge } from '@/components/ui/status-badge';
import { Time } from '@/components/ui/time';
import type { HostSummary } from '@/lib/api/fleet';
import { formatBytes, formatPercent } from '@/lib/format/format-number';
import styles from './hosts-table.module.css';

export function HostsTable({ hosts }: { hosts: HostSummary[] }) {
  return (
    <div className={styles.wrap}>
      <table className={styles.table}>
        <caption className="visually-hidden">Hosts</caption>
        <thead>
          <tr>
            <th scope="col">Host</th>
            <th scope="col">Status</th>
            <th scope="col" className={styles.numeric}>
              CPU
            </th>
            <th scope="col" className={styles.numeric}>
              Memory
            </th>
            <th scope="col" className={styles.numeric}>
              Containers
            </th>
            <th scope="col">Last seen</th>
          </tr>
        </thead>
        <tbody>
          {hosts.map((host) => (
            <tr key={host.id}>
              <td>
                <Link className={styles.name} href={`/hosts/${encodeURIComponent(host.id)}`}>
                  {host.name}
                </Link>
              </td>
              <td>
                <StatusBadge status={host.revokedAt ? 'revoked' : host.status} />
              </td>
              <td className={styles.numeric}>{formatPercent(host.latest?.cpuPct)}</td>
              <td className={styles.numeric}>
                {formatBytes(host.latest?.memUsed)}
                {host.latest ? ` / ${formatBytes(host.latest.memTotal)}` : ''}
              </td>
              <td className={styles.numeric}>
                {host.containers.running} / {host.containers.total}
              </td>
              <td>
                <Time value={host.lastSeenAt} format="relative" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
