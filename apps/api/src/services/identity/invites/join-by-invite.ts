import type { Role, Tx } from '@berth/db';
import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import { writeAudit } from '../../audit/write-audit.js';

export type InviteToJoin = { inviteId: string; orgId: string; role: Role };

/**
 * Inside a transaction scoped to the invite's org: spends the invite (once: the update
 * matches only a live invite) and makes `userId` a member with the invite's role.
 */
export async function joinByInvite(
  tx: Tx,
  request: FastifyRequest,
  invite: InviteToJoin,
  userId: string,
): Promise<void> {
  const taken = await tx.invite.updateMany({
    where: { id: invite.inviteId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    data: { acceptedAt: new Date() },
  });
  if (taken.count !== 1) throw new AppError('gone', 'this invite was already used, revoked, or has expired');
  const existing = await tx.membership.findUnique({
    where: { orgId_userId: { orgId: invite.orgId, userId } },
    select: { id: true },
  });
  if (existing) throw new AppError('conflict', 'you are already a member of this organisation');
  await tx.membership.create({ data: { orgId: invite.orgId, userId, role: invite.role } });
  await writeAudit(tx, { kind: 'user', userId, orgId: invite.orgId, role: invite.role }, request, {
    action: 'invite.accept',
    targetType: 'invite',
    targetId: invite.inviteId,
    details: { role: invite.role },
  });
}
