import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { inOrg } from '../../in-org.js';
import { isUniqueViolation } from '../is-unique-violation.js';
import { teamNameTaken } from './create-team.js';
import { type HostSelector, type TeamView, teamView } from './team-view.js';

/** Renames a team and/or replaces its host selector (`{}` lifts the restriction). */
export async function updateTeam(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  teamId: string,
  input: { name?: string | undefined; hostSelector?: HostSelector | undefined },
): Promise<TeamView> {
  try {
    return await inOrg(ctx, principal, async (tx) => {
      const found = await tx.team.findUnique({ where: { id: teamId }, select: { id: true } });
      if (!found) throw new AppError('not_found', 'no such team');
      const team = await tx.team.update({
        where: { id: teamId },
        data: {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.hostSelector !== undefined ? { hostSelector: input.hostSelector } : {}),
        },
        include: { _count: { select: { members: true } } },
      });
      await writeAudit(tx, principal, request, {
        action: 'team.update',
        targetType: 'team',
        targetId: teamId,
        details: { ...input },
      });
      return teamView(team);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw teamNameTaken();
    throw error;
  }
}
