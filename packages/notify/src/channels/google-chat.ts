import type { GoogleChatChannel } from '@berth/api-contract';
import type { Notification } from '../notification.js';
import { alertLine, fitLines, listedAlerts, titleOf } from '../render/summarise.js';
import type { ChannelDefinition } from './channel-definition.js';
import { hostOf, sendHttp } from './send-http.js';

/** Google Chat's text format: `*bold*`, `<url|label>` links; 4096 characters at most. */
export function googleChatBody(notification: Notification): string {
  const { shown, hidden } = listedAlerts(notification);
  const text = fitLines(4096, {
    head: [`*${titleOf(notification)}*`],
    items: shown.map((alert) => `• ${alert.url ? `<${alert.url}|${alertLine(alert)}>` : alertLine(alert)}`),
    tail: notification.consoleUrl ? [`<${notification.consoleUrl}|Open in Berth>`] : [],
    hiddenBefore: hidden,
  });
  return JSON.stringify({ text });
}

export const googleChatChannel: ChannelDefinition<GoogleChatChannel> = {
  kind: 'googlechat',
  describe: (config) => `Google Chat webhook on ${hostOf(config.webhookUrl)}`,
  send: (config, notification, context) =>
    sendHttp(
      {
        method: 'POST',
        url: config.webhookUrl,
        headers: { 'content-type': 'application/json; charset=UTF-8' },
        body: googleChatBody(notification),
      },
      context,
      { receiver: 'Google Chat', secrets: [config.webhookUrl] },
    ),
};
