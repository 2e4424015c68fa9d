import type { TeamsChannel } from '@berth/api-contract';
import type { Notification } from '../notification.js';
import { alertLine, listedAlerts, titleOf, worstSeverity } from '../render/summarise.js';
import type { ChannelDefinition } from './channel-definition.js';
import { hostOf, JSON_HEADERS, sendHttp } from './send-http.js';

/** An Adaptive Card 1.4 in a message, the shape the "post to a channel" workflow expects. */
export function teamsBody(notification: Notification): string {
  const { shown, hidden } = listedAlerts(notification);
  const colour =
    notification.status === 'resolved'
      ? 'Good'
      : worstSeverity(notification) === 'critical'
        ? 'Attention'
        : 'Warning';
  const body: unknown[] = [
    {
      type: 'TextBlock',
      size: 'Medium',
      weight: 'Bolder',
      color: colour,
      wrap: true,
      text: titleOf(notification),
    },
    ...shown.map((alert) => ({
      type: 'TextBlock',
      wrap: true,
      spacing: 'Small',
      text: `• ${alertLine(alert)}`,
    })),
  ];
  if (hidden > 0) body.push({ type: 'TextBlock', isSubtle: true, text: `… and ${hidden} more` });
  return JSON.stringify({
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body,
          ...(notification.consoleUrl
            ? { actions: [{ type: 'Action.OpenUrl', title: 'Open in Berth', url: notification.consoleUrl }] }
            : {}),
        },
      },
    ],
  });
}

export const teamsChannel: ChannelDefinition<TeamsChannel> = {
  kind: 'msteams',
  describe: (config) => `Teams workflow on ${hostOf(config.webhookUrl)}`,
  send: (config, notification, context) =>
    sendHttp(
      { method: 'POST', url: config.webhookUrl, headers: { ...JSON_HEADERS }, body: teamsBody(notification) },
      context,
      { receiver: 'Microsoft Teams', secrets: [config.webhookUrl] },
    ),
};
