import type { TeamMember } from '@berth/api-contract';
import { AppError } from '@berth/http';
import { z } from 'zod';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { inOrg } from '../../in-org.js';
import { decodeCursor, type Page, type PageQuery, pageOf } from '../../pagination.js';

export type TeamMemberView = TeamMember;

const ZUserCursorSchema = z.tuple([z.uuid()]);

/** A team's members, by user id. */
export async function listTeamMembers(
  ctx: ApiContext,
  principal: Principal,
  teamId: string,
  query: PageQuery,
): Promise<Page<TeamMemberView>> {
  const after = decodeCursor(ZUserCursorSchema, query.cursor);
  const rows = await inOrg(ctx, principal, async (tx) => {
    const team = await tx.team.findUnique({ where: { id: teamId }, select: { id: true } });
    if (!team) throw new AppError('not_found', 'no such team');
    return tx.teamMember.findMany({
      where: { teamId, ...(after ? { userId: { gt: after[0] } } : {}) },
      orderBy: { userId: 'asc' },
      take: query.limit + 1,
      include: { user: { select: { email: true, name: true } } },
    });
  });
  return pageOf(
    rows,
    query.limit,
    (row) => [row.userId],
    (row) => ({ userId: row.userId, email: row.user.email, name: row.user.name }),
  );
}
