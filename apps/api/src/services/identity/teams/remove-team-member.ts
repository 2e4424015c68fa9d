import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { inOrg } from '../../in-org.js';

/** Takes a user out of a team (they stay in the organisation). */
export async function removeTeamMember(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  teamId: string,
  userId: string,
): Promise<void> {
  await inOrg(ctx, principal, async (tx) => {
    const removed = await tx.teamMember.deleteMany({ where: { teamId, userId } });
    if (removed.count === 0) throw new AppError('not_found', 'no such team member');
    await writeAudit(tx, principal, request, {
      action: 'team.member_remove',
      targetType: 'team',
      targetId: teamId,
      details: { userId },
    });
  });
}
