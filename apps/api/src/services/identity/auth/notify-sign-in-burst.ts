import { crossTenantFindUserForSignIn, crossTenantUserMemberships } from '@berth/db';
import type { FastifyRequest } from 'fastify';
import type { ApiContext } from '../../../context.js';
import { inUser } from '../in-user.js';
import { consoleLink, sendMail } from '../mail/send-mail.js';
import { writeUserAudit } from '../write-user-audit.js';

/**
 * Tells an account's owner that sign-ins from unfamiliar places are being slowed down
 * (the throttle asks at most once every 6 hours), with a one-time link that makes the
 * browser it is opened in a known device — the way in during an attack from a new laptop.
 * Audited in each of the user's organisations with the address of the refused attempt.
 * Runs after the reply, like the password-reset mail: the caller learns nothing from timing.
 */
export function notifySignInBurst(
  ctx: ApiContext,
  request: FastifyRequest,
  recipient: { email: string; name: string | null },
  unlockToken: string,
): void {
  const link = consoleLink(ctx, '/sign-in/unlock', { token: unlockToken });
  const mail = sendMail(ctx, {
    to: recipient.email,
    subject: 'Berth: sign-in attempts on your account are being slowed down',
    text: [
      `Hello${recipient.name ? ` ${recipient.name}` : ''},`,
      '',
      'Someone is trying to sign in to your Berth account with wrong passwords from places your',
      `account has not been used from (the latest from ${request.clientAddress}). Berth is slowing`,
      'these attempts down. Your account is not locked: browsers and addresses you signed in',
      'from before still get in as usual.',
      '',
      'To sign in from a new browser now, open this link in that browser within the next hour',
      `(it works once): ${link}`,
      '',
      'If the attempts were not you, consider a longer password; nothing else is needed.',
    ].join('\n'),
    link,
  });
  const audited = audit(ctx, request, recipient.email);
  Promise.all([mail, audited]).catch((error: unknown) =>
    ctx.log.error({ err: error }, 'sign-in burst notice failed'),
  );
}

async function audit(ctx: ApiContext, request: FastifyRequest, email: string): Promise<void> {
  const user = await crossTenantFindUserForSignIn(ctx.db, email);
  if (!user) return;
  const memberships = await crossTenantUserMemberships(ctx.db, user.userId);
  await inUser(ctx, user.userId, (tx) =>
    writeUserAudit(tx, user.userId, memberships, request, {
      action: 'user.sign_in_throttled',
      targetType: 'user',
      targetId: user.userId,
      details: { address: request.clientAddress, limitedBy: 'account' },
    }),
  );
}
