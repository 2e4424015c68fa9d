import { actingUserId, type Principal, roleAtLeast } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { inOrg } from '../../in-org.js';
import { decodeCursor, type Page, type PageQuery, pageOf, ZTimeIdCursorSchema } from '../../pagination.js';
import { type ApiTokenView, apiTokenView } from './api-token-view.js';

/** Admins see every token of the organisation; others only those they created. Newest first. */
export async function listApiTokens(
  ctx: ApiContext,
  principal: Principal,
  query: PageQuery,
): Promise<Page<ApiTokenView>> {
  const after = decodeCursor(ZTimeIdCursorSchema, query.cursor);
  const mine = roleAtLeast(principal.role, 'admin') ? {} : { createdBy: actingUserId(principal) ?? '' };
  const rows = await inOrg(ctx, principal, (tx) =>
    tx.apiToken.findMany({
      where: {
        ...mine,
        ...(after
          ? {
              OR: [
                { createdAt: { lt: new Date(after[0]) } },
                { createdAt: new Date(after[0]), id: { lt: after[1] } },
              ],
            }
          : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    }),
  );
  return pageOf(rows, query.limit, (row) => [row.createdAt.toISOString(), row.id], apiTokenView);
}
