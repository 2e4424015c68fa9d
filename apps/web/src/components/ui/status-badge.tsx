import styles from './ui.module.css';

const TONE: Record<string, string | undefined> = {
  online: styles.badgeOk,
  running: styles.badgeOk,
  healthy: styles.badgeOk,
  succeeded: styles.badgeOk,
  pending: styles.badgeWarn,
  queued: styles.badgeWarn,
  restarting: styles.badgeWarn,
  starting: styles.badgeWarn,
  offline: styles.badgeDanger,
  unhealthy: styles.badgeDanger,
  failed: styles.badgeDanger,
  revoked: styles.badgeDanger,
  exited: undefined,
};

/** A state word with a coloured dot; the word itself carries the meaning, not the colour. */
export function StatusBadge({ status }: { status: string }) {
  return <span className={[styles.badge, TONE[status]].filter(Boolean).join(' ')}>{status}</span>;
}
