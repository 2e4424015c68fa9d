import type pg from 'pg';
import type { Observation } from './observation.js';

/**
 * The alert transitions. Each is ONE statement that reports whether it won: an INSERT … ON
 * CONFLICT on the one-open-alert-per-fingerprint index, or an UPDATE … WHERE state = <expected>
 * — and writes its alert_events row in the same statement (a data-modifying CTE). Two alerters
 * evaluating the same event both try; PostgreSQL lets one through and the other gets no row.
 */

export type AlertRow = {
  id: string;
  org_id: string;
  rule_id: string;
  fingerprint: string;
  state: 'pending' | 'firing' | 'resolved';
  severity: 'info' | 'warning' | 'critical';
  host_id: string | null;
  container_name: string | null;
  container_id: string | null;
  labels: Record<string, string>;
  summary: string;
  value: number | null;
  pending_since: Date;
  fired_at: Date | null;
  resolved_at: Date | null;
  last_true_at: Date;
  acked_at: Date | null;
};

const COLUMNS = `id, org_id, rule_id, fingerprint, state::text AS state, severity, host_id, container_name,
  container_id, labels, summary, value, pending_since, fired_at, resolved_at, last_true_at, acked_at`;

/** Open alerts of any of `ruleIds`, on `hostIds` (null: all): one read for an evaluation. */
export async function openAlertsOfRules(
  client: pg.ClientBase,
  ruleIds: readonly string[],
  hostIds: readonly string[] | null,
): Promise<AlertRow[]> {
  const { rows } = await client.query<AlertRow>(
    `SELECT ${COLUMNS} FROM alerts WHERE rule_id = ANY($1) AND state <> 'resolved'
        AND ($2::uuid[] IS NULL OR host_id = ANY($2))`,
    [ruleIds, hostIds],
  );
  return rows;
}

/** A new alert: pending, or firing at once when the rule has no `for`. Null: another won. */
export async function openAlert(
  client: pg.ClientBase,
  alert: {
    orgId: string;
    ruleId: string;
    fingerprint: string;
    severity: string;
    firing: boolean;
    observation: Observation;
    now: Date;
  },
): Promise<AlertRow | null> {
  const o = alert.observation;
  const { rows } = await client.query<AlertRow>(
    `WITH opened AS (
       INSERT INTO alerts (org_id, rule_id, fingerprint, state, severity, host_id, container_name, container_id,
                           labels, summary, value, pending_since, fired_at, last_true_at, updated_at)
       VALUES ($1, $2, $3, $4::alert_state, $5, $6, $7, $8, $9, $10, $11, $12, CASE WHEN $4 = 'firing' THEN $12::timestamptz END, $12, $12)
       ON CONFLICT (org_id, fingerprint) WHERE state <> 'resolved' DO NOTHING
       RETURNING ${COLUMNS}),
     logged AS (
       INSERT INTO alert_events (org_id, alert_id, kind, at, value)
       SELECT org_id, id, state, $12, value FROM opened)
     SELECT * FROM opened`,
    [
      alert.orgId,
      alert.ruleId,
      alert.fingerprint,
      alert.firing ? 'firing' : 'pending',
      alert.severity,
      o.hostId,
      o.containerName,
      o.containerId,
      JSON.stringify(o.labels),
      o.summary,
      o.value,
      alert.now,
    ],
  );
  return rows[0] ?? null;
}

/**
 * The condition still holds: remember when (keep_firing counts from it) and the newest value,
 * for all the evaluation's alerts in one statement. Not a transition (no state changes, nothing
 * decided between alerters): the rows are locked in id order first, so two alerters touching
 * overlapping sets wait for each other rather than deadlock.
 */
export async function touchAlerts(
  client: pg.ClientBase,
  touches: readonly { id: string; observation: Observation }[],
  now: Date,
): Promise<void> {
  if (touches.length === 0) return;
  await client.query(
    `WITH t AS (SELECT * FROM unnest($2::uuid[], $3::float8[], $4::text[], $5::text[]) AS t(id, value, summary, container_id)),
     locked AS (
       SELECT a.id FROM alerts a JOIN t ON t.id = a.id
        WHERE a.state <> 'resolved' AND a.last_true_at <= $1 ORDER BY a.id FOR UPDATE OF a)
     UPDATE alerts a SET last_true_at = $1, value = t.value, summary = t.summary,
            container_id = coalesce(t.container_id, a.container_id), updated_at = $1
       FROM t JOIN locked l ON l.id = t.id
      WHERE a.id = t.id AND a.state <> 'resolved' AND a.last_true_at <= $1`,
    [
      now,
      touches.map((t) => t.id),
      touches.map((t) => t.observation.value),
      touches.map((t) => t.observation.summary),
      touches.map((t) => t.observation.containerId),
    ],
  );
}

/** pending → firing once the condition held for `forS`. Null: not yet, or another alerter won. */
export async function fireAlert(
  client: pg.ClientBase,
  id: string,
  forS: number,
  now: Date,
): Promise<AlertRow | null> {
  const { rows } = await client.query<AlertRow>(
    `WITH fired AS (
       UPDATE alerts SET state = 'firing', fired_at = $2, updated_at = $2
        WHERE id = $1 AND state = 'pending' AND pending_since <= $2::timestamptz - make_interval(secs => $3)
       RETURNING ${COLUMNS}),
     logged AS (
       INSERT INTO alert_events (org_id, alert_id, kind, at, value) SELECT org_id, id, 'firing', $2, value FROM fired)
     SELECT * FROM fired`,
    [id, now, forS],
  );
  return rows[0] ?? null;
}

/**
 * → resolved: a pending alert at once (it never fired), a firing one once the condition has
 * been false for `keepFiringForS`. Clears the acknowledgement (the next firing is news).
 */
export async function resolveAlert(
  client: pg.ClientBase,
  id: string,
  expected: 'pending' | 'firing',
  keepFiringForS: number,
  now: Date,
): Promise<AlertRow | null> {
  const { rows } = await client.query<AlertRow>(
    `WITH before AS (SELECT id, acked_at FROM alerts WHERE id = $1),
     resolved AS (
       UPDATE alerts SET state = 'resolved', resolved_at = $3, acked_by = NULL, acked_at = NULL, ack_comment = NULL,
              updated_at = $3
        WHERE id = $1 AND state = $2::alert_state
          AND ($2 = 'pending' OR last_true_at <= $3::timestamptz - make_interval(secs => $4))
       RETURNING ${COLUMNS}),
     logged AS (
       INSERT INTO alert_events (org_id, alert_id, kind, at, value, details)
       SELECT r.org_id, r.id, 'resolved', $3, r.value,
              jsonb_strip_nulls(jsonb_build_object('neverFired', CASE WHEN $2 = 'pending' THEN true END,
                                                   'ackCleared', CASE WHEN b.acked_at IS NOT NULL THEN true END))
         FROM resolved r JOIN before b ON b.id = r.id)
     SELECT * FROM resolved`,
    [id, expected, now, keepFiringForS],
  );
  return rows[0] ?? null;
}

/**
 * Open alerts of rules that were disabled since: resolved (their condition is no longer
 * watched), not notified — nobody is told about a rule they switched off.
 */
export async function resolveAlertsOfDisabledRules(client: pg.ClientBase, now: Date): Promise<AlertRow[]> {
  const { rows } = await client.query<AlertRow>(
    `WITH resolved AS (
       UPDATE alerts a SET state = 'resolved', resolved_at = $1, acked_by = NULL, acked_at = NULL,
              ack_comment = NULL, updated_at = $1
         FROM alert_rules r
        WHERE r.id = a.rule_id AND NOT r.enabled AND a.state <> 'resolved'
       RETURNING a.id, a.org_id, a.rule_id, a.fingerprint, a.state::text AS state, a.severity, a.host_id,
                 a.container_name, a.container_id, a.labels, a.summary, a.value, a.pending_since, a.fired_at,
                 a.resolved_at, a.last_true_at, a.acked_at),
     logged AS (
       INSERT INTO alert_events (org_id, alert_id, kind, at, value, details)
       SELECT org_id, id, 'resolved', $1, value, '{"ruleDisabled":true}' FROM resolved)
     SELECT * FROM resolved`,
    [now],
  );
  return rows;
}
