import { Prisma } from '../generated/prisma/client.js';
import type { Tx } from '../with-org.js';
import { hostRunsGroupCondition } from './container-groups.js';
import { HOST_COLUMNS, type HostRow, hostJoins, type RawHostRow, toHostRow } from './host-rows.js';
import {
  allOf,
  containsPattern,
  type HostScope,
  type LabelMatch,
  labelConditions,
  scopeCondition,
} from './sql-helpers.js';

/** `revoked` hosts are listed apart: their stored status is whatever it was when revoked. */
export type HostStatusFilter = 'pending' | 'online' | 'offline' | 'revoked';

export type HostListQuery = {
  orgId: string;
  scope: HostScope;
  statuses?: readonly HostStatusFilter[] | undefined;
  labels?: readonly LabelMatch[] | undefined;
  q?: string | undefined;
  /** Hosts running a (present) member of any of these groups. */
  groupIds?: readonly string[] | undefined;
  /** (name, id) of the last host already returned; hosts are listed by name. */
  after: readonly [string, string] | null;
  limit: number;
};

function statusCondition(statuses: readonly HostStatusFilter[]): Prisma.Sql {
  const live = statuses.filter((status) => status !== 'revoked');
  const parts: Prisma.Sql[] = [];
  if (live.length) parts.push(Prisma.sql`(h.revoked_at IS NULL AND h.status::text = ANY(${live}::text[]))`);
  if (statuses.includes('revoked')) parts.push(Prisma.sql`h.revoked_at IS NOT NULL`);
  return Prisma.sql`(${Prisma.join(parts, ' OR ')})`;
}

export function listHostsSql(query: HostListQuery): Prisma.Sql {
  const conditions = [Prisma.sql`h.org_id = ${query.orgId}::uuid`];
  if (query.scope !== null)
    conditions.push(Prisma.sql`TRUE ${scopeCondition(Prisma.sql`h.id`, query.scope)}`);
  if (query.statuses?.length) conditions.push(statusCondition(query.statuses));
  if (query.q) {
    const pattern = containsPattern(query.q);
    conditions.push(
      Prisma.sql`(h.name ILIKE ${pattern} ESCAPE '\\' OR h.hostname ILIKE ${pattern} ESCAPE '\\')`,
    );
  }
  conditions.push(...labelConditions(Prisma.sql`h.labels`, query.labels ?? []));
  if (query.groupIds?.length) conditions.push(hostRunsGroupCondition(query.groupIds));
  if (query.after)
    conditions.push(Prisma.sql`(h.name, h.id) > (${query.after[0]}::text, ${query.after[1]}::uuid)`);
  return Prisma.sql`
    SELECT ${HOST_COLUMNS} FROM (
      SELECT * FROM hosts h WHERE ${allOf(conditions)} ORDER BY h.name, h.id LIMIT ${query.limit + 1}
    ) h ${hostJoins()}
    ORDER BY h.name, h.id`;
}

/** A page of hosts by name (one more than `limit` when there is a next page). */
export async function listHosts(tx: Tx, query: HostListQuery): Promise<HostRow[]> {
  const rows = await tx.$queryRaw<RawHostRow[]>(listHostsSql(query));
  return rows.map(toHostRow);
}
