import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { EmailChannel } from '@berth/api-contract';
import { createTransport } from 'nodemailer';
import type { Notification } from '../notification.js';
import { alertLine, colourOf, escapeHtml, listedAlerts, plainText, titleOf } from '../render/summarise.js';
import { type DeliveryOutcome, redactOutcome } from '../transport/delivery-outcome.js';
import { BlockedDestinationError, isPrivateAddress } from '../transport/destination-guard.js';
import type { ChannelDefinition, SendContext } from './channel-definition.js';

export function emailHtml(notification: Notification): string {
  const { shown, hidden } = listedAlerts(notification);
  const rows = shown
    .map((alert) => {
      const text = escapeHtml(alertLine(alert));
      return `<li>${alert.url ? `<a href="${escapeHtml(alert.url)}">${text}</a>` : text}</li>`;
    })
    .join('');
  return [
    `<h2 style="border-left:6px solid ${colourOf(notification)};padding-left:8px">${escapeHtml(titleOf(notification))}</h2>`,
    `<ul>${rows}${hidden > 0 ? `<li>… and ${hidden} more</li>` : ''}</ul>`,
    notification.consoleUrl
      ? `<p><a href="${escapeHtml(notification.consoleUrl)}">Open in Berth</a></p>`
      : '',
  ].join('\n');
}

/** Connects to the address it checked (TLS still verifies the name), so DNS cannot swap it after. */
async function guardedTarget(smtpUrl: string, context: SendContext) {
  const url = new URL(smtpUrl);
  if (context.transport.allowPrivateTargets) return { url: smtpUrl, servername: undefined };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const address = isIP(host) ? host : (await lookup(host)).address;
  if (isPrivateAddress(address)) throw new BlockedDestinationError(host);
  const pinned = new URL(smtpUrl);
  pinned.hostname = address.includes(':') ? `[${address}]` : address;
  return { url: pinned.toString(), servername: isIP(host) ? undefined : host };
}

/** SMTP replies: 4xx try again, 5xx and refused logins need the channel fixed. */
function outcomeOfSmtpError(error: unknown): DeliveryOutcome {
  const {
    code = '',
    responseCode,
    message = String(error),
  } = error as {
    code?: string;
    responseCode?: number;
    message?: string;
  };
  // The server's reply code says it best (a refused recipient is EENVELOPE with 452 or 550).
  const permanent =
    typeof responseCode === 'number'
      ? responseCode >= 500
      : code === 'EBERTH_BLOCKED_DESTINATION' || code === 'EAUTH' || code === 'EENVELOPE';
  return { ok: false, retryable: !permanent, retryAfterMs: null, error: `SMTP: ${message}` };
}

export const emailChannel: ChannelDefinition<EmailChannel> = {
  kind: 'email',
  describe: (config) =>
    `e-mail to ${config.to.slice(0, 3).join(', ')}${config.to.length > 3 ? ` and ${config.to.length - 3} more` : ''}`,
  async send(config, notification, context) {
    const smtpUrl = config.smtpUrl ?? context.smtp?.url;
    const from = context.smtp?.from ?? 'Berth <berth@localhost>';
    if (!smtpUrl)
      return {
        ok: false,
        retryable: false,
        retryAfterMs: null,
        error: 'no SMTP server: set one on the channel or SMTP_URL for the installation',
      };
    const secrets = [smtpUrl, ...(config.smtpUrl ? passwordOf(config.smtpUrl) : [])];
    try {
      const target = config.smtpUrl
        ? await guardedTarget(config.smtpUrl, context)
        : { url: smtpUrl, servername: undefined };
      const transport = createTransport({
        url: target.url,
        connectionTimeout: context.transport.timeoutMs,
        greetingTimeout: context.transport.timeoutMs,
        socketTimeout: context.transport.timeoutMs,
        ...(target.servername ? { tls: { servername: target.servername } } : {}),
      });
      try {
        await transport.sendMail({
          from,
          to: config.to,
          subject: titleOf(notification),
          text: plainText(notification),
          html: emailHtml(notification),
          // A retried delivery carries the same Message-ID: mail clients thread or drop the copy.
          messageId: `<${notification.id}@berth.notify>`,
          headers: { 'X-Berth-Group': notification.groupKey, 'Auto-Submitted': 'auto-generated' },
        });
      } finally {
        transport.close();
      }
      return { ok: true, status: null };
    } catch (error) {
      return redactOutcome(outcomeOfSmtpError(error), secrets);
    }
  },
};

function passwordOf(smtpUrl: string): string[] {
  try {
    const { password } = new URL(smtpUrl);
    return password ? [decodeURIComponent(password)] : [];
  } catch {
    return [];
  }
}
