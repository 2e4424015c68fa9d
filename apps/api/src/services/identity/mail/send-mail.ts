import { createTransport, type Transporter } from 'nodemailer';
import type { ApiContext } from '../../../context.js';

export type Mail = {
  to: string;
  subject: string;
  text: string /** The one link the message is about. */;
  link: string;
};

const transports = new WeakMap<ApiContext, Transporter>();

function transportOf(ctx: ApiContext, smtpUrl: string): Transporter {
  let transport = transports.get(ctx);
  if (!transport) {
    transport = createTransport(smtpUrl);
    transports.set(ctx, transport);
  }
  return transport;
}

/**
 * Sends through SMTP_URL. Without one (embedded mode), the link is logged instead, so a
 * single-machine install still works; never configure it so in production.
 */
export async function sendMail(ctx: ApiContext, mail: Mail): Promise<void> {
  const smtpUrl = ctx.settings.smtpUrl;
  if (!smtpUrl) {
    ctx.log.warn(
      { to: mail.to, subject: mail.subject, link: mail.link },
      'SMTP_URL not set: e-mail not sent',
    );
    return;
  }
  await transportOf(ctx, smtpUrl).sendMail({
    from: ctx.settings.mailFrom,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
  });
}

/** A link into the console, e.g. consoleLink(ctx, '/reset-password/confirm', { token }). */
export function consoleLink(ctx: ApiContext, path: string, query: Record<string, string>): string {
  const url = new URL(path, ctx.settings.publicUrl);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.toString();
}
