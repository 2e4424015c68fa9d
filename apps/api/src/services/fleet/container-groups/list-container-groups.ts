import type { ContainerGroup } from '@berth/api-contract';
import { countGroupMembers } from '@berth/db/queries';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { inOrg } from '../../in-org.js';
import { type Page, type PageQuery, pageByCreation } from '../../pagination.js';
import { hostScopeOf } from '../host-scope.js';
import { groupView } from './group-view.js';

/** The organisation's container groups, oldest first, counting members on hosts the caller may see. */
export async function listContainerGroups(
  ctx: ApiContext,
  principal: Principal,
  query: PageQuery,
): Promise<Page<ContainerGroup>> {
  const paging = pageByCreation(query, 'asc');
  const { rows, counts } = await inOrg(ctx, principal, async (tx) => {
    const rows = await tx.containerGroup.findMany({
      where: paging.where,
      orderBy: paging.orderBy,
      take: paging.take,
    });
    const counts = await countGroupMembers(tx, {
      orgId: principal.orgId,
      scope: await hostScopeOf(tx, principal),
      groupIds: rows.map((row) => row.id),
    });
    return { rows, counts };
  });
  return paging.page(rows, (row) => groupView(row, counts.get(row.id) ?? 0));
}
