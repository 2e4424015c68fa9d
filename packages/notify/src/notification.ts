import { z } from 'zod';

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One alert as a notification carries it: the evaluator's view, flattened for receivers. */
export const ZNotifiedAlertSchema = z.object({
  /** Stable per (rule, scope object): one condition is one alert however often it repeats. */
  fingerprint: z.string().min(1).max(128),
  status: z.enum(['firing', 'resolved']),
  ruleName: z.string().min(1).max(200),
  severity: z.enum(SEVERITIES),
  /** One line a person reads first, e.g. "web-1 on host-a exited with code 137 (OOM-killed)". */
  summary: z.string().min(1).max(1000),
  /** What the alert is about (host, container, group, kind…): receivers show and route on them. */
  labels: z.record(z.string(), z.string()),
  startsAt: z.date(),
  endsAt: z.date().nullable(),
  /** The alert in the console. */
  url: z.url().optional(),
});
export type NotifiedAlert = z.infer<typeof ZNotifiedAlertSchema>;

/**
 * What one delivery sends: a group of alerts, as Alertmanager groups them. `id` is unique per
 * notification and is the idempotency key wherever the receiver has one (Matrix transaction
 * ids, the webhook's Idempotency-Key, the e-mail Message-ID), so a retried delivery the
 * receiver already took is not shown twice. `groupKey` is stable for the group across
 * notifications: PagerDuty and Opsgenie dedupe and resolve incidents on it.
 */
export const ZNotificationSchema = z.object({
  id: z.string().min(1).max(128),
  orgName: z.string().min(1).max(200),
  groupKey: z.string().min(1).max(500),
  /** `firing` while any alert of the group fires. */
  status: z.enum(['firing', 'resolved']),
  alerts: z.array(ZNotifiedAlertSchema).min(1).max(1000),
  /** The console's alert list, for a "view in Berth" link. */
  consoleUrl: z.url().optional(),
  /** A test sent from the channel's settings page: receivers show it as such. */
  test: z.boolean().default(false),
});
export type Notification = z.infer<typeof ZNotificationSchema>;
export type NotificationInput = z.input<typeof ZNotificationSchema>;

/** The notification a "send test" button delivers. */
export function testNotification(input: { id: string; orgName: string; consoleUrl?: string }): Notification {
  const now = new Date();
  return {
    id: input.id,
    orgName: input.orgName,
    groupKey: `test:${input.id}`,
    status: 'firing',
    test: true,
    consoleUrl: input.consoleUrl,
    alerts: [
      {
        fingerprint: `test:${input.id}`,
        status: 'firing',
        ruleName: 'Test notification',
        severity: 'info',
        summary: 'Berth can reach this channel. Nothing is wrong.',
        labels: {},
        startsAt: now,
        endsAt: null,
      },
    ],
  };
}
