import type { NtfyChannel } from '@berth/api-contract';
import type { Notification, Severity } from '../notification.js';
import { clip, plainText, titleOf, worstSeverity } from '../render/summarise.js';
import type { ChannelDefinition } from './channel-definition.js';
import { hostOf, JSON_HEADERS, sendHttp } from './send-http.js';

const PRIORITY: Record<Severity, number> = { critical: 5, warning: 4, info: 3 };

/** ntfy's JSON publishing (POST to the server root), with priority and tags from the severity. */
export function ntfyBody(config: NtfyChannel, notification: Notification): string {
  const resolved = notification.status === 'resolved';
  const severity = worstSeverity(notification);
  return JSON.stringify({
    topic: config.topic,
    title: clip(titleOf(notification), 250),
    message: plainText(notification, 4000),
    priority: resolved ? 3 : PRIORITY[severity],
    tags: [resolved ? 'white_check_mark' : severity === 'critical' ? 'rotating_light' : 'warning'],
    ...(notification.consoleUrl ? { click: notification.consoleUrl } : {}),
  });
}

export const ntfyChannel: ChannelDefinition<NtfyChannel> = {
  kind: 'ntfy',
  describe: (config) => `ntfy on ${hostOf(config.serverUrl)}`,
  send: (config, notification, context) =>
    sendHttp(
      {
        method: 'POST',
        url: config.serverUrl,
        headers: {
          ...JSON_HEADERS,
          ...(config.accessToken ? { authorization: `Bearer ${config.accessToken}` } : {}),
        },
        body: ntfyBody(config, notification),
      },
      context,
      { receiver: `ntfy ${hostOf(config.serverUrl)}`, secrets: [config.topic, config.accessToken] },
    ),
};
