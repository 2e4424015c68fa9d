import type { MatrixChannel } from '@berth/api-contract';
import type { Notification } from '../notification.js';
import { alertLine, escapeHtml, listedAlerts, plainText, titleOf } from '../render/summarise.js';
import { clampRetryAfter, type DeliveryOutcome, outcomeOfResponse } from '../transport/delivery-outcome.js';
import type { HttpResponse } from '../transport/http-send.js';
import type { ChannelDefinition } from './channel-definition.js';
import { hostOf, JSON_HEADERS, joinUrl, sendHttp } from './send-http.js';

export function matrixBody(notification: Notification): string {
  const { shown, hidden } = listedAlerts(notification);
  const items = shown.map(
    (alert) =>
      `<li>${alert.url ? `<a href="${escapeHtml(alert.url)}">${escapeHtml(alertLine(alert))}</a>` : escapeHtml(alertLine(alert))}</li>`,
  );
  if (hidden > 0) items.push(`<li>… and ${hidden} more</li>`);
  const link = notification.consoleUrl
    ? `<p><a href="${escapeHtml(notification.consoleUrl)}">Open in Berth</a></p>`
    : '';
  return JSON.stringify({
    msgtype: 'm.text',
    body: `${titleOf(notification)}\n${plainText(notification)}`,
    format: 'org.matrix.custom.html',
    formatted_body: `<strong>${escapeHtml(titleOf(notification))}</strong><ul>${items.join('')}</ul>${link}`,
  });
}

/** Matrix says how long to wait in the body (`retry_after_ms`), not in a header. */
function interpretMatrix(response: HttpResponse): DeliveryOutcome | null {
  const outcome = outcomeOfResponse(response, 'Matrix');
  if (outcome.ok || response.status !== 429) return outcome;
  try {
    const wait = (JSON.parse(response.body) as { retry_after_ms?: number }).retry_after_ms;
    return typeof wait === 'number' ? { ...outcome, retryAfterMs: clampRetryAfter(wait) } : outcome;
  } catch {
    return outcome;
  }
}

export const matrixChannel: ChannelDefinition<MatrixChannel> = {
  kind: 'matrix',
  describe: (config) => `Matrix room ${config.roomId} on ${hostOf(config.homeserverUrl)}`,
  send: (config, notification, context) =>
    sendHttp(
      {
        // The notification id is the transaction id: a retry of a send the server took is
        // answered with the same event, not posted twice.
        method: 'PUT',
        url: joinUrl(
          config.homeserverUrl,
          `_matrix/client/v3/rooms/${encodeURIComponent(config.roomId)}/send/m.room.message/${encodeURIComponent(notification.id)}`,
        ),
        headers: { ...JSON_HEADERS, authorization: `Bearer ${config.accessToken}` },
        body: matrixBody(notification),
      },
      context,
      {
        receiver: `Matrix ${hostOf(config.homeserverUrl)}`,
        secrets: [config.accessToken],
        interpret: interpretMatrix,
      },
    ),
};
