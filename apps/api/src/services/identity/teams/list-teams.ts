import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { inOrg } from '../../in-org.js';
import { decodeCursor, type Page, type PageQuery, pageOf, ZTimeIdCursorSchema } from '../../pagination.js';
import { type TeamView, teamView } from './team-view.js';

/** The organisation's teams, oldest first, with member counts and host selectors. */
export async function listTeams(
  ctx: ApiContext,
  principal: Principal,
  query: PageQuery,
): Promise<Page<TeamView>> {
  const after = decodeCursor(ZTimeIdCursorSchema, query.cursor);
  const rows = await inOrg(ctx, principal, (tx) =>
    tx.team.findMany({
      where: after
        ? {
            OR: [
              { createdAt: { gt: new Date(after[0]) } },
              { createdAt: new Date(after[0]), id: { gt: after[1] } },
            ],
          }
        : {},
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: query.limit + 1,
      include: { _count: { select: { members: true } } },
    }),
  );
  return pageOf(rows, query.limit, (row) => [row.createdAt.toISOString(), row.id], teamView);
}
