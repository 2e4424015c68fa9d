import { Prisma } from '../generated/prisma/client.js';
import type { Tx } from '../with-org.js';
import { HOST_COLUMNS, type HostRow, hostJoins, type RawHostRow, toHostRow } from './host-rows.js';
import { type HostScope, scopeCondition } from './sql-helpers.js';

export type HostTarget = { orgId: string; scope: HostScope; hostId: string };

/** One host with its container counts and newest sample; null when it is not visible. */
export async function getHost(tx: Tx, target: HostTarget): Promise<HostRow | null> {
  const rows = await tx.$queryRaw<RawHostRow[]>`
    SELECT ${HOST_COLUMNS} FROM hosts h ${hostJoins()}
    WHERE h.org_id = ${target.orgId}::uuid AND h.id = ${target.hostId}::uuid
      ${scopeCondition(Prisma.sql`h.id`, target.scope)}`;
  const row = rows[0];
  return row ? toHostRow(row) : null;
}
