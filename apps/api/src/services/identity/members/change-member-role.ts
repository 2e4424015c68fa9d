import type { Role } from '@berth/db';
import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { inOrg } from '../../in-org.js';
import { assertMayManage, countOwnersLocked, lastOwnerError, rolesAbove } from './role-rules.js';

/**
 * Gives a member another role (see role-rules for who may). The last owner cannot be
 * demoted. API tokens the member created are capped at the new role, so a demotion cannot
 * be sidestepped with a token minted before it.
 */
export async function changeMemberRole(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  userId: string,
  role: Role,
): Promise<{ userId: string; role: Role }> {
  return inOrg(ctx, principal, async (tx) => {
    const member = await tx.membership.findUnique({
      where: { orgId_userId: { orgId: principal.orgId, userId } },
    });
    if (!member) throw new AppError('not_found', 'no such member');
    assertMayManage(principal, member, role);
    if (member.role === role) return { userId, role };
    if (member.role === 'owner' && (await countOwnersLocked(tx)) <= 1) throw lastOwnerError();
    await tx.membership.update({ where: { id: member.id }, data: { role } });
    await tx.apiToken.updateMany({
      where: { createdBy: userId, role: { in: rolesAbove(role) } },
      data: { role },
    });
    await writeAudit(tx, principal, request, {
      action: 'member.role_change',
      targetType: 'user',
      targetId: userId,
      details: { from: member.role, to: role },
    });
    return { userId, role };
  });
}
