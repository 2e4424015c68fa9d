import type { GotifyChannel } from '@berth/api-contract';
import type { Notification, Severity } from '../notification.js';
import { plainText, titleOf, worstSeverity } from '../render/summarise.js';
import type { ChannelDefinition } from './channel-definition.js';
import { hostOf, JSON_HEADERS, joinUrl, sendHttp } from './send-http.js';

/** Gotify priorities: ≥ 8 makes its Android app ring through Do Not Disturb. */
const PRIORITY: Record<Severity, number> = { critical: 8, warning: 5, info: 2 };

export function gotifyBody(notification: Notification): string {
  return JSON.stringify({
    title: titleOf(notification),
    message: plainText(notification),
    priority: notification.status === 'resolved' ? 2 : PRIORITY[worstSeverity(notification)],
    extras: {
      'client::display': { contentType: 'text/plain' },
      ...(notification.consoleUrl
        ? { 'client::notification': { click: { url: notification.consoleUrl } } }
        : {}),
    },
  });
}

export const gotifyChannel: ChannelDefinition<GotifyChannel> = {
  kind: 'gotify',
  describe: (config) => `Gotify on ${hostOf(config.serverUrl)}`,
  send: (config, notification, context) =>
    sendHttp(
      {
        method: 'POST',
        url: joinUrl(config.serverUrl, 'message'),
        headers: { ...JSON_HEADERS, 'x-gotify-key': config.appToken },
        body: gotifyBody(notification),
      },
      context,
      { receiver: `Gotify ${hostOf(config.serverUrl)}`, secrets: [config.appToken] },
    ),
};
