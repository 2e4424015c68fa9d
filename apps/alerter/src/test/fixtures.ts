import { randomBytes, randomUUID } from 'node:crypto';
import { withOrgClient } from '@berth/db/sql';
import { seedOrg, type TestDatabase } from '@berth/db/testing';
import type pg from 'pg';
import { testSecretBox } from './alerter-harness.js';

/** Seeding through the org door (runtime role, RLS on), as the services write. */
export function fixtures(database: TestDatabase) {
  const inOrg = <T>(orgId: string, fn: (client: pg.PoolClient) => Promise<T>) =>
    withOrgClient(database.pool, orgId, fn);

  return {
    inOrg,
    async org(name?: string) {
      const seeded = await seedOrg(database.db, name ? { name } : {});
      await inOrg(seeded.orgId, (c) =>
        c.query(
          `UPDATE hosts SET status = 'online', last_seen_at = now(), agent_version = '0.5.0', name = $2 WHERE id = $1`,
          [seeded.hostId, `host-${seeded.orgId.slice(0, 6)}`],
        ),
      );
      return seeded;
    },
    async host(orgId: string, fields: { name: string; labels?: Record<string, string> }) {
      const id = randomUUID();
      await inOrg(orgId, (c) =>
        c.query(
          `INSERT INTO hosts (id, org_id, name, hostname, labels, status, last_seen_at, agent_version, credential_hash)
           VALUES ($1, $2, $3, $3, $4, 'online', now(), '0.5.0', $5)`,
          [id, orgId, fields.name, JSON.stringify(fields.labels ?? {}), `cred-${id}`],
        ),
      );
      return id;
    },
    async updateHost(
      orgId: string,
      hostId: string,
      fields: { lastSeenAt?: Date; agentVersion?: string; labels?: Record<string, string> },
    ) {
      await inOrg(orgId, (c) =>
        c.query(
          `UPDATE hosts SET last_seen_at = coalesce($2, last_seen_at), agent_version = coalesce($3, agent_version),
                  labels = coalesce($4, labels) WHERE id = $1`,
          [
            hostId,
            fields.lastSeenAt ?? null,
            fields.agentVersion ?? null,
            fields.labels ? JSON.stringify(fields.labels) : null,
          ],
        ),
      );
    },
    async container(
      orgId: string,
      hostId: string,
      fields: {
        name: string;
        state?: string;
        exitCode?: number | null;
        finishedAt?: Date | null;
        labels?: Record<string, string>;
        health?: string;
      },
    ) {
      const shortId = randomBytes(6).toString('hex');
      await inOrg(orgId, (c) =>
        c.query(
          `INSERT INTO containers (host_id, short_id, org_id, docker_id, name, image, image_id, labels, state, health,
                                   created_at, exit_code, finished_at)
           VALUES ($1, $2, $3, $4, $5, 'busybox', 'sha256:1', $6, $7::container_state, $8::container_health, now() - interval '1 hour', $9, $10)`,
          [
            hostId,
            shortId,
            orgId,
            shortId.repeat(6).slice(0, 64).padEnd(64, '0'),
            fields.name,
            JSON.stringify(fields.labels ?? {}),
            fields.state ?? 'running',
            fields.health ?? 'none',
            fields.exitCode ?? null,
            fields.finishedAt ?? null,
          ],
        ),
      );
      return shortId;
    },
    async setContainer(
      orgId: string,
      hostId: string,
      shortId: string,
      fields: {
        state?: string;
        exitCode?: number | null;
        finishedAt?: Date | null;
        removed?: boolean;
        health?: string;
      },
    ) {
      await inOrg(orgId, (c) =>
        c.query(
          `UPDATE containers SET state = coalesce($3::container_state, state), exit_code = CASE WHEN $4 THEN $5 ELSE exit_code END,
                  finished_at = CASE WHEN $4 THEN $6 ELSE finished_at END,
                  removed_at = CASE WHEN $7 THEN now() ELSE removed_at END, health = coalesce($8::container_health, health)
            WHERE host_id = $1 AND short_id = $2`,
          [
            hostId,
            shortId,
            fields.state ?? null,
            fields.exitCode !== undefined,
            fields.exitCode ?? null,
            fields.finishedAt ?? null,
            fields.removed ?? false,
            fields.health ?? null,
          ],
        ),
      );
    },
    async containerSample(
      orgId: string,
      hostId: string,
      shortId: string,
      at: Date,
      fields: { cpuPct?: number; memBytes?: number; memLimit?: number; netRx?: number; netTx?: number },
    ) {
      await inOrg(orgId, (c) =>
        c.query(
          `INSERT INTO container_samples (org_id, host_id, container_id, ts, cpu_pct, mem_bytes, mem_limit, net_rx, net_tx,
                                          blk_read, blk_write, pids)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, 0, 1)`,
          [
            orgId,
            hostId,
            shortId,
            at,
            fields.cpuPct ?? 1,
            fields.memBytes ?? 1000,
            fields.memLimit ?? 0,
            fields.netRx ?? 0,
            fields.netTx ?? 0,
          ],
        ),
      );
    },
    async hostSample(
      orgId: string,
      hostId: string,
      at: Date,
      fields: {
        cpuPct?: number;
        disks?: { mount: string; used: number; total: number }[];
        swapUsed?: number;
      },
    ) {
      await inOrg(orgId, (c) =>
        c.query(
          `INSERT INTO host_samples (org_id, host_id, ts, cpu_pct, load1, load5, load15, mem_used, mem_total, swap_used,
                                     swap_total, disk_used, disk_total, net_rx, net_tx, disks)
           VALUES ($1, $2, $3, $4, 0.5, 0.5, 0.5, 100, 1000, $5, 1000, 0, 0, 0, 0, $6)`,
          [orgId, hostId, at, fields.cpuPct ?? 1, fields.swapUsed ?? 0, JSON.stringify(fields.disks ?? [])],
        ),
      );
    },
    async event(
      orgId: string,
      hostId: string,
      shortId: string,
      at: Date,
      action: string,
      attributes: Record<string, string> = {},
    ) {
      await inOrg(orgId, (c) =>
        c.query(
          `INSERT INTO container_events (org_id, host_id, container_id, ts, action, attributes) VALUES ($1, $2, $3, $4, $5, $6)`,
          [orgId, hostId, shortId, at, action, JSON.stringify(attributes)],
        ),
      );
    },
    /** A line in a batch of its own, as the gateway writes it: the host's `last_seq` moves with it. */
    async log(orgId: string, hostId: string, shortId: string, at: Date, line: string, stream = 'stdout') {
      await inOrg(orgId, (c) =>
        c.query(
          `WITH batch AS (UPDATE hosts SET last_seq = last_seq + 1 WHERE id = $2 RETURNING last_seq)
           INSERT INTO container_logs (org_id, host_id, container_id, ts, stream, line, batch_seq, line_no)
           SELECT $1, $2, $3, $4, $5, $6, batch.last_seq, 0 FROM batch`,
          [orgId, hostId, shortId, at, stream, line],
        ),
      );
    },
    async action(
      orgId: string,
      hostId: string,
      shortId: string,
      verb: string,
      createdAt: Date,
      finishedAt: Date,
    ) {
      await inOrg(orgId, (c) =>
        c.query(
          `INSERT INTO actions (org_id, host_id, container_short_id, verb, status, deadline, created_at, finished_at)
           VALUES ($1, $2, $3, $4, 'succeeded', $6, $5, $6)`,
          [orgId, hostId, shortId, verb, createdAt, finishedAt],
        ),
      );
    },
    async rule(
      orgId: string,
      fields: {
        kind: string;
        params: Record<string, unknown>;
        scope?: Record<string, unknown>;
        severity?: string;
        forS?: number;
        keepFiringForS?: number;
        repeatIntervalS?: number;
        maxRepeats?: number | null;
        groupBy?: string[];
        groupWaitS?: number;
        groupIntervalS?: number;
        channelIds?: string[];
        name?: string;
      },
    ) {
      const { rows } = await inOrg(orgId, (c) =>
        c.query<{ id: string }>(
          `INSERT INTO alert_rules (org_id, name, kind, params, scope, severity, for_s, keep_firing_for_s, repeat_interval_s,
                                    max_repeats, group_by, group_wait_s, group_interval_s, channel_ids)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
          [
            orgId,
            fields.name ?? `${fields.kind} ${randomUUID().slice(0, 8)}`,
            fields.kind,
            JSON.stringify(fields.params),
            JSON.stringify(fields.scope ?? {}),
            fields.severity ?? 'warning',
            fields.forS ?? 0,
            fields.keepFiringForS ?? 0,
            fields.repeatIntervalS ?? 0,
            fields.maxRepeats ?? null,
            fields.groupBy ?? ['rule', 'host'],
            fields.groupWaitS ?? 0,
            fields.groupIntervalS ?? 0,
            fields.channelIds ?? [],
          ],
        ),
      );
      const id = rows[0]?.id;
      if (!id) throw new Error('rule not created');
      return id;
    },
    /** A webhook channel whose URL is sealed as the API seals it. */
    async setRuleParams(orgId: string, ruleId: string, params: Record<string, unknown>) {
      await inOrg(orgId, (c) =>
        c.query(`UPDATE alert_rules SET params = $2 WHERE id = $1`, [ruleId, JSON.stringify(params)]),
      );
    },
    async webhook(orgId: string, url: string) {
      const id = randomUUID();
      const sealed = testSecretBox().seal(JSON.stringify({ url }), {
        orgId,
        purpose: 'notification_channel',
        rowId: id,
      });
      await inOrg(orgId, (c) =>
        c.query(
          `INSERT INTO notification_channels (id, org_id, name, kind, config, secrets, secret_fields, description)
           VALUES ($1, $2, $3, 'webhook', '{"headers":{}}', $4, '{url}', 'webhook to 127.0.0.1')`,
          [id, orgId, `hook-${id.slice(0, 8)}`, sealed],
        ),
      );
      return id;
    },
    async alerts(orgId: string, ruleId?: string) {
      const { rows } = await inOrg(orgId, (c) =>
        c.query<{
          id: string;
          state: string;
          container_name: string | null;
          host_id: string;
          labels: Record<string, string>;
          value: number | null;
          acked_at: Date | null;
          summary: string;
        }>(
          `SELECT id, state::text AS state, container_name, host_id, labels, value, acked_at, summary FROM alerts
            WHERE ($1::uuid IS NULL OR rule_id = $1) ORDER BY pending_since, container_name`,
          [ruleId ?? null],
        ),
      );
      return rows;
    },
    async alertEvents(orgId: string, alertId?: string) {
      const { rows } = await inOrg(orgId, (c) =>
        c.query<{ alert_id: string; kind: string; details: Record<string, unknown> }>(
          `SELECT alert_id, kind, details FROM alert_events WHERE ($1::uuid IS NULL OR alert_id = $1) ORDER BY id`,
          [alertId ?? null],
        ),
      );
      return rows;
    },
    async notifications(orgId: string) {
      const { rows } = await inOrg(orgId, (c) =>
        c.query<{
          id: string;
          channel_id: string;
          state: string;
          attempts: number;
          next_attempt_at: Date;
          last_error: string | null;
          payload: { alerts: unknown[]; status: string };
        }>(
          `SELECT id, channel_id, state, attempts, next_attempt_at, last_error, payload FROM notifications ORDER BY created_at, id`,
        ),
      );
      return rows;
    },
  };
}
export type Fixtures = ReturnType<typeof fixtures>;
