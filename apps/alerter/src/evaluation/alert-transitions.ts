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

export type RuleTransitions = {
  orgId: string;
  rule: { id: string; severity: string; forS: number; keepFiringForS: number };
  /** New alerts: pending, or firing at once when the rule has no `for`. */
  open: readonly { fingerprint: string; observation: Observation }[];
  /** Pending alerts whose condition held: → firing once it held for `forS`. */
  fire: readonly string[];
  /** Open alerts whose condition no longer holds, with the state the plan saw. */
  resolve: readonly { id: string; expected: 'pending' | 'firing' }[];
  now: Date;
};

export type AppliedTransitions = { opened: AlertRow[]; fired: AlertRow[]; resolved: AlertRow[] };

/**
 * One rule's transitions of one evaluation in ONE statement, each reporting whether it won:
 * the opens an INSERT … ON CONFLICT on the one-open-alert-per-fingerprint index, the fires and
 * resolves an UPDATE … WHERE state = <expected> — and their alert_events rows written in the
 * same statement (data-modifying CTEs). Two alerters evaluating the same event both try;
 * PostgreSQL lets one through and the other gets no row. The three sets are disjoint (new
 * fingerprints, pending alerts, open alerts no longer true), and each is taken in a fixed order
 * (fingerprint, id), so two alerters never lock each other's rows crosswise.
 *
 * - open: firing at once when the rule has no `for`;
 * - fire: pending → firing once the condition held for `forS`;
 * - resolve: a pending alert at once (it never fired), a firing one once the condition has
 *   been false for `keepFiringForS`. Clears the acknowledgement (the next firing is news).
 */
export async function applyTransitions(
  client: pg.ClientBase,
  t: RuleTransitions,
): Promise<AppliedTransitions> {
  const applied: AppliedTransitions = { opened: [], fired: [], resolved: [] };
  if (t.open.length + t.fire.length + t.resolve.length === 0) return applied;
  const open = [...t.open].sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : 1));
  const { rows } = await client.query<AlertRow & { op: keyof AppliedTransitions }>(
    `WITH input AS (
       SELECT * FROM unnest($4::text[], $5::uuid[], $6::text[], $7::text[], $8::jsonb[], $9::text[], $10::float8[])
              WITH ORDINALITY AS i(fingerprint, host_id, container_name, container_id, labels, summary, value, n)),
     opened AS (
       INSERT INTO alerts (org_id, rule_id, fingerprint, state, severity, host_id, container_name, container_id,
                           labels, summary, value, pending_since, fired_at, last_true_at, updated_at)
       SELECT $1, $2, fingerprint, $3::alert_state, $11, host_id, container_name, container_id, labels, summary,
              value, $12, CASE WHEN $3 = 'firing' THEN $12::timestamptz END, $12, $12
         FROM input ORDER BY n
       ON CONFLICT (org_id, fingerprint) WHERE state <> 'resolved' DO NOTHING
       RETURNING ${COLUMNS}),
     fired AS (
       UPDATE alerts SET state = 'firing', fired_at = $12, updated_at = $12
        WHERE id = ANY($13::uuid[]) AND state = 'pending'
          AND pending_since <= $12::timestamptz - make_interval(secs => $14)
       RETURNING ${COLUMNS}),
     r AS (SELECT * FROM unnest($15::uuid[], $16::text[]) AS r(rid, expected)),
     before AS (SELECT a.id, a.acked_at FROM alerts a JOIN r ON r.rid = a.id),
     resolved AS (
       UPDATE alerts SET state = 'resolved', resolved_at = $12, acked_by = NULL, acked_at = NULL, ack_comment = NULL,
              updated_at = $12
         FROM r
        WHERE id = r.rid AND id = ANY($15::uuid[]) AND state = r.expected::alert_state
          AND (r.expected = 'pending' OR last_true_at <= $12::timestamptz - make_interval(secs => $17))
       RETURNING ${COLUMNS}, r.expected),
     logged AS (
       INSERT INTO alert_events (org_id, alert_id, kind, at, value, details)
       SELECT org_id, id, state, $12, value, '{}'::jsonb FROM opened
       UNION ALL SELECT org_id, id, 'firing', $12, value, '{}'::jsonb FROM fired
       UNION ALL
       SELECT x.org_id, x.id, 'resolved', $12, x.value,
              jsonb_strip_nulls(jsonb_build_object('neverFired', CASE WHEN x.expected = 'pending' THEN true END,
                                                   'ackCleared', CASE WHEN b.acked_at IS NOT NULL THEN true END))
         FROM resolved x JOIN before b ON b.id = x.id)
     SELECT 'opened' AS op, ${COLUMNS} FROM opened
     UNION ALL SELECT 'fired', ${COLUMNS} FROM fired
     UNION ALL SELECT 'resolved', ${COLUMNS} FROM resolved`,
    [
      t.orgId,
      t.rule.id,
      t.rule.forS === 0 ? 'firing' : 'pending',
      open.map((o) => o.fingerprint),
      open.map((o) => o.observation.hostId),
      open.map((o) => o.observation.containerName),
      open.map((o) => o.observation.containerId),
      open.map((o) => JSON.stringify(o.observation.labels)),
      open.map((o) => o.observation.summary),
      open.map((o) => o.observation.value),
      t.rule.severity,
      t.now,
      [...t.fire].sort(),
      t.rule.forS,
      t.resolve.map((r) => r.id),
      t.resolve.map((r) => r.expected),
      t.rule.keepFiringForS,
    ],
  );
  for (const { op, ...alert } of rows) applied[op].push(alert);
  return applied;
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
