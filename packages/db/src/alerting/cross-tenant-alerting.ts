import type { Queryable } from '../queryable.js';

/** The organisations with at least one enabled alert rule: the periodic pass visits these. */
export async function crossTenantOrgsWithAlertRules(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ org_id: string }>(
    'SELECT org_id FROM berth_maintenance.orgs_with_alert_rules() AS org_id',
  );
  return rows.map((row) => row.org_id);
}

/** The organisations whose automatic image updates are on: the auto-update pass visits these. */
export async function crossTenantOrgsWithAutoUpdates(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ org_id: string }>(
    'SELECT org_id FROM berth_maintenance.orgs_with_auto_updates() AS org_id',
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

export type ClaimedPass = { orgId: string; leaseToken: string };

/**
 * Gives the organisations that gained rules a periodic pass due at `at`; once per round,
 * before `crossTenantClaimDueAlertPasses`. Resolves to how many were added.
 */
export async function crossTenantEnrolAlertPasses(db: Queryable, at: Date): Promise<number> {
  const { rows } = await db.query<{ added: number }>(
    'SELECT berth_maintenance.enrol_alert_passes($1) AS added',
    [at],
  );
  return rows[0]?.added ?? 0;
}

/**
 * Claims up to `max` organisations whose periodic pass is due (across every alerter replica)
 * for `leaseMs`, none claimed before in the same `roundId`. The replica evaluates each under
 * its scope, then calls `crossTenantFinishAlertPass`.
 */
export async function crossTenantClaimDueAlertPasses(
  db: Queryable,
  options: { at: Date; leaseMs: number; replicaId: string; roundId: string; max: number },
): Promise<ClaimedPass[]> {
  const { rows } = await db.query<{ org_id: string; lease_token: string }>(
    'SELECT * FROM berth_maintenance.claim_due_alert_passes($1, make_interval(secs => $2), $3, $4, $5)',
    [options.at, options.leaseMs / 1000, options.replicaId, options.roundId, options.max],
  );
  return rows.map((row) => ({ orgId: row.org_id, leaseToken: row.lease_token }));
}

/** Ends a pass claim; the next is due at `nextDue`. False: another replica took it over. */
export async function crossTenantFinishAlertPass(
  db: Queryable,
  claim: ClaimedPass,
  nextDue: Date,
): Promise<boolean> {
  const { rows } = await db.query<{ finished: boolean }>(
    'SELECT berth_maintenance.finish_alert_pass($1, $2, $3) AS finished',
    [claim.orgId, claim.leaseToken, nextDue],
  );
  return rows[0]?.finished === true;
}

/**
 * Registers (or renews) the replica for `ttlMs` and returns the live replicas' ids in rank
 * order: host events are split among exactly these.
 */
export async function crossTenantAlerterHeartbeat(
  db: Queryable,
  options: { replicaId: string; at: Date; ttlMs: number },
): Promise<string[]> {
  const { rows } = await db.query<{ replica_id: string }>(
    'SELECT replica_id FROM berth_maintenance.alerter_heartbeat($1, $2, make_interval(secs => $3)) AS replica_id',
    [options.replicaId, options.at, options.ttlMs / 1000],
  );
  return rows.map((row) => row.replica_id);
}

/** A clean stop: leaves the live set and hands back the replica's pass claims. */
export async function crossTenantAlerterLeave(db: Queryable, replicaId: string): Promise<void> {
  await db.query('SELECT berth_maintenance.alerter_leave($1)', [replicaId]);
}
