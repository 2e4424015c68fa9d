import type { Role, Tx } from '@berth/db';
import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import { actingUserId, type Principal, ROLE_RANK } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { inOrg } from '../../in-org.js';
import { consoleLink, sendMail } from '../mail/send-mail.js';
import { issueInviteToken } from './invite-token.js';
import { type InviteView, inviteView } from './invite-view.js';

export type NewInvite = { email: string; role: Role; expiresInHours: number };

/**
 * Invites an e-mail with a role (≤ the inviter's; owner only by owners). The link is
 * mailed and also returned, once, for the admin to pass on. A pending invite to the same
 * address is replaced (revoked), so one address never holds two live links.
 */
export async function createInvite(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  input: NewInvite,
): Promise<{ invite: InviteView; url: string; mailed: boolean }> {
  if (ROLE_RANK[input.role] > ROLE_RANK[principal.role]) {
    throw new AppError('forbidden', `only an ${input.role} or above may invite an ${input.role}`, {
      issues: [{ field: 'role', message: `above your role (${principal.role})` }],
    });
  }
  const { token, hash } = issueInviteToken();
  const { invite, orgName } = await inOrg(ctx, principal, (tx) =>
    storeInvite(tx, request, principal, input, hash),
  );
  const url = consoleLink(ctx, `/invite/${encodeURIComponent(token)}`, {});
  const mailed = await mailInvite(ctx, input.email, orgName, input.role, url, invite.expiresAt);
  return { invite: inviteView(invite), url, mailed };
}

async function storeInvite(
  tx: Tx,
  request: FastifyRequest,
  principal: Principal,
  input: NewInvite,
  hash: string,
) {
  const member = await tx.membership.findFirst({
    where: { user: { email: input.email } },
    select: { id: true },
  });
  if (member) {
    throw new AppError('conflict', 'this address already belongs to a member', {
      issues: [{ field: 'email', message: 'already a member' }],
    });
  }
  const now = new Date();
  await tx.invite.updateMany({
    where: { email: input.email, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { revokedAt: now },
  });
  const invite = await tx.invite.create({
    data: {
      orgId: principal.orgId,
      email: input.email,
      role: input.role,
      tokenHash: hash,
      invitedBy: actingUserId(principal),
      expiresAt: new Date(now.getTime() + input.expiresInHours * 3_600_000),
    },
  });
  await writeAudit(tx, principal, request, {
    action: 'invite.create',
    targetType: 'invite',
    targetId: invite.id,
    details: { email: input.email, role: input.role },
  });
  const org = await tx.organization.findUniqueOrThrow({
    where: { id: principal.orgId },
    select: { name: true },
  });
  return { invite, orgName: org.name };
}

/** A failed send does not undo the invite: the admin has the link and can pass it on. */
async function mailInvite(
  ctx: ApiContext,
  to: string,
  orgName: string,
  role: Role,
  url: string,
  expiresAt: Date,
) {
  try {
    await sendMail(ctx, {
      to,
      subject: `You are invited to ${orgName} on Berth`,
      text: [
        `You have been invited to join ${orgName} on Berth as ${role}.`,
        `Accept here (valid until ${expiresAt.toISOString()}): ${url}`,
        '',
        'The link works once. If you were not expecting this, ignore this message.',
      ].join('\n'),
      link: url,
    });
    return ctx.settings.smtpUrl !== undefined;
  } catch (error) {
    ctx.log.error({ err: error }, 'invite e-mail failed');
    return false;
  }
}
