import { AppError } from '@berth/http';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { writeAudit } from '../../audit/write-audit.js';
import { inOrg } from '../../in-org.js';
import { isUniqueViolation } from '../is-unique-violation.js';
import { type HostSelector, type TeamView, teamView } from './team-view.js';

export const teamNameTaken = () =>
  new AppError('conflict', 'a team with this name exists', {
    issues: [{ field: 'name', message: 'already taken' }],
  });

/** A team, optionally limited to the hosts whose labels match `hostSelector`. */
export async function createTeam(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  input: { name: string; hostSelector: HostSelector },
): Promise<TeamView> {
  try {
    return await inOrg(ctx, principal, async (tx) => {
      const team = await tx.team.create({
        data: { orgId: principal.orgId, name: input.name, hostSelector: input.hostSelector },
        include: { _count: { select: { members: true } } },
      });
      await writeAudit(tx, principal, request, {
        action: 'team.create',
        targetType: 'team',
        targetId: team.id,
        details: { name: input.name, hostSelector: input.hostSelector },
      });
      return teamView(team);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw teamNameTaken();
    throw error;
  }
}
