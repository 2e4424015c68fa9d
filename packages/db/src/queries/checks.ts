import { Prisma } from '../generated/prisma/client.js';
import type { Tx } from '../with-org.js';
import { rollupSource } from './rollup-source.js';
import { allOf, type HostScope, scopeCondition } from './sql-helpers.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export type CheckListQuery = {
  orgId: string;
  scope: HostScope;
  hostId?: string | undefined;
  containerName?: string | undefined;
  checkId?: string | undefined;
  status?: string | undefined;
  /** The clock the uptime windows end at. */
  now: Date;
  /** Checks whose latest run is older than this many days are not listed (they were removed). */
  seenWithinDays?: number;
  /** The keyset to continue after: (container name, check name, check id). */
  after: [string, string, string] | null;
  limit: number;
};

export type CheckRow = {
  id: string;
  hostId: string;
  hostName: string | null;
  containerName: string;
  containerId: string | null;
  name: string;
  kind: 'http' | 'tcp' | null;
  status: 'up' | 'pending' | 'down';
  lastCheckedAt: Date;
  latencyMs: number;
  statusCode: number | null;
  error: string | null;
  target: string;
  certExpiresAt: Date | null;
  certExpiring: boolean;
  uptime24h: number | null;
  uptime7d: number | null;
  uptime30d: number | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
};

/**
 * Checks of the organisation with their latest run, uptime over 24 h, 7 d and 30 d (runs that
 * were not down, pending counting as up, as in Uptime Kuma) and latency percentiles of the last
 * 24 h's successful runs. A page first (latest run per check, filtered and keyset-ordered by
 * container name, check name and id), then the statistics of that page's checks only: the last
 * 24 h from the raw runs, 7 d and 30 d from the 1-hour rollups (whole hours back from the current
 * one; a marked hour or minute read from the 1-minute rows or raw runs, as the charts do).
 */
export function checkListSql(query: CheckListQuery): Prisma.Sql {
  const since = new Date(query.now.getTime() - (query.seenWithinDays ?? 7) * DAY_MS);
  const hour = Math.floor(query.now.getTime() / HOUR_MS) * HOUR_MS;
  const week = new Date(hour - 7 * DAY_MS);
  const month = new Date(hour - 30 * DAY_MS);
  const day = new Date(query.now.getTime() - DAY_MS);
  const rolled = rollupSource({
    kind: 'check',
    resolution: '1h',
    where: (alias) =>
      Prisma.sql`${Prisma.raw(alias)}.org_id = ${query.orgId}::uuid AND ${Prisma.raw(alias)}.check_id = p.check_id`,
    hostId: Prisma.sql`p.host_id`,
    window: { resolution: '1h', from: month, to: query.now, binSeconds: 3600 },
  });
  const page: Prisma.Sql[] = [];
  if (query.status) page.push(Prisma.sql`l.status = ${query.status}`);
  if (query.after) {
    const [containerName, name, id] = query.after;
    page.push(
      Prisma.sql`(l.container_name, l.check_name, l.check_id) > (${containerName}, ${name}, ${id}::uuid)`,
    );
  }
  return Prisma.sql`
    WITH ${latestRunCtes(query, since)}, page AS (
      SELECT * FROM latest l WHERE ${allOf(page)}
      ORDER BY l.container_name, l.check_name, l.check_id LIMIT ${query.limit + 1}
    ), stats AS (
      SELECT s.check_id,
        (100.0 * count(*) FILTER (WHERE s.status <> 'down' AND s.ts >= ${day}::timestamptz)
          / nullif(count(*) FILTER (WHERE s.ts >= ${day}::timestamptz), 0))::float8 AS uptime24h,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY s.latency_ms)
          FILTER (WHERE s.status = 'up' AND s.ts >= ${day}::timestamptz) AS p50,
        percentile_cont(0.95) WITHIN GROUP (ORDER BY s.latency_ms)
          FILTER (WHERE s.status = 'up' AND s.ts >= ${day}::timestamptz) AS p95
      FROM check_results s
      WHERE s.org_id = ${query.orgId}::uuid AND s.check_id IN (SELECT check_id FROM page)
        AND s.ts >= ${day}::timestamptz AND s.ts <= ${query.now}::timestamptz
      GROUP BY s.check_id
    )
    SELECT p.check_id AS id, p.host_id AS "hostId", h.name AS "hostName", p.container_name AS "containerName",
      p.container_id AS "containerId", p.check_name AS name, p.kind, p.status, p.ts AS "lastCheckedAt",
      p.latency_ms AS "latencyMs", p.status_code::int AS "statusCode", p.error, p.target,
      p.cert_expires_at AS "certExpiresAt", p.cert_expiring AS "certExpiring", st.uptime24h, u.uptime7d,
      u.uptime30d, st.p50 AS "latencyP50Ms", st.p95 AS "latencyP95Ms"
    FROM page p
    LEFT JOIN stats st ON st.check_id = p.check_id
    LEFT JOIN LATERAL (
      SELECT (100.0 * sum(src.runs - src.down) FILTER (WHERE src.bucket >= ${week}::timestamptz)
          / nullif(sum(src.runs) FILTER (WHERE src.bucket >= ${week}::timestamptz), 0))::float8 AS uptime7d,
        (100.0 * sum(src.runs - src.down) / nullif(sum(src.runs), 0))::float8 AS uptime30d
      FROM ${rolled}
      WHERE src.bucket >= ${month}::timestamptz AND src.bucket <= ${query.now}::timestamptz
    ) u ON true
    LEFT JOIN hosts h ON h.id = p.host_id
    ORDER BY p.container_name, p.check_name, p.check_id`;
}

/**
 * CTEs `seen` (the checks that ran since `since`) and `latest` (each one's newest run since then,
 * filtered like the list). Which checks ran comes from the rollups, not from a week of raw runs:
 * every run is in its hour's 1-hour row, or its hour is still marked (then in its minute's
 * 1-minute row), or its minute is still marked (then read raw) — the invariant the charts rely on
 * too. A check's latest run is then its newest raw row: one probe of (check_id, ts DESC) each.
 */
export function latestRunCtes(query: CheckListQuery, since: Date): Prisma.Sql {
  const filters = (alias: string, ts: string, from: Date) => {
    const column = (name: string) => Prisma.raw(`${alias}.${name}`);
    const where = [
      Prisma.sql`${column('org_id')} = ${query.orgId}::uuid`,
      Prisma.sql`${column(ts)} >= ${from}::timestamptz`,
      Prisma.sql`TRUE ${scopeCondition(Prisma.sql`${column('host_id')}`, query.scope)}`,
    ];
    if (query.hostId) where.push(Prisma.sql`${column('host_id')} = ${query.hostId}::uuid`);
    if (query.containerName) where.push(Prisma.sql`${column('container_name')} = ${query.containerName}`);
    if (query.checkId) where.push(Prisma.sql`${column('check_id')} = ${query.checkId}::uuid`);
    return allOf(where);
  };
  const sinceHour = new Date(Math.floor(since.getTime() / HOUR_MS) * HOUR_MS);
  return Prisma.sql`seen AS (
      SELECT h.check_id FROM check_results_1h h WHERE ${filters('h', 'bucket', sinceHour)}
      UNION
      SELECT m.check_id FROM check_results_1m m WHERE ${filters('m', 'bucket', sinceHour)}
        AND EXISTS (SELECT 1 FROM rollup_dirty_hours dh
          WHERE dh.host_id = m.host_id AND dh.hour = date_trunc('hour', m.bucket, 'UTC'))
      UNION
      SELECT r.check_id FROM rollup_dirty_minutes d
      JOIN check_results r ON r.host_id = d.host_id AND r.ts >= d.minute AND r.ts < d.minute + interval '1 minute'
      WHERE d.org_id = ${query.orgId}::uuid AND ${filters('r', 'ts', since)}
    ), latest AS (
      SELECT r.* FROM seen
      CROSS JOIN LATERAL (
        SELECT r.check_id, r.host_id, r.container_name, r.container_id, r.check_name, r.kind, r.ts, r.status,
          r.latency_ms, r.status_code, r.error, r.target, r.cert_expires_at, r.cert_expiring
        FROM check_results r WHERE r.check_id = seen.check_id AND ${filters('r', 'ts', since)}
        ORDER BY r.ts DESC LIMIT 1
      ) r
    )`;
}

/** A page of checks (`limit + 1` rows: the extra one says there is a next page). */
export async function listChecks(tx: Tx, query: CheckListQuery): Promise<CheckRow[]> {
  // One index probe per check and partition adds up to a plan cost over jit_above_cost; compiling
  // it took 100–300 ms, the whole statement runs in a few (docs/benchmarks.md, "Checks list").
  await tx.$executeRaw`SET LOCAL jit = off`;
  return tx.$queryRaw<CheckRow[]>(checkListSql(query));
}

export type CheckResultQuery = {
  orgId: string;
  scope: HostScope;
  checkId: string;
  from: Date;
  to: Date;
  limit: number;
};

export type CheckResultRow = {
  ts: Date;
  status: 'up' | 'pending' | 'down';
  latencyMs: number;
  statusCode: number | null;
  error: string | null;
  certExpiresAt: Date | null;
};

/** A check's runs in [from, to), the newest `limit + 1`, newest first. */
export function queryCheckResults(tx: Tx, query: CheckResultQuery): Promise<CheckResultRow[]> {
  return tx.$queryRaw<CheckResultRow[]>`
    SELECT r.ts, r.status, r.latency_ms AS "latencyMs", r.status_code::int AS "statusCode", r.error,
      r.cert_expires_at AS "certExpiresAt"
    FROM check_results r
    WHERE r.org_id = ${query.orgId}::uuid AND r.check_id = ${query.checkId}::uuid
      AND r.ts >= ${query.from}::timestamptz AND r.ts < ${query.to}::timestamptz
      ${scopeCondition(Prisma.sql`r.host_id`, query.scope)}
    ORDER BY r.ts DESC
    LIMIT ${query.limit + 1}`;
}

export type CheckFailureQuery = { orgId: string; scope: HostScope; checkId: string; limit: number };

export type CheckFailureRow = CheckResultRow & { target: string };

/** A check's newest `limit` down runs (raw retention, 31 days), newest first. */
export function queryCheckFailures(tx: Tx, query: CheckFailureQuery): Promise<CheckFailureRow[]> {
  return tx.$queryRaw<CheckFailureRow[]>`
    SELECT r.ts, r.status, r.latency_ms AS "latencyMs", r.status_code::int AS "statusCode", r.error,
      r.cert_expires_at AS "certExpiresAt", r.target
    FROM check_results r
    WHERE r.org_id = ${query.orgId}::uuid AND r.check_id = ${query.checkId}::uuid AND r.status = 'down'
      ${scopeCondition(Prisma.sql`r.host_id`, query.scope)}
    ORDER BY r.ts DESC
    LIMIT ${query.limit}`;
}
