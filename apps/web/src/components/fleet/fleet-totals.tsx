import type { FleetTotals } from '@/lib/fleet/host-rows';
import { formatCount } from '@/lib/format/format-number';
import styles from './fleet.module.css';

function Stat({
  label,
  value,
  detail,
  tone,
}: {
  label: string;
  value: number;
  detail?: string;
  tone?: string;
}) {
  return (
    <div className={styles.stat}>
      <dt className={styles.statLabel}>{label}</dt>
      <dd className={[styles.statValue, tone].filter(Boolean).join(' ')}>{formatCount(value)}</dd>
      {detail ? <dd className={styles.statDetail}>{detail}</dd> : null}
    </div>
  );
}

/** The fleet at a glance: hosts by status, containers by state. */
export function FleetTotalsBar({ totals }: { totals: FleetTotals }) {
  const { hosts, containers } = totals;
  return (
    <dl className={styles.totals} aria-label="Fleet totals">
      <Stat
        label="Hosts"
        value={hosts.total}
        detail={hosts.revoked ? `${hosts.revoked} revoked` : undefined}
      />
      <Stat label="Online" value={hosts.online} tone={styles.ok} />
      <Stat
        label="Offline"
        value={hosts.offline}
        tone={hosts.offline ? styles.danger : undefined}
        detail={hosts.pending ? `${hosts.pending} pending` : undefined}
      />
      <Stat label="Containers" value={containers.total} />
      <Stat label="Running" value={containers.running} tone={styles.ok} />
      <Stat
        label="Stopped"
        value={containers.exited + containers.other}
        detail={
          [
            containers.paused ? `${containers.paused} paused` : '',
            containers.restarting ? `${containers.restarting} restarting` : '',
          ]
            .filter(Boolean)
            .join(' · ') || undefined
        }
      />
      {totals.outdatedAgents ? (
        <Stat label="Agent updates" value={totals.outdatedAgents} tone={styles.warn} />
      ) : null}
    </dl>
  );
}
