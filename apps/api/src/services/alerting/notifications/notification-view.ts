import type { NotificationRecord } from '@berth/api-contract';
import type { NotificationRow } from '@berth/db/queries';
import { z } from 'zod';

/** At most this many of a message's alerts are shown; `alertCount` counts them all. */
const SHOWN_ALERTS = 20;

/**
 * The parts of the stored payload the history shows. Read leniently: a payload written by an
 * older alerter still lists (what it lacks shows as empty), never fails the whole page.
 */
const ZStoredPayloadSchema = z.object({
  status: z.enum(['firing', 'resolved']).optional().catch(undefined),
  alerts: z
    .array(
      z.object({
        status: z.enum(['firing', 'resolved']).catch('firing'),
        ruleName: z.string().catch(''),
        severity: z.string().catch(''),
        summary: z.string().catch(''),
      }),
    )
    .catch([]),
});

const SETTLED = new Set(['sent', 'failed', 'suppressed']);

export function notificationView(row: NotificationRow): NotificationRecord {
  const payload = ZStoredPayloadSchema.safeParse(row.payload);
  const alerts = payload.success ? payload.data.alerts : [];
  return {
    id: row.id,
    channel: {
      id: row.channelId,
      name: row.channelName,
      kind: row.channelKind as NotificationRecord['channel']['kind'],
      target: row.channelTarget,
    },
    status: payload.success ? (payload.data.status ?? null) : null,
    state: row.state as NotificationRecord['state'],
    deadLetter: row.state === 'failed',
    attempts: row.attempts,
    nextAttemptAt: SETTLED.has(row.state) ? null : row.nextAttemptAt.toISOString(),
    lastAnswer: row.lastError,
    alertIds: row.alertIds,
    alerts: alerts.slice(0, SHOWN_ALERTS).map((alert) => ({
      status: alert.status,
      ruleName: alert.ruleName,
      severity: alert.severity,
      summary: alert.summary.slice(0, 1000),
    })),
    alertCount: alerts.length,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
  };
}
