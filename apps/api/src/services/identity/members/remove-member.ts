import type { Tx } from '@berth/db';
import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { inOrg } from '../../in-org.js';
import { assertMayManage, countOwnersLocked, lastOwnerError } from './role-rules.js';

/**
 * Removes a member (or, with `self`, the caller leaves). Their team memberships go too,
 * and the API tokens they created in this organisation are revoked: a token acts for its
 * creator, who no longer belongs here. The last owner can be neither removed nor leave.
 */
export async function removeMember(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  userId: string,
  options: { self?: boolean } = {},
): Promise<void> {
  await inOrg(ctx, principal, async (tx) => {
    const member = await tx.membership.findUnique({
      where: { orgId_userId: { orgId: principal.orgId, userId } },
    });
    if (!member) throw new AppError('not_found', 'no such member');
    if (!options.self) assertMayManage(principal, member);
    if (member.role === 'owner' && (await countOwnersLocked(tx)) <= 1) throw lastOwnerError();
    await detach(tx, userId);
    await tx.membership.delete({ where: { id: member.id } });
    await writeAudit(tx, principal, request, {
      action: options.self ? 'member.leave' : 'member.remove',
      targetType: 'user',
      targetId: userId,
      details: { role: member.role },
    });
  });
}

async function detach(tx: Tx, userId: string): Promise<void> {
  await tx.teamMember.deleteMany({ where: { userId } });
  await tx.apiToken.updateMany({
    where: { createdBy: userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
}
