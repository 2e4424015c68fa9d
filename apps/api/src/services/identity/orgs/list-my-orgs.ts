import { crossTenantUserMemberships, type UserMembership } from '@berth/db';
import { z } from 'zod';
import type { ApiContext } from '../../../context.js';
import { decodeCursor, type Page, type PageQuery, pageOf } from '../../pagination.js';

const ZOrgCursorSchema = z.tuple([z.string(), z.uuid()]);

function after(a: UserMembership, key: readonly [string, string]): boolean {
  return a.orgName > key[0] || (a.orgName === key[0] && a.orgId > key[1]);
}

/**
 * The organisations the user belongs to, by name: the console's org switcher. A user
 * has few, so the page is cut from the full list.
 */
export async function listMyOrgs(
  ctx: ApiContext,
  userId: string,
  query: PageQuery,
): Promise<Page<UserMembership>> {
  const cursor = decodeCursor(ZOrgCursorSchema, query.cursor);
  const all = (await crossTenantUserMemberships(ctx.db, userId)).sort((a, b) =>
    a.orgName === b.orgName ? (a.orgId < b.orgId ? -1 : 1) : a.orgName < b.orgName ? -1 : 1,
  );
  const rows = cursor ? all.filter((m) => after(m, cursor)) : all;
  return pageOf(
    rows.slice(0, query.limit + 1),
    query.limit,
    (m) => [m.orgName, m.orgId],
    (m) => m,
  );
}
