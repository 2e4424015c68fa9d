import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { inOrg } from '../../in-org.js';
import { decodeCursor, type Page, type PageQuery, pageOf, ZTimeIdCursorSchema } from '../../pagination.js';
import { type InviteView, inviteView } from './invite-view.js';

/** The organisation's invites, newest first; `pendingOnly` hides used, revoked and expired ones. */
export async function listInvites(
  ctx: ApiContext,
  principal: Principal,
  query: PageQuery & { pendingOnly: boolean },
): Promise<Page<InviteView>> {
  const after = decodeCursor(ZTimeIdCursorSchema, query.cursor);
  const now = new Date();
  const rows = await inOrg(ctx, principal, (tx) =>
    tx.invite.findMany({
      where: {
        ...(query.pendingOnly ? { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } } : {}),
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
  return pageOf(
    rows,
    query.limit,
    (row) => [row.createdAt.toISOString(), row.id],
    (row) => inviteView(row, now),
  );
}
