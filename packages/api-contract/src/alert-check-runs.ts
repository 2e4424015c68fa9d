import type { CheckTrigger } from './alert-rules.js';

/**
 * How a check rule reads a health check's runs, shared by the alerter and the rule preview's
 * replay of stored history. Only the newest run of a check counts, and only when it is recent:
 * a check with no run in the window is no data (the condition is false, an open alert
 * resolves), never `down` — a silent host is the host offline rule's to report.
 */

/** Runs older than this are not read: a check's newest run must be this recent to count. */
export const CHECK_RUN_FRESH_S = 3600;

/** The fields of a stored run (check_results) a check rule reads. */
export type CheckRunReading = {
  status: string;
  slow: boolean;
  latencyMs: number;
  certExpiring: boolean;
  certExpiresAt: Date | null;
  error: string | null;
};

export function checkRunHolds(on: CheckTrigger, run: CheckRunReading): boolean {
  switch (on) {
    case 'down':
      // Retries are the agent's: `pending` is a failure not yet confirmed, never an alert.
      return run.status === 'down';
    case 'slow':
      return run.status === 'up' && run.slow;
    case 'cert_expiring':
      return run.certExpiring;
  }
}

/** Whole days until the certificate expires (negative: expired), null when none was seen. */
export function certDaysLeft(run: CheckRunReading, now: Date): number | null {
  if (!run.certExpiresAt) return null;
  return Math.floor((run.certExpiresAt.getTime() - now.getTime()) / 86_400_000);
}

/** The alert's summary and value: what the newest run said, in words. */
export function checkRunSummary(
  on: CheckTrigger,
  where: { checkName: string; containerName: string; hostName: string },
  run: CheckRunReading,
  now: Date,
): { summary: string; value: number | null } {
  const what = `Check ${where.checkName} of ${where.containerName} on ${where.hostName}`;
  switch (on) {
    case 'down':
      return { summary: `${what} is down${run.error ? `: ${run.error.slice(0, 300)}` : ''}`, value: null };
    case 'slow':
      return { summary: `${what} is slow: ${run.latencyMs} ms`, value: run.latencyMs };
    case 'cert_expiring': {
      const days = certDaysLeft(run, now);
      const when =
        days === null
          ? 'expires soon'
          : days < 0
            ? `expired ${-days} day${days === -1 ? '' : 's'} ago`
            : days === 0
              ? 'expires today'
              : `expires in ${days} day${days === 1 ? '' : 's'}`;
      return {
        summary: `${what}: certificate ${when}`,
        value: days,
      };
    }
  }
}
