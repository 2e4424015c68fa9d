import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { inOrg } from '../../in-org.js';
import { type Page, type PageQuery, pageByCreation } from '../../pagination.js';
import { type InviteView, inviteView } from './invite-view.js';

/** The organisation's invites, newest first; `pendingOnly` hides used, revoked and expired ones. */
export async function listInvites(
  ctx: ApiContext,
  principal: Principal,
  query: PageQuery & { pendingOnly: boolean },
): Promise<Page<InviteView>> {
  const paging = pageByCreation(query, 'desc');
  const now = new Date();
  const rows = await inOrg(ctx, principal, (tx) =>
    tx.invite.findMany({
      where: {
        ...(query.pendingOnly ? { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } } : {}),
        ...paging.where,
      },
      orderBy: paging.orderBy,
      take: paging.take,
    }),
  );
  return paging.page(rows, (row) => inviteView(row, now));
}
