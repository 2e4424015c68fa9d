import type pg from 'pg';

export type Tenant = { orgId: string; userId: string; hostId: string };

/**
 * One INSERT per tenant table, run as the owner (RLS does not apply to it), selecting
 * from `p (org, usr, host)`. The isolation test fails for any table with an org column
 * that has no entry here, so a new table cannot escape it.
 */
export const tenantFixtures: Record<string, string | null> = {
  organizations: null, // created by createTenant
  memberships: null,
  hosts: null,
  teams: `INSERT INTO teams (org_id, name) SELECT org, 'ops' FROM p`,
  team_members: `INSERT INTO team_members (org_id, team_id, user_id)
    SELECT p.org, t.id, p.usr FROM p JOIN teams t ON t.org_id = p.org`,
  container_groups: `INSERT INTO container_groups (org_id, name, colour) SELECT org, 'web tier', '#2563eb' FROM p`,
  container_group_members: `INSERT INTO container_group_members (org_id, group_id, host_id, container_name)
    SELECT p.org, g.id, p.host, 'web' FROM p JOIN container_groups g ON g.org_id = p.org`,
  check_definitions: `INSERT INTO check_definitions (org_id, host_id, container_name, name, spec, created_by)
    SELECT org, host, 'web', 'api', '{"kind":"tcp","target":"{{ip}}:80"}', usr FROM p`,
  autoheal_policies: `INSERT INTO autoheal_policies (org_id, group_id, mode, backoff_initial_s, backoff_cap_s, max_attempts, window_s)
    SELECT p.org, g.id, 'on-failure', 10, 300, 5, 1800 FROM p JOIN container_groups g ON g.org_id = p.org`,
  invites: `INSERT INTO invites (org_id, email, role, token_hash, expires_at)
    SELECT org, 'i-' || usr || '@x.test', 'viewer', 'inv-' || usr, now() + interval '1 day' FROM p`,
  api_tokens: `INSERT INTO api_tokens (org_id, name, prefix, token_hash, role)
    SELECT org, 'ci', 'berth_api_x', 'api-' || usr, 'viewer' FROM p`,
  enrollment_tokens: `INSERT INTO enrollment_tokens (org_id, name, prefix, token_hash, expires_at)
    SELECT org, 'fleet', 'berth_enrol_x', 'enr-' || usr, now() + interval '1 day' FROM p`,
  containers: `INSERT INTO containers (host_id, short_id, org_id, docker_id, name, image, image_id, state, created_at)
    SELECT host, 'abcdef012345', org, repeat('a', 64), 'web', 'nginx', 'sha256:1', 'running', now() FROM p`,
  actions: `INSERT INTO actions (org_id, host_id, verb, deadline) SELECT org, host, 'ping', now() + interval '1 minute' FROM p`,
  audit_logs: `INSERT INTO audit_logs (org_id, action, target_type) SELECT org, 'host.rename', 'host' FROM p`,
  alert_rules: `INSERT INTO alert_rules (org_id, name, kind, params, severity)
    SELECT org, 'cpu', 'container_metric', '{"metric":"cpu_pct","op":">","threshold":90}', 'warning' FROM p`,
  alerts: `INSERT INTO alerts (org_id, rule_id, fingerprint, state, severity, host_id, summary, pending_since, last_true_at)
    SELECT p.org, r.id, 'fp-' || p.org, 'pending', 'warning', p.host, 'cpu high', now(), now()
    FROM p JOIN alert_rules r ON r.org_id = p.org`,
  alert_events: `INSERT INTO alert_events (org_id, alert_id, kind) SELECT p.org, a.id, 'pending' FROM p JOIN alerts a ON a.org_id = p.org`,
  alert_silences: `INSERT INTO alert_silences (org_id, matchers, starts_at, ends_at, comment)
    SELECT org, '[{"label":"host","op":"=","value":"a"}]', now(), now() + interval '1 hour', 'deploy' FROM p`,
  alert_mute_windows: `INSERT INTO alert_mute_windows (org_id, name, kind, time_zone, weekdays, start_minute, duration_minutes)
    SELECT org, 'nightly', 'maintenance', 'UTC', '{0,1,2,3,4,5,6}', 120, 60 FROM p`,
  notification_channels: `INSERT INTO notification_channels (org_id, name, kind, secrets, description)
    SELECT org, 'mail', 'email', 'v1.k.sealed', 'e-mail to ops@example.test' FROM p`,
  alert_notify_groups: `INSERT INTO alert_notify_groups (org_id, rule_id, group_key)
    SELECT p.org, r.id, r.id || ':{host="a"}' FROM p JOIN alert_rules r ON r.org_id = p.org`,
  alert_notify_items: `INSERT INTO alert_notify_items (org_id, group_id, alert_id, status, at)
    SELECT p.org, g.id, a.id, 'firing', now() FROM p JOIN alert_notify_groups g ON g.org_id = p.org
    JOIN alerts a ON a.org_id = p.org`,
  notifications: `INSERT INTO notifications (org_id, channel_id, group_key, payload, next_attempt_at)
    SELECT p.org, c.id, 'g', '{}', now() FROM p JOIN notification_channels c ON c.org_id = p.org`,
  alert_pass_claims: `INSERT INTO alert_pass_claims (org_id, due_at, claimed_by, lease_until, lease_token)
    SELECT org, now(), gen_random_uuid(), now() + interval '1 minute', gen_random_uuid() FROM p`,
  ingest_gaps: `INSERT INTO ingest_gaps (org_id, host_id, from_seq, to_seq, dropped) SELECT org, host, 5, 9, 5 FROM p`,
  container_samples: `INSERT INTO container_samples SELECT org, host, 'abcdef012345', now(), 1.5, 1, 2, 3, 4, 5, 6, 7 FROM p`,
  host_samples: `INSERT INTO host_samples SELECT org, host, now(), 1, 1, 1, 1, 1, 2, 0, 0, 1, 2, 3, 4, '[]' FROM p`,
  container_events: `INSERT INTO container_events SELECT org, host, 'abcdef012345', now(), 'start', '{}', 1 FROM p`,
  container_logs: `INSERT INTO container_logs SELECT org, host, 'abcdef012345', now(), 'stdout', 'hello', 0, 1, 0 FROM p`,
  container_samples_1m: `INSERT INTO container_samples_1m
    SELECT org, host, 'abcdef012345', date_trunc('minute', now()), 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 FROM p`,
  container_samples_1h: `INSERT INTO container_samples_1h
    SELECT org, host, 'abcdef012345', date_trunc('hour', now()), 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 FROM p`,
  host_samples_1m: `INSERT INTO host_samples_1m
    SELECT org, host, date_trunc('minute', now()), 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 FROM p`,
  host_samples_1h: `INSERT INTO host_samples_1h
    SELECT org, host, date_trunc('hour', now()), 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 FROM p`,
  rollup_dirty_minutes: `INSERT INTO rollup_dirty_minutes SELECT org, host, date_trunc('minute', now()) FROM p`,
  exec_sessions: `INSERT INTO exec_sessions (org_id, host_id, container_id, user_id, command)
    SELECT org, host, 'abcdef012345', usr, ARRAY['/bin/sh'] FROM p`,
  exec_transcript_chunks: `INSERT INTO exec_transcript_chunks (org_id, session_id, seq, data)
    SELECT p.org, s.id, 1, '\\x6869'::bytea FROM p JOIN exec_sessions s ON s.org_id = p.org`,
  exec_settings: `INSERT INTO exec_settings (org_id, operators_allowed) SELECT org, true FROM p`,
  check_results: `INSERT INTO check_results (org_id, host_id, check_id, container_name, check_name, ts, status, latency_ms)
    SELECT org, host, md5(host::text || '/web/default')::uuid, 'web', 'default', now(), 'up', 3 FROM p`,
  check_results_1m: `INSERT INTO check_results_1m
    SELECT org, host, md5(host::text || '/web/default')::uuid, date_trunc('minute', now()), 'web', 'default',
      2, 1, 0, 1, 0, 9, 3, 6, now(), 'down', 'refused' FROM p`,
  check_results_1h: `INSERT INTO check_results_1h
    SELECT org, host, md5(host::text || '/web/default')::uuid, date_trunc('hour', now()), 'web', 'default',
      2, 1, 0, 1, 0, 9, 3, 6, now(), 'down', 'refused' FROM p`,
  update_policies: `INSERT INTO update_policies (org_id, scope, group_id, policy)
    SELECT p.org, 'group', g.id, 'block' FROM p JOIN container_groups g ON g.org_id = p.org`,
  rollup_dirty_hours: `INSERT INTO rollup_dirty_hours SELECT org, host, date_trunc('hour', now()) FROM p`,
  image_update_checks: `INSERT INTO image_update_checks (org_id, image, platform, status, remote_digest, checked_at)
    SELECT org, 'nginx', 'linux/amd64', 'update_available', 'sha256:' || repeat('b', 64), now() FROM p`,
  image_index_children: `INSERT INTO image_index_children (org_id, check_id, index_digest, child_digest)
    SELECT p.org, k.id, 'sha256:' || repeat('c', 64), 'sha256:' || repeat('d', 64)
    FROM p JOIN image_update_checks k ON k.org_id = p.org`,
  image_update_settings: `INSERT INTO image_update_settings (org_id, check_interval_s) SELECT org, 3600 FROM p`,
  registry_credentials: `INSERT INTO registry_credentials (org_id, registry, username, password_sealed)
    SELECT org, 'registry.example.test', 'ci', 'v1.k.sealed' FROM p`,
  auto_update_settings: `INSERT INTO auto_update_settings (org_id, enabled, time_zone, weekdays, start_minute, duration_minutes)
    SELECT org, true, 'UTC', '{0,6}', 120, 60 FROM p`,
  auto_update_rollouts: `INSERT INTO auto_update_rollouts (org_id, image, platform, remote_digest, current_action_id, dispatched)
    SELECT p.org, 'nginx', 'linux/amd64', 'sha256:' || repeat('b', 64), a.id, ARRAY[p.host::text || '/web']
      FROM p JOIN actions a ON a.org_id = p.org`,
};

/** Fixtures that write a column a later migration added to an older table. */
const FIXTURE_NEEDS: Record<string, string> = {
  notification_channels: 'secrets',
  alert_rules: 'kind',
  alerts: 'fingerprint',
};

export async function createTenant(owner: pg.Client, label: string): Promise<Tenant> {
  const { rows } = await owner.query<Tenant>(
    `WITH o AS (INSERT INTO organizations (name, slug) VALUES ($1, $1 || '-' || gen_random_uuid()) RETURNING id),
          u AS (INSERT INTO users (email) VALUES ($1 || '-' || gen_random_uuid() || '@x.test') RETURNING id),
          m AS (INSERT INTO memberships (org_id, user_id, role) SELECT o.id, u.id, 'owner' FROM o, u),
          h AS (INSERT INTO hosts (org_id, name, hostname, credential_hash)
                SELECT o.id, $1, $1, 'cred-' || gen_random_uuid() FROM o RETURNING id)
     SELECT o.id AS "orgId", u.id AS "userId", h.id AS "hostId" FROM o, u, h`,
    [label],
  );
  const tenant = rows[0];
  if (!tenant) throw new Error('tenant not created');
  // A database migrated only part of the way (the upgrade tests) lacks the later tables, and
  // the later columns of tables a migration changed (FIXTURE_NEEDS).
  const tables = Object.keys(tenantFixtures);
  const { rows: present } = await owner.query<{ table: string }>(
    `SELECT t AS table FROM unnest($1::text[], $2::text[]) AS f(t, needs)
     WHERE to_regclass('public.' || t) IS NOT NULL
       AND (needs IS NULL OR EXISTS (SELECT 1 FROM pg_attribute a
             WHERE a.attrelid = to_regclass('public.' || t) AND a.attname = needs AND NOT a.attisdropped))`,
    [tables, tables.map((table) => FIXTURE_NEEDS[table] ?? null)],
  );
  const existing = new Set(present.map((row) => row.table));
  for (const [table, sql] of Object.entries(tenantFixtures)) {
    if (sql === null || !existing.has(table)) continue;
    await owner.query(`WITH p AS (SELECT $1::uuid AS org, $2::uuid AS usr, $3::uuid AS host) ${sql}`, [
      tenant.orgId,
      tenant.userId,
      tenant.hostId,
    ]);
  }
  return tenant;
}
