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

export type HostConfigState = {
  configVersion: number;
  configAckedVersion: number;
  configAckedAt: Date | null;
};

/** The host's checks config version and the newest one its agent acknowledged; null when not visible. */
export async function getHostConfigState(tx: Tx, target: HostTarget): Promise<HostConfigState | null> {
  const rows = await tx.$queryRaw<{ version: string; acked: string; ackedAt: Date | null }[]>`
    SELECT h.config_version::text AS version, h.config_acked_version::text AS acked, h.config_acked_at AS "ackedAt"
    FROM hosts h
    WHERE h.org_id = ${target.orgId}::uuid AND h.id = ${target.hostId}::uuid
      ${scopeCondition(Prisma.sql`h.id`, target.scope)}`;
  const row = rows[0];
  return row
    ? {
        configVersion: Number(row.version),
        configAckedVersion: Number(row.acked),
        configAckedAt: row.ackedAt,
      }
    : null;
}
