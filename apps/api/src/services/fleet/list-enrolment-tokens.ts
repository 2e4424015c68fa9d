import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { inOrg } from '../in-org.js';
import { type PageQuery, pageByCreation } from '../pagination.js';
import { toEnrolmentTokenView } from './enrolment-token-view.js';

/** Newest first, keyset on (created_at, id); revoked and expired tokens included with their status. */
export async function listEnrolmentTokens(ctx: ApiContext, principal: Principal, query: PageQuery) {
  const paging = pageByCreation(query, 'desc');
  const rows = await inOrg(ctx, principal, (tx) =>
    tx.enrollmentToken.findMany({
      where: { orgId: principal.orgId, ...paging.where },
      orderBy: paging.orderBy,
      take: paging.take,
    }),
  );
  return paging.page(rows, toEnrolmentTokenView);
}
