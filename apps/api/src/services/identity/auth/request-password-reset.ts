import { randomBytes } from 'node:crypto';
import { crossTenantIssuePasswordReset, hashSecret } from '@berth/db';
import type { FastifyRequest } from 'fastify';
import type { ApiContext } from '../../../context.js';
import { consoleLink, sendMail } from '../mail/send-mail.js';

/**
 * Mails a single-use link (valid 1 hour) to the account of `email`, if there is one. The
 * caller always gets the same answer at the same speed: the mail is sent after the reply.
 * Resolves with the send (tests await it; the route does not).
 */
export async function requestPasswordReset(
  ctx: ApiContext,
  request: FastifyRequest,
  email: string,
): Promise<{ sent: Promise<void> }> {
  const token = `berth_reset_${randomBytes(32).toString('base64url')}`;
  const recipient = await crossTenantIssuePasswordReset(
    ctx.db,
    email,
    hashSecret(token),
    request.clientAddress,
  );
  if (!recipient) return { sent: Promise.resolve() };
  const link = consoleLink(ctx, '/reset-password/confirm', { token });
  const sent = sendMail(ctx, {
    to: recipient.email,
    subject: 'Reset your Berth password',
    text: [
      `Hello${recipient.name ? ` ${recipient.name}` : ''},`,
      '',
      'Someone (hopefully you) asked to reset the password of your Berth account.',
      `Choose a new password here within the next hour: ${link}`,
      '',
      'The link works once. If you did not ask for this, ignore this message.',
    ].join('\n'),
    link,
  }).catch((error: unknown) => ctx.log.error({ err: error }, 'password reset e-mail failed'));
  return { sent };
}
