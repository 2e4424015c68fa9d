import { z } from 'zod';
import { ZChannelKindSchema } from './notification-channels.js';
import { pageSchema } from './paging.js';
import { listParam, ZIsoDateSchema, ZUuidSchema } from './primitives.js';

/**
 * GET /api/v1/alert-notifications: what was sent where (issue 15). One item per message to one
 * channel: its delivery state, attempts, when the next one is due, and the receiver's last
 * answer (secrets of the channel already redacted by @berth/notify). The channel is shown by
 * name, kind and its redacted description, never its configuration.
 */

/** `failed` is a dead letter: attempts ran out or the receiver refused for good. */
export const NOTIFICATION_STATES = ['queued', 'sending', 'sent', 'failed', 'suppressed'] as const;
export const ZNotificationStateSchema = z.enum(NOTIFICATION_STATES);
export type NotificationState = z.infer<typeof ZNotificationStateSchema>;

export const ZNotificationListQuerySchema = z.object({
  channelId: ZUuidSchema.optional(),
  state: listParam(NOTIFICATION_STATES),
  alertId: ZUuidSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(1000).optional(),
});
export type NotificationListQuery = z.input<typeof ZNotificationListQuerySchema>;

/** One alert as the message told it (from the payload as sent). */
const ZNotifiedAlertSummarySchema = z.object({
  status: z.enum(['firing', 'resolved']),
  ruleName: z.string(),
  severity: z.string(),
  summary: z.string(),
});

export const ZNotificationRecordSchema = z.object({
  id: ZUuidSchema,
  channel: z.object({
    id: ZUuidSchema,
    name: z.string(),
    kind: ZChannelKindSchema,
    /** Where it points, secrets left out ("Slack webhook on hooks.slack.com"). */
    target: z.string(),
  }),
  /** The group's status when sent: `firing` while any of its alerts fires. */
  status: z.enum(['firing', 'resolved']).nullable(),
  state: ZNotificationStateSchema,
  deadLetter: z.boolean(),
  attempts: z.int(),
  /** When the next attempt is due (null once sent, failed or suppressed). */
  nextAttemptAt: ZIsoDateSchema.nullable(),
  /** The receiver's last answer (an error text, secrets redacted), null when it took the message. */
  lastAnswer: z.string().nullable(),
  alertIds: z.array(ZUuidSchema),
  /** At most 20 of the message's alerts; `alertCount` counts them all. */
  alerts: z.array(ZNotifiedAlertSummarySchema),
  alertCount: z.int(),
  createdAt: ZIsoDateSchema,
  sentAt: ZIsoDateSchema.nullable(),
});
export type NotificationRecord = z.infer<typeof ZNotificationRecordSchema>;
export const ZNotificationRecordPageSchema = pageSchema(ZNotificationRecordSchema);
