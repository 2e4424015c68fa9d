import type { Member } from '@berth/api-contract';
import type { Principal } from '../../../auth/principal.js';
import type { ApiContext } from '../../../context.js';
import { inOrg } from '../../in-org.js';
import { type Page, type PageQuery, pageByCreation } from '../../pagination.js';

export type MemberView = Member;

/** The organisation's members, in the order they joined. */
export async function listMembers(
  ctx: ApiContext,
  principal: Principal,
  query: PageQuery,
): Promise<Page<MemberView>> {
  const paging = pageByCreation(query, 'asc');
  const rows = await inOrg(ctx, principal, (tx) =>
    tx.membership.findMany({
      where: paging.where,
      orderBy: paging.orderBy,
      take: paging.take,
      include: { user: { select: { email: true, name: true } } },
    }),
  );
  return paging.page(rows, (row) => ({
    userId: row.userId,
    email: row.user.email,
    name: row.user.name,
    role: row.role,
    joinedAt: row.createdAt.toISOString(),
  }));
}
