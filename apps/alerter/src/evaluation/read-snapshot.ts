import { CHECK_RUN_FRESH_S } from '@berth/api-contract';
import pg from 'pg';
import type { AlertRow } from './alert-transitions.js';
import type { FleetObjects } from './load-objects.js';
import {
  type CheckedRule,
  checkRule,
  parseRuleRows,
  type Rule,
  type RuleRow,
  type SkippedRule,
} from './load-rules.js';
import type { CheckRunRow, ContainerSampleRow, HostSampleRow, ImageUpdateRow } from './readings.js';

/**
 * Container events of the actions event-like conditions count, in the widest window any rule
 * of the organisation asks for; `ts_us` (epoch microseconds) compares exactly where the column
 * does, and `berth` says an action Berth was asked for (stop/restart/kill) covers the event.
 */
export type EventRow = {
  host_id: string;
  container_id: string;
  action: string;
  ts_us: number;
  count: number;
  berth: boolean;
};

/** What the evaluation's one read statement brought; a reading no rule's kind needs is null. */
export type Snapshot = {
  rules: Rule[];
  skipped: SkippedRule[];
  objects: FleetObjects;
  openAlerts: AlertRow[];
  hostSamples: HostSampleRow[] | null;
  containerSamples: ContainerSampleRow[] | null;
  checkRuns: CheckRunRow[] | null;
  imageUpdates: ImageUpdateRow[] | null;
  /** Null: no rule counts events (a request then reads them itself, readings.ts). */
  events: { fromMs: number; actions: ReadonlySet<string>; rows: EventRow[] } | null;
};

/** The actions event-like conditions count (container-state.ts, container-metric.ts `restarts`). */
const EVENT_ACTIONS = ['oom', 'start', 'die', 'autoheal_gave_up', 'update_failed'];
const EVENT_LIKE = ['oom_killed', 'started', 'crash_loop', 'healing_gave_up', 'update_failed'];

/**
 * Everything an evaluation reads before its conditions, in ONE statement (one round trip, one
 * snapshot): the enabled rules, the hosts and containers (load-objects.ts's selection), the open
 * alerts of the enabled rules on the hosts, and the readings of the kinds the rules use — each
 * a json aggregate, each reading gated on a rule of its kind existing. The readings' queries
 * are readings.ts's, on the same hosts (an ANY over the hosts read here, so each stays an index
 * range per host). Log lines stay with log-matches.ts: it reads only lines it has not seen,
 * under a savepoint. Runs in the organisation's scope (RLS); nothing is written.
 */
export async function readSnapshot(
  client: pg.ClientBase,
  hostIds: readonly string[] | null,
  now: Date,
  freshSince: Date,
): Promise<Snapshot> {
  const { rows } = await client.query<{
    rules: (Omit<RuleRow, 'params' | 'scope'> & { params: string; scope: string })[] | null;
    hosts: (Omit<HostRowJson, 'last_seen_at'> & { last_seen_at: string | null })[] | null;
    containers: ContainerRowJson[] | null;
    alerts: AlertRowJson[] | null;
    host_samples: HostSampleRow[] | null;
    container_samples: (Omit<ContainerSampleRow, 'ts'> & { ts: string })[] | null;
    check_runs: (Omit<CheckRunRow, 'cert_expires_at'> & { cert_expires_at: string | null })[] | null;
    image_updates: (Omit<ImageUpdateRow, 'checked_at'> & { checked_at: string | null })[] | null;
    events_from_s: number | null;
    events: EventRow[] | null;
  }>({
    // Named: prepared once per connection, so the statement is not planned at every evaluation
    // (with the tenant policies' InitPlans, planning was over a third of its PostgreSQL time).
    // The pass (every host) and the events (a few) are two statements: each gets its own plan.
    name: hostIds === null ? 'alerter-snapshot-all-hosts' : 'alerter-snapshot-some-hosts',
    text: `WITH r AS MATERIALIZED (
       SELECT id, org_id, name, kind, params, scope, severity, for_s, keep_firing_for_s, repeat_interval_s,
              max_repeats, group_by, group_wait_s, group_interval_s, channel_ids, created_at
         FROM alert_rules WHERE enabled),
     h AS MATERIALIZED (
       SELECT id, name, labels, status::text AS status, agent_version, last_seen_at::text AS last_seen_at
         FROM hosts WHERE revoked_at IS NULL AND ($1::uuid[] IS NULL OR id = ANY($1))),
     hid AS MATERIALIZED (SELECT coalesce(array_agg(id), '{}') AS ids FROM h),
     ev AS MATERIALIZED (
       SELECT max(CASE
                WHEN kind = 'container_state' AND params->>'event' = ANY($5::text[])
                     AND jsonb_typeof(params->'windowMinutes') = 'number'
                  THEN (params->>'windowMinutes')::float8 * 60
                WHEN kind = 'container_metric' AND params->>'metric' = 'restarts'
                     AND jsonb_typeof(params->'windowS') = 'number'
                  THEN (params->>'windowS')::float8 END) AS window_s
         FROM r)
     SELECT
       (SELECT json_agg(x ORDER BY x.created_at, x.id) FROM (
          SELECT id, org_id, name, kind, params::text AS params, scope::text AS scope, severity, for_s,
                 keep_firing_for_s, repeat_interval_s, max_repeats, group_by, group_wait_s, group_interval_s,
                 channel_ids, created_at
            FROM r) x) AS rules,
       (SELECT json_agg(h ORDER BY h.name, h.id) FROM h) AS hosts,
       (SELECT json_agg(c ORDER BY c.host_id, c.name) FROM (
          SELECT c.host_id, c.short_id, c.name, c.labels, c.state::text AS state, c.health::text AS health,
                 c.exit_code, c.finished_at::text AS finished_at,
                 coalesce((SELECT array_agg(m.group_id) FROM container_group_members m
                            WHERE m.host_id = c.host_id AND m.container_name = c.name), '{}') AS group_ids,
                 c.finished_at IS NOT NULL AND EXISTS (
                   SELECT 1 FROM actions a
                    WHERE a.host_id = c.host_id AND a.container_short_id = c.short_id
                      AND a.verb IN ('stop', 'restart', 'kill')
                      AND a.created_at <= c.finished_at + interval '10 seconds'
                      AND coalesce(a.finished_at, a.deadline) >= c.finished_at - interval '10 seconds'
                 ) AS stopped_by_berth
            FROM containers c
           WHERE c.removed_at IS NULL AND c.host_id = ANY((SELECT ids FROM hid)::uuid[])) c) AS containers,
       (SELECT json_agg(a) FROM (
          SELECT id, org_id, rule_id, fingerprint, state::text AS state, severity, host_id, container_name,
                 container_id, labels, summary, value, pending_since::text AS pending_since,
                 fired_at::text AS fired_at, resolved_at::text AS resolved_at,
                 last_true_at::text AS last_true_at, acked_at::text AS acked_at
            FROM alerts WHERE rule_id IN (SELECT id FROM r) AND state <> 'resolved'
             AND ($1::uuid[] IS NULL OR host_id = ANY($1))) a) AS alerts,
       CASE WHEN EXISTS (SELECT 1 FROM r WHERE kind = 'host_metric') THEN coalesce((SELECT json_agg(s) FROM (
          SELECT DISTINCT ON (host_id) host_id, cpu_pct, load1, load5, load15, mem_used::text AS mem_used,
                 mem_total::text AS mem_total, swap_used::text AS swap_used, swap_total::text AS swap_total, disks
            FROM host_samples WHERE host_id = ANY((SELECT ids FROM hid)::uuid[]) AND ts > $2 AND ts <= $3
           ORDER BY host_id, ts DESC) s), '[]') END AS host_samples,
       CASE WHEN EXISTS (SELECT 1 FROM r WHERE kind = 'container_metric') THEN coalesce((SELECT json_agg(s) FROM (
          SELECT host_id, container_id, ts::text AS ts, cpu_pct, mem_bytes::text AS mem_bytes,
                 mem_limit::text AS mem_limit, net_rx::text AS net_rx, net_tx::text AS net_tx,
                 blk_read::text AS blk_read, blk_write::text AS blk_write
            FROM (SELECT s.*, row_number() OVER (PARTITION BY host_id, container_id ORDER BY ts DESC) AS rn
                    FROM container_samples s
                   WHERE host_id = ANY((SELECT ids FROM hid)::uuid[]) AND ts > $2 AND ts <= $3) x
           WHERE rn <= 2 ORDER BY host_id, container_id, ts DESC) s), '[]') END AS container_samples,
       CASE WHEN EXISTS (SELECT 1 FROM r WHERE kind = 'check') THEN coalesce((SELECT json_agg(s) FROM (
          SELECT DISTINCT ON (check_id) host_id, container_name, check_name, status, slow, latency_ms,
                 cert_expiring, cert_expires_at::text AS cert_expires_at, error
            FROM check_results WHERE host_id = ANY((SELECT ids FROM hid)::uuid[]) AND ts > $4 AND ts <= $3
           ORDER BY check_id, ts DESC) s), '[]') END AS check_runs,
       CASE WHEN EXISTS (SELECT 1 FROM r WHERE kind = 'image_update') THEN coalesce((SELECT json_agg(s) FROM (
          SELECT v.host_id, v.short_id, v.image, v.status, u.newest_patch, u.newest_minor, u.newest_major,
                 v.checked_at::text AS checked_at
            FROM container_image_updates v JOIN image_update_checks u ON u.id = v.check_id
           WHERE v.host_id = ANY((SELECT ids FROM hid)::uuid[]) AND v.checked_at IS NOT NULL) s), '[]') END AS image_updates,
       (SELECT window_s FROM ev) AS events_from_s,
       CASE WHEN (SELECT window_s FROM ev) IS NOT NULL THEN coalesce((SELECT json_agg(e) FROM (
          SELECT e.host_id, e.container_id, e.action,
                 (extract(epoch FROM e.ts) * 1000000)::int8 AS ts_us, e.count,
                 EXISTS (
                   SELECT 1 FROM actions a
                    WHERE a.host_id = e.host_id AND a.container_short_id = e.container_id
                      AND a.verb IN ('stop', 'restart', 'kill')
                      AND a.created_at <= e.ts + interval '10 seconds'
                      AND coalesce(a.finished_at, a.deadline) >= e.ts - interval '10 seconds') AS berth
            FROM container_events e
           WHERE e.host_id = ANY((SELECT ids FROM hid)::uuid[])
             AND e.ts > $3::timestamptz - make_interval(secs => (SELECT window_s FROM ev)) AND e.ts <= $3
             AND e.action = ANY($6::text[])) e), '[]') END AS events`,
    values: [
      hostIds,
      freshSince,
      now,
      new Date(now.getTime() - CHECK_RUN_FRESH_S * 1000),
      EVENT_LIKE,
      EVENT_ACTIONS,
    ],
  });
  const row = rows[0];
  if (!row) throw new Error('the evaluation snapshot returned no row');
  const { rules, skipped } = parseRuleRows(row.rules ?? [], (rule) =>
    checkedRule(rule.kind, rule.params, rule.scope),
  );
  const windowS = row.events_from_s;
  return {
    rules,
    skipped,
    objects: {
      hosts: (row.hosts ?? []).map((host) => ({
        id: host.id,
        name: host.name,
        labels: host.labels ?? {},
        status: host.status,
        agentVersion: host.agent_version,
        lastSeenAt: timestamp(host.last_seen_at),
      })),
      containers: (row.containers ?? []).map((c) => ({
        hostId: c.host_id,
        shortId: c.short_id.trim(),
        key: `${c.host_id}/${c.short_id.trim()}`,
        name: c.name,
        labels: c.labels ?? {},
        state: c.state,
        health: c.health,
        exitCode: c.exit_code,
        finishedAt: timestamp(c.finished_at),
        groupIds: c.group_ids,
        stoppedByBerth: c.stopped_by_berth,
      })),
    },
    openAlerts: (row.alerts ?? []).map((a) => ({
      ...a,
      pending_since: timestamp(a.pending_since) as Date,
      fired_at: timestamp(a.fired_at),
      resolved_at: timestamp(a.resolved_at),
      last_true_at: timestamp(a.last_true_at) as Date,
      acked_at: timestamp(a.acked_at),
    })),
    hostSamples: row.host_samples,
    containerSamples: row.container_samples?.map((s) => ({ ...s, ts: timestamp(s.ts) as Date })) ?? null,
    checkRuns: row.check_runs?.map((s) => ({ ...s, cert_expires_at: timestamp(s.cert_expires_at) })) ?? null,
    imageUpdates: row.image_updates?.map((s) => ({ ...s, checked_at: timestamp(s.checked_at) })) ?? null,
    events:
      windowS === null || row.events === null
        ? null
        : { fromMs: now.getTime() - windowS * 1000, actions: new Set(EVENT_ACTIONS), rows: row.events },
  };
}

type HostRowJson = {
  id: string;
  name: string;
  labels: Record<string, string> | null;
  status: string;
  agent_version: string | null;
  last_seen_at: Date | null;
};

type ContainerRowJson = {
  host_id: string;
  short_id: string;
  name: string;
  labels: Record<string, string> | null;
  state: string;
  health: string;
  exit_code: number | null;
  finished_at: string | null;
  group_ids: string[];
  stopped_by_berth: boolean;
};

type AlertRowJson = Omit<
  AlertRow,
  'pending_since' | 'fired_at' | 'resolved_at' | 'last_true_at' | 'acked_at'
> & {
  pending_since: string;
  fired_at: string | null;
  resolved_at: string | null;
  last_true_at: string | null;
  acked_at: string | null;
};

/**
 * The contract's answer per (kind, params text, scope text): every evaluation reads every rule,
 * and checking 50 rules' params with zod each time was ~5 % of the alerter's CPU. Rules
 * change rarely; an edited one has another text, and the map is emptied when it grows large.
 */
const checkedRules = new Map<string, CheckedRule>();

function checkedRule(kind: string, params: string, scope: string): CheckedRule {
  const key = `${kind}\u0000${params}\u0000${scope}`;
  let checked = checkedRules.get(key);
  if (!checked) {
    if (checkedRules.size >= 10_000) checkedRules.clear();
    checked = checkRule(kind, JSON.parse(params), JSON.parse(scope));
    checkedRules.set(key, checked);
  }
  return checked;
}

// The timestamps travel as the column's own text form and are parsed by node-postgres's own
// parser: the Dates are those a plain query of the column returns, microseconds included.
const parseTimestamptz = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ, 'text') as (
  text: string,
) => Date;

function timestamp(text: string | null): Date | null {
  return text === null ? null : parseTimestamptz(text);
}
