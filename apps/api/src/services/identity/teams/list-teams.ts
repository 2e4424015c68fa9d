import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { inOrg } from '../../in-org.js';
import { type Page, type PageQuery, pageByCreation } from '../../pagination.js';
import { type TeamView, teamView } from './team-view.js';

/** The organisation's teams, oldest first, with member counts and host selectors. */
export async function listTeams(
  ctx: ApiContext,
  principal: Principal,
  query: PageQuery,
): Promise<Page<TeamView>> {
  const paging = pageByCreation(query, 'asc');
  const rows = await inOrg(ctx, principal, (tx) =>
    tx.team.findMany({
      where: paging.where,
      orderBy: paging.orderBy,
      take: paging.take,
      include: { _count: { select: { members: true } } },
    }),
  );
  return paging.page(rows, teamView);
}
