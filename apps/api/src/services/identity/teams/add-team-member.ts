import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { inOrg } from '../../in-org.js';

/** Adds a member of the organisation to a team; adding someone already in it changes nothing. */
export async function addTeamMember(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  teamId: string,
  userId: string,
): Promise<void> {
  await inOrg(ctx, principal, async (tx) => {
    const team = await tx.team.findUnique({ where: { id: teamId }, select: { id: true } });
    if (!team) throw new AppError('not_found', 'no such team');
    const member = await tx.membership.findUnique({
      where: { orgId_userId: { orgId: principal.orgId, userId } },
      select: { id: true },
    });
    if (!member) throw new AppError('not_found', 'no such member');
    const added = await tx.teamMember.createMany({
      data: [{ orgId: principal.orgId, teamId, userId }],
      skipDuplicates: true,
    });
    if (added.count === 0) return;
    await writeAudit(tx, principal, request, {
      action: 'team.member_add',
      targetType: 'team',
      targetId: teamId,
      details: { userId },
    });
  });
}
