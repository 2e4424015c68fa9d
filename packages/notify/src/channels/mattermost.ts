import type { MattermostChannel } from '@berth/api-contract';
import type { Notification } from '../notification.js';
import { alertLine, colourOf, listedAlerts, titleOf } from '../render/summarise.js';
import type { ChannelDefinition } from './channel-definition.js';
import { hostOf, JSON_HEADERS, sendHttp } from './send-http.js';

/** Mattermost's incoming webhooks take Slack-style attachments with Markdown text. */
export function mattermostBody(config: MattermostChannel, notification: Notification): string {
  const { shown, hidden } = listedAlerts(notification);
  const lines = shown.map(
    (alert) => `- ${alert.url ? `[${alertLine(alert)}](${alert.url})` : alertLine(alert)}`,
  );
  if (hidden > 0) lines.push(`- … and ${hidden} more`);
  if (notification.consoleUrl) lines.push('', `[Open in Berth](${notification.consoleUrl})`);
  return JSON.stringify({
    username: 'Berth',
    ...(config.channel ? { channel: config.channel } : {}),
    text: `#### ${titleOf(notification)}`,
    attachments: [{ color: colourOf(notification), text: lines.join('\n') }],
  });
}

export const mattermostChannel: ChannelDefinition<MattermostChannel> = {
  kind: 'mattermost',
  describe: (config) =>
    `Mattermost on ${hostOf(config.webhookUrl)}${config.channel ? ` (#${config.channel})` : ''}`,
  send: (config, notification, context) =>
    sendHttp(
      {
        method: 'POST',
        url: config.webhookUrl,
        headers: { ...JSON_HEADERS },
        body: mattermostBody(config, notification),
      },
      context,
      { receiver: 'Mattermost', secrets: [config.webhookUrl] },
    ),
};
