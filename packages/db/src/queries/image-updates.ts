import { Prisma } from '../generated/prisma/client.js';
import type { Tx } from '../with-org.js';
import { type HostScope, scopeCondition } from './sql-helpers.js';

export type ImageUpdateRow = {
  id: string;
  image: string;
  platform: string;
  status: string | null;
  error: string | null;
  remoteDigest: string | null;
  newestPatch: string | null;
  newestMinor: string | null;
  newestMajor: string | null;
  rateLimitLimit: number | null;
  rateLimitRemaining: number | null;
  checkedAt: Date | null;
  nextCheckAt: Date;
  containers: {
    hostId: string;
    hostName: string;
    containerId: string;
    name: string;
    status: string | null;
  }[];
};

/**
 * The organisation's image update checks with the containers on each reference and their own
 * verdicts (container_image_updates), limited to the hosts the caller may see: a reference
 * only hidden hosts run is not listed. `status` keeps references with a container in it.
 */
export function listImageUpdates(
  tx: Tx,
  query: { orgId: string; scope: HostScope; status?: string | undefined },
): Promise<ImageUpdateRow[]> {
  const having = query.status ? Prisma.sql`HAVING bool_or(v.status = ${query.status})` : Prisma.empty;
  return tx.$queryRaw<ImageUpdateRow[]>(Prisma.sql`
    SELECT u.id, u.image, u.platform, u.status, u.error, u.remote_digest AS "remoteDigest",
      u.newest_patch AS "newestPatch", u.newest_minor AS "newestMinor", u.newest_major AS "newestMajor",
      u.rate_limit_limit AS "rateLimitLimit", u.rate_limit_remaining AS "rateLimitRemaining",
      u.checked_at AS "checkedAt", u.next_check_at AS "nextCheckAt",
      jsonb_agg(jsonb_build_object('hostId', v.host_id, 'hostName', h.name, 'containerId', trim(v.short_id),
        'name', v.name, 'status', v.status) ORDER BY h.name, v.name) AS containers
    FROM image_update_checks u
    JOIN container_image_updates v ON v.check_id = u.id
    JOIN hosts h ON h.id = v.host_id
    WHERE u.org_id = ${query.orgId}::uuid ${scopeCondition(Prisma.sql`v.host_id`, query.scope)}
    GROUP BY u.id
    ${having}
    ORDER BY u.image, u.platform`);
}

/**
 * Makes checks due now (all, or one reference's platforms) among those a visible host runs; a
 * check a host holds at the moment is left to it.
 */
export async function scheduleImageChecks(
  tx: Tx,
  query: { orgId: string; scope: HostScope; image?: string | undefined },
): Promise<number> {
  const only = query.image === undefined ? Prisma.empty : Prisma.sql`AND u.image = ${query.image}`;
  return tx.$executeRaw(Prisma.sql`
    UPDATE image_update_checks u SET next_check_at = now()
    WHERE u.org_id = ${query.orgId}::uuid ${only} AND (u.lease_until IS NULL OR u.lease_until < now())
      AND EXISTS (SELECT 1 FROM container_image_updates v
                  WHERE v.check_id = u.id ${scopeCondition(Prisma.sql`v.host_id`, query.scope)})`);
}

/** The organisation's check interval (`image_update_settings`); null: the server's default. */
export async function readImageUpdateSettings(
  tx: Tx,
  orgId: string,
): Promise<{ checkIntervalS: number | null; updatedAt: Date | null }> {
  const rows = await tx.$queryRaw<{ check_interval_s: number | null; updated_at: Date }[]>(Prisma.sql`
    SELECT check_interval_s, updated_at FROM image_update_settings WHERE org_id = ${orgId}::uuid`);
  const row = rows[0];
  return { checkIntervalS: row?.check_interval_s ?? null, updatedAt: row?.updated_at ?? null };
}

/**
 * Sets the organisation's check interval. A shorter interval applies at once: checks scheduled
 * further out than their last check plus the new interval become due then (a longer one waits
 * for each reference's next check, so nothing is checked twice for it).
 */
export async function writeImageUpdateSettings(
  tx: Tx,
  orgId: string,
  checkIntervalS: number | null,
): Promise<{ checkIntervalS: number | null; updatedAt: Date }> {
  const rows = await tx.$queryRaw<{ check_interval_s: number | null; updated_at: Date }[]>(Prisma.sql`
    INSERT INTO image_update_settings (org_id, check_interval_s, updated_at) VALUES (${orgId}::uuid, ${checkIntervalS}, now())
    ON CONFLICT (org_id) DO UPDATE SET check_interval_s = EXCLUDED.check_interval_s, updated_at = now()
    RETURNING check_interval_s, updated_at`);
  if (checkIntervalS !== null)
    await tx.$executeRaw(Prisma.sql`
      UPDATE image_update_checks SET next_check_at = coalesce(checked_at, now()) + make_interval(secs => ${checkIntervalS})
       WHERE org_id = ${orgId}::uuid AND next_check_at > coalesce(checked_at, now()) + make_interval(secs => ${checkIntervalS})`);
  const row = rows[0];
  if (!row) throw new Error('image_update_settings: the upsert returned no row');
  return { checkIntervalS: row.check_interval_s, updatedAt: row.updated_at };
}
