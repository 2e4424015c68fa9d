import type { Principal } from '../../auth/principal.js';
import type { ApiContext } from '../../context.js';
import { inOrg } from '../in-org.js';
import { pageOf } from '../pagination.js';
import { toEnrolmentTokenView } from './enrolment-token-view.js';

export type TokenCursor = readonly [string, string];

/** Newest first, keyset on (created_at, id); revoked and expired tokens included with their status. */
export async function listEnrolmentTokens(
  ctx: ApiContext,
  principal: Principal,
  page: { limit: number; after: TokenCursor | null },
) {
  const rows = await inOrg(ctx, principal, (tx) => {
    const after = page.after;
    const createdAt = after ? new Date(after[0]) : null;
    return tx.enrollmentToken.findMany({
      where: {
        orgId: principal.orgId,
        ...(after && createdAt
          ? { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: after[1] } }] }
          : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: page.limit + 1,
    });
  });
  return pageOf(rows, page.limit, (row) => [row.createdAt.toISOString(), row.id], toEnrolmentTokenView);
}
