import type { Queryable } from '../queryable.js';

/** The organisations with at least one enabled alert rule: the periodic pass visits these. */
export async function crossTenantOrgsWithAlertRules(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ org_id: string }>(
    'SELECT org_id FROM berth_maintenance.orgs_with_alert_rules() AS org_id',
  );
  return rows.map((row) => row.org_id);
}

/** The organisations with a notification group whose next message is due at `at`. */
export async function crossTenantOrgsWithDueAlertGroups(db: Queryable, at: Date): Promise<string[]> {
  const { rows } = await db.query<{ org_id: string }>(
    'SELECT org_id FROM berth_maintenance.orgs_with_due_alert_groups($1) AS org_id',
    [at],
  );
  return rows.map((row) => row.org_id);
}

export type ClaimedNotification = { id: string; orgId: string; leaseToken: string };

/**
 * Claims up to `max` due notifications of any organisation for `leaseMs` (queued ones whose
 * attempt is due, and sending ones whose worker's lease ran out). The worker then reads and
 * records each under its organisation's scope; the lease token fences a late worker out.
 */
export async function crossTenantClaimDueNotifications(
  db: Queryable,
  options: { at: Date; leaseMs: number; max: number },
): Promise<ClaimedNotification[]> {
  const { rows } = await db.query<{ id: string; org_id: string; lease_token: string }>(
    'SELECT * FROM berth_maintenance.claim_due_notifications($1, make_interval(secs => $2), $3)',
    [options.at, options.leaseMs / 1000, options.max],
  );
  return rows.map((row) => ({ id: row.id, orgId: row.org_id, leaseToken: row.lease_token }));
}
