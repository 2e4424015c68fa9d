import { createHash } from 'node:crypto';
import type { OpsgenieChannel } from '@berth/api-contract';
import type { Notification, Severity } from '../notification.js';
import { clip, plainText, titleOf, worstSeverity } from '../render/summarise.js';
import type { ChannelDefinition } from './channel-definition.js';
import { JSON_HEADERS, joinUrl, sendHttp } from './send-http.js';

const PRIORITY: Record<Severity, string> = { critical: 'P1', warning: 'P3', info: 'P5' };

/** Opsgenie dedupes open alerts on `alias` (≤ 512 characters) and closes them by it. */
export function opsgenieAlias(notification: Notification): string {
  return createHash('sha256').update(`berth:${notification.groupKey}`).digest('hex');
}

export function opsgenieRequest(config: OpsgenieChannel, notification: Notification) {
  const alias = opsgenieAlias(notification);
  if (notification.status === 'resolved')
    return {
      url: joinUrl(config.apiUrl, `v2/alerts/${alias}/close?identifierType=alias`),
      body: JSON.stringify({ source: 'Berth', note: plainText(notification, 25_000) }),
    };
  return {
    url: joinUrl(config.apiUrl, 'v2/alerts'),
    body: JSON.stringify({
      message: clip(titleOf(notification), 130),
      alias,
      description: plainText(notification, 15_000),
      priority: PRIORITY[worstSeverity(notification)],
      source: 'Berth',
      tags: [...new Set(notification.alerts.map((alert) => alert.ruleName))].slice(0, 20),
      details: {
        org: notification.orgName,
        ...(notification.consoleUrl ? { console: notification.consoleUrl } : {}),
      },
    }),
  };
}

export const opsgenieChannel: ChannelDefinition<OpsgenieChannel> = {
  kind: 'opsgenie',
  describe: (config) => `Opsgenie (${new URL(config.apiUrl).host})`,
  send(config, notification, context) {
    const { url, body } = opsgenieRequest(config, notification);
    return sendHttp(
      { method: 'POST', url, headers: { ...JSON_HEADERS, authorization: `GenieKey ${config.apiKey}` }, body },
      context,
      { receiver: 'Opsgenie', secrets: [config.apiKey] },
    );
  },
};
