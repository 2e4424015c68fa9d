import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { inOrg } from '../../in-org.js';

/** Deletes a team (its memberships go with it; the members stay in the organisation). */
export async function deleteTeam(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  teamId: string,
): Promise<void> {
  await inOrg(ctx, principal, async (tx) => {
    const deleted = await tx.team.deleteMany({ where: { id: teamId } });
    if (deleted.count === 0) throw new AppError('not_found', 'no such team');
    await writeAudit(tx, principal, request, { action: 'team.delete', targetType: 'team', targetId: teamId });
  });
}
