import type { SlackChannel } from '@berth/api-contract';
import type { Notification } from '../notification.js';
import { alertLine, clip, colourOf, escapeSlack, listedAlerts, titleOf } from '../render/summarise.js';
import type { ChannelDefinition } from './channel-definition.js';
import { hostOf, JSON_HEADERS, sendHttp } from './send-http.js';

/** Block Kit: a header, one section per alert (Slack caps a message at 50 blocks), a link. */
export function slackBody(notification: Notification): string {
  const { shown, hidden } = listedAlerts(notification);
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(titleOf(notification), 150) } },
    ...shown.map((alert) => ({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: clip(
          `${alert.url ? `<${alert.url}|${escapeSlack(alertLine(alert))}>` : escapeSlack(alertLine(alert))}`,
          3000,
        ),
      },
    })),
  ];
  if (hidden > 0)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `… and ${hidden} more` }] });
  if (notification.consoleUrl)
    blocks.push({
      type: 'actions',
      elements: [
        { type: 'button', text: { type: 'plain_text', text: 'Open in Berth' }, url: notification.consoleUrl },
      ],
    });
  // `text` is what notifications and screen readers show; `attachments` carries the colour bar.
  return JSON.stringify({
    text: titleOf(notification),
    attachments: [{ color: colourOf(notification), blocks }],
  });
}

export const slackChannel: ChannelDefinition<SlackChannel> = {
  kind: 'slack',
  describe: (config) => `Slack webhook on ${hostOf(config.webhookUrl)}`,
  send: (config, notification, context) =>
    sendHttp(
      { method: 'POST', url: config.webhookUrl, headers: { ...JSON_HEADERS }, body: slackBody(notification) },
      context,
      { receiver: 'Slack', secrets: [config.webhookUrl] },
    ),
};
