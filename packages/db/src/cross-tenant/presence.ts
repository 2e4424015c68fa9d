import type { Queryable } from '../queryable.js';

export type StaleHost = { hostId: string; orgId: string };

/**
 * Marks offline the online hosts of every organisation without a batch for `staleAfterMs`
 * (whichever gateway held them), and returns them for their status events.
 */
export async function crossTenantMarkStaleHostsOffline(
  db: Queryable,
  staleAfterMs: number,
): Promise<StaleHost[]> {
  const { rows } = await db.query<{ host_id: string; org_id: string }>(
    'SELECT * FROM berth_maintenance.mark_stale_hosts_offline(make_interval(secs => $1))',
    [staleAfterMs / 1000],
  );
  return rows.map((row) => ({ hostId: row.host_id, orgId: row.org_id }));
}
