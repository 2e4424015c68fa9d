import type { Queryable } from '../queryable.js';

export type ExpiredAction = {
  actionId: string;
  orgId: string;
  hostId: string;
  containerShortId: string | null;
  verb: string;
  output: string;
};

/**
 * Ends the actions of every organisation that are past their deadline (a `running` one gets
 * `runningGraceMs` more) as `timed_out`, and returns them for their status events.
 */
export async function crossTenantExpireActions(
  db: Queryable,
  runningGraceMs: number,
): Promise<ExpiredAction[]> {
  const { rows } = await db.query<{
    action_id: string;
    org_id: string;
    host_id: string;
    container_short_id: string | null;
    verb: string;
    output: string;
  }>('SELECT * FROM berth_maintenance.expire_actions(make_interval(secs => $1))', [runningGraceMs / 1000]);
  return rows.map((row) => ({
    actionId: row.action_id,
    orgId: row.org_id,
    hostId: row.host_id,
    // The column is char(12); a padded value would not match the container's id.
    containerShortId: row.container_short_id?.trim() ?? null,
    verb: row.verb,
    output: row.output,
  }));
}
