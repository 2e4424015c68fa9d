import type { Role } from '@berth/db';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { inOrg } from '../../in-org.js';
import { decodeCursor, type Page, type PageQuery, pageOf, ZTimeIdCursorSchema } from '../../pagination.js';

export type MemberView = { userId: string; email: string; name: string | null; role: Role; joinedAt: string };

/** The organisation's members, in the order they joined. */
export async function listMembers(
  ctx: ApiContext,
  principal: Principal,
  query: PageQuery,
): Promise<Page<MemberView>> {
  const after = decodeCursor(ZTimeIdCursorSchema, query.cursor);
  const rows = await inOrg(ctx, principal, (tx) =>
    tx.membership.findMany({
      where: after
        ? {
            OR: [
              { createdAt: { gt: new Date(after[0]) } },
              { createdAt: new Date(after[0]), id: { gt: after[1] } },
            ],
          }
        : {},
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: query.limit + 1,
      include: { user: { select: { email: true, name: true } } },
    }),
  );
  return pageOf(
    rows,
    query.limit,
    (row) => [row.createdAt.toISOString(), row.id],
    (row) => ({
      userId: row.userId,
      email: row.user.email,
      name: row.user.name,
      role: row.role,
      joinedAt: row.createdAt.toISOString(),
    }),
  );
}
