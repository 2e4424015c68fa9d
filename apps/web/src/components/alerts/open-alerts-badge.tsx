import type { AlertSeverity, OpenAlertTally } from '@berth/api-contract';
import Link from 'next/link';
import { type Tone, ToneBadge } from '@/components/ui/status-badge';
import styles from './alerts.module.css';

const SEVERITY_TONE: Record<AlertSeverity, Tone> = { critical: 'danger', warning: 'warn', info: 'info' };

/** Where a badge leads: the alerts list on the tab that holds what it counts, filtered to its object. */
export function openAlertsHref(
  tally: OpenAlertTally,
  object: { hostId: string; containerName?: string | undefined },
): string {
  const params = new URLSearchParams({
    state: tally.firing > 0 ? 'firing' : 'pending',
    hostId: object.hostId,
  });
  if (object.containerName) params.set('containerName', object.containerName);
  return `/alerts?${params.toString()}`;
}

/**
 * The open alerts of a host or container as a small link to them: "2 firing" in the colour of
 * the worst, or "1 pending" while none fires yet. Nothing at all while nothing is open, so a
 * healthy fleet stays quiet.
 */
export function OpenAlertsBadge({
  tally,
  href,
  subject,
}: {
  tally: OpenAlertTally | undefined;
  href: string;
  /** What the alerts are about, for the link's accessible name ("web on host-1"). */
  subject: string;
}) {
  if (!tally || (tally.firing === 0 && tally.pending === 0)) return null;
  const text = tally.firing > 0 ? `${tally.firing} firing` : `${tally.pending} pending`;
  return (
    <Link
      href={href}
      prefetch={false}
      className={styles.objectBadge}
      aria-label={`${text} alert${(tally.firing || tally.pending) === 1 ? '' : 's'} on ${subject}`}
      data-severity={tally.worstSeverity}
    >
      <ToneBadge tone={SEVERITY_TONE[tally.worstSeverity]}>{text}</ToneBadge>
    </Link>
  );
}
