import type { CheckSummary } from '@berth/api-contract';
import Link from 'next/link';
import { StatusBadge } from '@/components/ui/status-badge';
import { formatPercent } from '@/lib/format/format-number';
import styles from './checks.module.css';

/** The container's health checks on its page: status now and 24 h uptime, each linking to its check page. */
export function ContainerChecks({ checks }: { checks: readonly CheckSummary[] }) {
  return (
    <section className={styles.section} aria-label="Health checks">
      <h2>Health checks</h2>
      <ul>
        {checks.map((check) => (
          <li key={check.id}>
            <StatusBadge status={check.status} />{' '}
            <Link href={`/checks/${encodeURIComponent(check.id)}`} prefetch={false}>
              {check.name}
            </Link>{' '}
            <small>
              {check.target} · uptime 24 h {check.uptime24h === null ? '—' : formatPercent(check.uptime24h)}
            </small>
          </li>
        ))}
      </ul>
    </section>
  );
}
