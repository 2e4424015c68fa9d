import type { DiscordChannel } from '@berth/api-contract';
import type { Notification } from '../notification.js';
import { alertLine, clip, colourOf, fitLines, listedAlerts, titleOf } from '../render/summarise.js';
import type { ChannelDefinition } from './channel-definition.js';
import { hostOf, JSON_HEADERS, sendHttp } from './send-http.js';

/** One embed (title ≤ 256, description ≤ 4096 characters, Discord's limits). */
export function discordBody(notification: Notification): string {
  const { shown, hidden } = listedAlerts(notification);
  const description = fitLines(4096, {
    head: [],
    items: shown.map((alert) => `• ${alert.url ? `[${alertLine(alert)}](${alert.url})` : alertLine(alert)}`),
    tail: [],
    hiddenBefore: hidden,
  });
  return JSON.stringify({
    username: 'Berth',
    embeds: [
      {
        title: clip(titleOf(notification), 256),
        description,
        color: Number.parseInt(colourOf(notification).slice(1), 16),
        ...(notification.consoleUrl ? { url: notification.consoleUrl } : {}),
        timestamp: new Date().toISOString(),
      },
    ],
    // Alert text is not a place to ping @everyone from.
    allowed_mentions: { parse: [] },
  });
}

export const discordChannel: ChannelDefinition<DiscordChannel> = {
  kind: 'discord',
  describe: (config) => `Discord webhook on ${hostOf(config.webhookUrl)}`,
  send: (config, notification, context) =>
    sendHttp(
      {
        method: 'POST',
        url: config.webhookUrl,
        headers: { ...JSON_HEADERS },
        body: discordBody(notification),
      },
      context,
      { receiver: 'Discord', secrets: [config.webhookUrl] },
    ),
};
