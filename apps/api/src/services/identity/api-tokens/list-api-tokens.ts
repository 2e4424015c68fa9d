import { actingUserId, type Principal, roleAtLeast } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { inOrg } from '../../in-org.js';
import { type Page, type PageQuery, pageByCreation } from '../../pagination.js';
import { type ApiTokenView, apiTokenView } from './api-token-view.js';

/** Admins see every token of the organisation; others only those they created. Newest first. */
export async function listApiTokens(
  ctx: ApiContext,
  principal: Principal,
  query: PageQuery,
): Promise<Page<ApiTokenView>> {
  const paging = pageByCreation(query, 'desc');
  const mine = roleAtLeast(principal.role, 'admin') ? {} : { createdBy: actingUserId(principal) ?? '' };
  const rows = await inOrg(ctx, principal, (tx) =>
    tx.apiToken.findMany({
      where: {
        ...mine,
        ...paging.where,
      },
      orderBy: paging.orderBy,
      take: paging.take,
    }),
  );
  return paging.page(rows, apiTokenView);
}
