import type { PushoverChannel } from '@berth/api-contract';
import type { Notification, Severity } from '../notification.js';
import { clip, plainText, titleOf, worstSeverity } from '../render/summarise.js';
import type { ChannelDefinition } from './channel-definition.js';
import { JSON_HEADERS, joinUrl, sendHttp } from './send-http.js';

/** Pushover priority 1 bypasses quiet hours; 2 (acknowledge-to-stop) is left to PagerDuty-style tools. */
const PRIORITY: Record<Severity, number> = { critical: 1, warning: 0, info: -1 };

export function pushoverBody(config: PushoverChannel, notification: Notification): string {
  return JSON.stringify({
    token: config.appToken,
    user: config.userKey,
    ...(config.device ? { device: config.device } : {}),
    title: clip(titleOf(notification), 250),
    message: plainText(notification, 1024),
    priority: notification.status === 'resolved' ? -1 : PRIORITY[worstSeverity(notification)],
    ...(notification.consoleUrl ? { url: notification.consoleUrl, url_title: 'Open in Berth' } : {}),
  });
}

export const pushoverChannel: ChannelDefinition<PushoverChannel> = {
  kind: 'pushover',
  describe: (config) => `Pushover${config.device ? ` (device ${config.device})` : ''}`,
  send: (config, notification, context) =>
    sendHttp(
      {
        method: 'POST',
        url: joinUrl(config.apiUrl, '1/messages.json'),
        headers: { ...JSON_HEADERS },
        body: pushoverBody(config, notification),
      },
      context,
      { receiver: 'Pushover', secrets: [config.userKey, config.appToken] },
    ),
};
