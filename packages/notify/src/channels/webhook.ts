import { createHmac } from 'node:crypto';
import type { WebhookChannel } from '@berth/api-contract';
import type { Notification } from '../notification.js';
import { titleOf } from '../render/summarise.js';
import type { ChannelDefinition } from './channel-definition.js';
import { hostOf, JSON_HEADERS, sendHttp } from './send-http.js';

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
