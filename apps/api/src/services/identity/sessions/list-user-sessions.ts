import type { UserSession } from '@berth/api-contract';
import type { ApiContext } from '../../../context.js';
import { type Page, type PageQuery, pageByCreation } from '../../pagination.js';
import { inUser } from '../in-user.js';
import type { SignedInCaller } from '../signed-in-caller.js';

export type SessionView = UserSession;

/** The caller's live sessions, newest first ("profile → sessions"). */
export async function listUserSessions(
  ctx: ApiContext,
  caller: SignedInCaller,
  query: PageQuery,
): Promise<Page<SessionView>> {
  const paging = pageByCreation(query, 'desc', 'text');
  const rows = await inUser(ctx, caller.userId, (tx) =>
    tx.userSession.findMany({
      where: {
        userId: caller.userId,
        revokedAt: null,
        expiresAt: { gt: new Date() },
        ...paging.where,
      },
      orderBy: paging.orderBy,
      take: paging.take,
    }),
  );
  return paging.page(rows, (row) => ({
    id: row.id,
    current: row.id === caller.sessionId,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    userAgent: row.userAgent,
    ip: row.ip,
  }));
}
