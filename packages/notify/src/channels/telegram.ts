import type { TelegramChannel } from '@berth/api-contract';
import type { Notification } from '../notification.js';
import { alertLine, escapeHtml, fitLines, listedAlerts, titleOf } from '../render/summarise.js';
import { clampRetryAfter, type DeliveryOutcome } from '../transport/delivery-outcome.js';
import type { ChannelDefinition } from './channel-definition.js';
import { JSON_HEADERS, joinUrl, sendHttp } from './send-http.js';

/** HTML parse mode (the only Telegram mode with simple escaping); 4096 characters at most. */
export function telegramBody(config: TelegramChannel, notification: Notification): string {
  const { shown, hidden } = listedAlerts(notification);
  // Whole lines only: a clipped line could cut an HTML tag, which Telegram refuses.
  const text = fitLines(4096, {
    head: [`<b>${escapeHtml(titleOf(notification))}</b>`],
    items: shown.map((alert) =>
      alert.url
        ? `• <a href="${escapeHtml(alert.url)}">${escapeHtml(alertLine(alert))}</a>`
        : `• ${escapeHtml(alertLine(alert))}`,
    ),
    tail: notification.consoleUrl
      ? [`<a href="${escapeHtml(notification.consoleUrl)}">Open in Berth</a>`]
      : [],
    hiddenBefore: hidden,
  });
  return JSON.stringify({
    chat_id: config.chatId,
    ...(config.messageThreadId ? { message_thread_id: config.messageThreadId } : {}),
    text,
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
  });
}

/** Telegram answers `{ ok, description, parameters: { retry_after } }`, with 429 when flooded. */
function interpretTelegram(response: { status: number; body: string }): DeliveryOutcome | null {
  let parsed: { ok?: boolean; description?: string; parameters?: { retry_after?: number } };
  try {
    parsed = JSON.parse(response.body);
  } catch {
    return null;
  }
  if (response.status === 200 && parsed.ok === true) return { ok: true, status: 200 };
  const retryable = response.status === 429 || response.status >= 500;
  const retryAfter = parsed.parameters?.retry_after;
  return {
    ok: false,
    retryable,
    retryAfterMs: retryable && typeof retryAfter === 'number' ? clampRetryAfter(retryAfter * 1000) : null,
    error: `Telegram answered HTTP ${response.status}: ${parsed.description ?? 'no description'}`,
  };
}

export const telegramChannel: ChannelDefinition<TelegramChannel> = {
  kind: 'telegram',
  describe: (config) => `Telegram chat ${config.chatId}`,
  send: (config, notification, context) =>
    sendHttp(
      {
        method: 'POST',
        url: joinUrl(config.apiUrl, `bot${config.botToken}/sendMessage`),
        headers: { ...JSON_HEADERS },
        body: telegramBody(config, notification),
      },
      context,
      { receiver: 'Telegram', secrets: [config.botToken], interpret: interpretTelegram },
    ),
};
