import type { Action } from '@berth/api-contract';
import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { visibleHostFilter } from '../identity/visible-host-filter.js';
import { inOrg } from '../in-org.js';
import { type Page, type PageQuery, pageByCreation } from '../pagination.js';
import { toActionView } from './action-view.js';

export type ActionFilters = {
  hostId?: string | undefined;
  containerId?: string | undefined;
  status?: Action['status'] | undefined;
  verb?: string | undefined;
};

/** Actions on the hosts the caller may see, newest first. */
export async function listActions(
  ctx: ApiContext,
  principal: Principal,
  query: PageQuery & ActionFilters,
): Promise<Page<Action>> {
  const paging = pageByCreation(query, 'desc');
  const rows = await inOrg(ctx, principal, async (tx) =>
    tx.action.findMany({
      where: {
        host: await visibleHostFilter(tx, principal),
        hostId: query.hostId,
        containerShortId: query.containerId,
        status: query.status,
        verb: query.verb,
        ...paging.where,
      },
      orderBy: paging.orderBy,
      take: paging.take,
    }),
  );
  return paging.page(rows, toActionView);
}
