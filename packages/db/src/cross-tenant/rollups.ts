import type { Queryable } from '../queryable.js';

/**
 * The organisations with minutes marked for roll-up that closed before `settledBefore`. The
 * rollup job then works on each under its own RLS scope; this is its only cross-tenant read.
 */
export async function crossTenantOrgsWithDirtyMinutes(db: Queryable, settledBefore: Date): Promise<string[]> {
  const { rows } = await db.query<{ org_id: string }>(
    'SELECT org_id FROM berth_maintenance.orgs_with_dirty_minutes($1) AS org_id',
    [settledBefore],
  );
  return rows.map((row) => row.org_id);
}
