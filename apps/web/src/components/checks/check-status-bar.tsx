import type { CheckResultPoint } from '@berth/api-contract';
import styles from './checks.module.css';

const TONE: Record<CheckResultPoint['status'], string | undefined> = {
  up: styles.up,
  pending: styles.pending,
  down: styles.down,
};

/** The newest runs as a row of cells, oldest left (Uptime Kuma's heartbeat bar); each names its run. */
export function CheckStatusBar({ runs }: { runs: readonly CheckResultPoint[] }) {
  if (runs.length === 0) return <p>No runs in the last 24 hours.</p>;
  return (
    <ol className={styles.bar} aria-label="Recent runs, oldest first">
      {runs.map((run) => {
        const title = `${run.ts} ${run.status}, ${run.latencyMs} ms${run.error ? `: ${run.error}` : ''}`;
        return (
          <li
            key={run.ts}
            className={`${styles.cell} ${TONE[run.status] ?? ''}`}
            title={title}
            data-status={run.status}
          />
        );
      })}
    </ol>
  );
}
