import type { ApiContext } from '../../../context.js';
import { decodeCursor, type Page, type PageQuery, pageOf, ZTimeIdCursorSchema } from '../../pagination.js';
import { inUser } from '../in-user.js';
import type { SignedInCaller } from '../signed-in-caller.js';

export type SessionView = {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
  ip: string | null;
};

/** The caller's live sessions, newest first ("profile → sessions"). */
export async function listUserSessions(
  ctx: ApiContext,
  caller: SignedInCaller,
  query: PageQuery,
): Promise<Page<SessionView>> {
  const after = decodeCursor(ZTimeIdCursorSchema, query.cursor);
  const rows = await inUser(ctx, caller.userId, (tx) =>
    tx.userSession.findMany({
      where: {
        userId: caller.userId,
        revokedAt: null,
        expiresAt: { gt: new Date() },
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
    (row) => ({
      id: row.id,
      current: row.id === caller.sessionId,
      createdAt: row.createdAt.toISOString(),
      lastSeenAt: row.lastSeenAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
      userAgent: row.userAgent,
      ip: row.ip,
    }),
  );
}
