import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { Notification } from '../notification.js';
import { titleOf } from '../render/summarise.js';
import type { ChannelDefinition } from './channel-definition.js';
import { ZHttpUrlSchema } from './config-fields.js';
import { hostOf, JSON_HEADERS, sendHttp } from './send-http.js';

export const ZWebhookChannelSchema = z.object({
  kind: z.literal('webhook'),
  url: ZHttpUrlSchema,
  /** Signs each body (HMAC-SHA256) so the receiver can tell it came from Berth. */
  signingSecret: z.string().min(16, 'at least 16 characters').max(200).optional(),
  /** Extra headers, e.g. an Authorization the receiver wants. */
  headers: z
    .record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a header name'), z.string().max(1000))
    .refine((headers) => Object.keys(headers).length <= 10, 'at most 10 headers')
    .default({}),
});
export type WebhookChannel = z.infer<typeof ZWebhookChannelSchema>;

/** The documented JSON body (docs/notifications.md), versioned so receivers can rely on it. */
export function webhookBody(notification: Notification): string {
  return JSON.stringify({
    version: '1',
    id: notification.id,
    org: notification.orgName,
    groupKey: notification.groupKey,
    status: notification.status,
    title: titleOf(notification),
    test: notification.test,
    consoleUrl: notification.consoleUrl ?? null,
    alerts: notification.alerts.map((alert) => ({
      fingerprint: alert.fingerprint,
      status: alert.status,
      rule: alert.ruleName,
      severity: alert.severity,
      summary: alert.summary,
      labels: alert.labels,
      startsAt: alert.startsAt.toISOString(),
      endsAt: alert.endsAt?.toISOString() ?? null,
      url: alert.url ?? null,
    })),
  });
}

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` — Stripe's scheme: the timestamp in
 * the signed text lets receivers refuse replays.
 */
export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

export const webhookChannel: ChannelDefinition<WebhookChannel> = {
  kind: 'webhook',
  label: 'Webhook',
  schema: ZWebhookChannelSchema,
  secretFields: ['url', 'signingSecret', 'headers'],
  describe: (config) => `webhook to ${hostOf(config.url)}`,
  send(config, notification, context) {
    const body = webhookBody(notification);
    const headers: Record<string, string> = {
      ...config.headers,
      ...JSON_HEADERS,
      'idempotency-key': notification.id,
    };
    if (config.signingSecret)
      headers['x-berth-signature'] = signWebhook(config.signingSecret, body, Math.floor(Date.now() / 1000));
    return sendHttp({ method: 'POST', url: config.url, headers, body }, context, {
      receiver: `webhook ${hostOf(config.url)}`,
      secrets: [config.url, config.signingSecret, ...Object.values(config.headers)],
    });
  },
};
