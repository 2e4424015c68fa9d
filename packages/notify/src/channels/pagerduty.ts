import { createHash } from 'node:crypto';
import type { PagerDutyChannel } from '@berth/api-contract';
import type { Notification } from '../notification.js';
import { clip, orderedAlerts, titleOf, worstSeverity } from '../render/summarise.js';
import type { ChannelDefinition } from './channel-definition.js';
import { JSON_HEADERS, joinUrl, sendHttp } from './send-http.js';

/** One incident per alert group, as Alertmanager does: the same key triggers, re-triggers and resolves it. */
export function pagerDutyDedupKey(notification: Notification): string {
  return createHash('sha256').update(`berth:${notification.groupKey}`).digest('hex');
}

export function pagerDutyBody(config: PagerDutyChannel, notification: Notification): string {
  const alerts = orderedAlerts(notification);
  const first = alerts[0];
  return JSON.stringify({
    routing_key: config.routingKey,
    event_action: notification.status === 'resolved' ? 'resolve' : 'trigger',
    dedup_key: pagerDutyDedupKey(notification),
    payload: {
      summary: clip(titleOf(notification), 1024),
      source: first?.labels.host ?? notification.orgName,
      severity: worstSeverity(notification),
      timestamp: (first?.startsAt ?? new Date()).toISOString(),
      component: first?.labels.container,
      group: first?.labels.group,
      class: first?.ruleName,
      custom_details: {
        alerts: alerts.slice(0, 50).map((alert) => ({
          status: alert.status,
          severity: alert.severity,
          summary: alert.summary,
          labels: alert.labels,
        })),
      },
    },
    client: 'Berth',
    ...(notification.consoleUrl ? { client_url: notification.consoleUrl } : {}),
    links: notification.consoleUrl ? [{ href: notification.consoleUrl, text: 'Open in Berth' }] : [],
  });
}

export const pagerDutyChannel: ChannelDefinition<PagerDutyChannel> = {
  kind: 'pagerduty',
  describe: () => 'PagerDuty Events API v2',
  send: (config, notification, context) =>
    sendHttp(
      {
        method: 'POST',
        url: joinUrl(config.apiUrl, 'v2/enqueue'),
        headers: { ...JSON_HEADERS },
        body: pagerDutyBody(config, notification),
      },
      context,
      { receiver: 'PagerDuty', secrets: [config.routingKey] },
    ),
};
