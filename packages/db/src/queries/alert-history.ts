import { Prisma } from '../generated/prisma/client.js';
import type { Tx } from '../with-org.js';
import { containerConditions, hostConditions, type PreviewTarget } from './alerts-preview.js';
import { allOf } from './sql-helpers.js';

/**
 * The stored history a rule preview replays (issue 15: "would have fired N times in the last
 * 24 h"): the objects in the rule's scope during the window, and their samples, events or
 * matching log lines. Every read is bounded by the caller's limit (one row more tells it was
 * cut) and runs in the caller's tenant transaction under RLS and the caller's host scope.
 */

export type HistoryWindow = { from: Date; to: Date };
export type HistoryHost = { id: string; name: string; total: number };
export type HistoryContainer = {
  hostId: string;
  hostName: string;
  containerId: string;
  name: string;
  total: number;
};

/** Hosts in scope (first `limit` by name), with how many match in all. */
export async function historyHosts(tx: Tx, target: PreviewTarget): Promise<HistoryHost[]> {
  return tx.$queryRaw<HistoryHost[]>`
    SELECT h.id, h.name, count(*) OVER ()::int AS total FROM hosts h
    WHERE ${hostConditions(target, 'h')}
    ORDER BY h.name, h.id LIMIT ${target.limit}`;
}

/** Containers in scope that existed during the window (present, or removed within it). */
export async function historyContainers(
  tx: Tx,
  target: PreviewTarget,
  window: HistoryWindow,
): Promise<HistoryContainer[]> {
  const conditions = containerConditions(
    target,
    Prisma.sql`(c.removed_at IS NULL OR c.removed_at > ${window.from}::timestamptz)`,
  );
  return tx.$queryRaw<HistoryContainer[]>`
    SELECT c.host_id AS "hostId", h.name AS "hostName", c.short_id::text AS "containerId", c.name,
      count(*) OVER ()::int AS total
    FROM containers c JOIN hosts h ON h.id = c.host_id
    WHERE ${hostConditions(target, 'h')} AND ${allOf(conditions)}
    ORDER BY h.name, c.name, c.short_id LIMIT ${target.limit}`;
}

/** Raw samples, or 1-minute rollups read as their means (what a chart of the day shows). */
export type HistoryResolution = 'raw' | '1m';

type ContainerKeys = { hostIds: string[]; containerIds: string[] };

function containerKeys(containers: readonly { hostId: string; containerId: string }[]): ContainerKeys {
  return { hostIds: containers.map((c) => c.hostId), containerIds: containers.map((c) => c.containerId) };
}

function ofContainers(keys: ContainerKeys): Prisma.Sql {
  return Prisma.sql`(s.host_id, s.container_id) IN (
    SELECT * FROM unnest(${keys.hostIds}::uuid[], ${keys.containerIds}::text[]))`;
}

/**
 * How many raw samples the window holds for these containers, counted up to `upTo` (enough to
 * choose the resolution; the scan stops there).
 */
export async function countContainerSamples(
  tx: Tx,
  containers: readonly { hostId: string; containerId: string }[],
  window: HistoryWindow,
  upTo: number,
): Promise<number> {
  if (containers.length === 0) return 0;
  // Per container down its series index: a join on the key list would scan every partition.
  const keys = containerKeys(containers);
  const rows = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM unnest(${keys.hostIds}::uuid[], ${keys.containerIds}::text[]) AS k(host_id, container_id)
      CROSS JOIN LATERAL (SELECT 1 FROM container_samples s
        WHERE s.host_id = k.host_id AND s.container_id = k.container_id
          AND s.ts > ${window.from}::timestamptz AND s.ts <= ${window.to}::timestamptz LIMIT ${upTo}) x
      LIMIT ${upTo}) y`;
  return rows[0]?.n ?? 0;
}

export type HistoryContainerSample = {
  host_id: string;
  container_id: string;
  ts: Date;
  cpu_pct: number;
  mem_bytes: number;
  mem_limit: number;
  net_rx: number;
  net_tx: number;
  blk_read: number;
  blk_write: number;
};

/** Samples oldest first per container, at most `limit` rows. */
export async function readContainerSamples(
  tx: Tx,
  containers: readonly { hostId: string; containerId: string }[],
  window: HistoryWindow,
  resolution: HistoryResolution,
  limit: number,
): Promise<HistoryContainerSample[]> {
  if (containers.length === 0) return [];
  const keys = containerKeys(containers);
  const each = Prisma.sql`unnest(${keys.hostIds}::uuid[], ${keys.containerIds}::text[]) WITH ORDINALITY AS k(host_id, container_id, n)`;
  if (resolution === 'raw')
    return tx.$queryRaw<HistoryContainerSample[]>`
      SELECT s.host_id, s.container_id, s.ts, s.cpu_pct::float8 AS cpu_pct, s.mem_bytes::float8 AS mem_bytes,
        s.mem_limit::float8 AS mem_limit, s.net_rx::float8 AS net_rx, s.net_tx::float8 AS net_tx,
        s.blk_read::float8 AS blk_read, s.blk_write::float8 AS blk_write
      FROM ${each} CROSS JOIN LATERAL (SELECT * FROM container_samples s
        WHERE s.host_id = k.host_id AND s.container_id = k.container_id
          AND s.ts > ${window.from}::timestamptz AND s.ts <= ${window.to}::timestamptz) s
      ORDER BY k.n, s.ts LIMIT ${limit}`;
  return tx.$queryRaw<HistoryContainerSample[]>`
    SELECT s.host_id, s.container_id, s.bucket AS ts, (s.cpu_sum / NULLIF(s.samples, 0))::float8 AS cpu_pct,
      (s.mem_sum / NULLIF(s.samples, 0))::float8 AS mem_bytes, s.mem_limit::float8 AS mem_limit,
      s.net_rx::float8 AS net_rx, s.net_tx::float8 AS net_tx, s.blk_read::float8 AS blk_read,
      s.blk_write::float8 AS blk_write
    FROM ${each} CROSS JOIN LATERAL (SELECT * FROM container_samples_1m s
      WHERE s.host_id = k.host_id AND s.container_id = k.container_id
        AND s.bucket > ${window.from}::timestamptz AND s.bucket <= ${window.to}::timestamptz) s
    ORDER BY k.n, s.bucket LIMIT ${limit}`;
}

/** The same for hosts, counted up to `upTo`. */
export async function countHostSamples(
  tx: Tx,
  hostIds: readonly string[],
  window: HistoryWindow,
  upTo: number,
): Promise<number> {
  if (hostIds.length === 0) return 0;
  const rows = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM host_samples s
    WHERE s.host_id = ANY(${[...hostIds]}::uuid[]) AND s.ts > ${window.from}::timestamptz AND s.ts <= ${window.to}::timestamptz
    LIMIT ${upTo}) x`;
  return rows[0]?.n ?? 0;
}

export type HistoryHostSample = {
  host_id: string;
  ts: Date;
  cpu_pct: number;
  load1: number;
  load5: number;
  load15: number;
  mem_used: number;
  mem_total: number;
  swap_used: number;
  swap_total: number;
  disks: { mount: string; used: number; total: number }[] | null;
};

/**
 * Host samples oldest first per host. The 1-minute rollups keep CPU, load1 and memory only
 * (their other columns read as 0 here): the caller uses them for those metrics alone.
 */
export async function readHostSamples(
  tx: Tx,
  hostIds: readonly string[],
  window: HistoryWindow,
  resolution: HistoryResolution,
  limit: number,
): Promise<HistoryHostSample[]> {
  if (hostIds.length === 0) return [];
  const ids = [...hostIds];
  if (resolution === 'raw')
    return tx.$queryRaw<HistoryHostSample[]>`
      SELECT host_id, ts, cpu_pct::float8 AS cpu_pct, load1::float8 AS load1, load5::float8 AS load5,
        load15::float8 AS load15, mem_used::float8 AS mem_used, mem_total::float8 AS mem_total,
        swap_used::float8 AS swap_used, swap_total::float8 AS swap_total, disks
      FROM host_samples s
      WHERE s.host_id = ANY(${ids}::uuid[]) AND s.ts > ${window.from}::timestamptz AND s.ts <= ${window.to}::timestamptz
      ORDER BY host_id, ts LIMIT ${limit}`;
  return tx.$queryRaw<HistoryHostSample[]>`
    SELECT host_id, bucket AS ts, (cpu_sum / NULLIF(samples, 0))::float8 AS cpu_pct,
      (load1_sum / NULLIF(samples, 0))::float8 AS load1, 0::float8 AS load5, 0::float8 AS load15,
      (mem_used_sum / NULLIF(samples, 0))::float8 AS mem_used, mem_total::float8 AS mem_total,
      0::float8 AS swap_used, 0::float8 AS swap_total, NULL::jsonb AS disks
    FROM host_samples_1m s
    WHERE s.host_id = ANY(${ids}::uuid[]) AND s.bucket > ${window.from}::timestamptz AND s.bucket <= ${window.to}::timestamptz
    ORDER BY host_id, bucket LIMIT ${limit}`;
}

export type HistoryEvent = {
  host_id: string;
  container_id: string;
  ts: Date;
  action: string;
  exit_code: string | null;
  count: number;
};

/**
 * Container events of `actions` oldest first (`health_status` matches its sub-actions). With
 * `excludeBerthActions`, deaths inside a stop/restart/kill Berth was asked for are left out,
 * as the alerter leaves them out of crash loops.
 */
export async function readContainerEvents(
  tx: Tx,
  containers: readonly { hostId: string; containerId: string }[],
  window: HistoryWindow,
  options: { actions: readonly string[]; excludeBerthActions: boolean; limit: number },
): Promise<HistoryEvent[]> {
  if (containers.length === 0) return [];
  const actions = [...options.actions];
  return tx.$queryRaw<HistoryEvent[]>`
    SELECT s.host_id, s.container_id, s.ts, s.action, s.attributes->>'exitCode' AS exit_code, s.count
    FROM container_events s
    WHERE ${ofContainers(containerKeys(containers))}
      AND s.ts > ${window.from}::timestamptz AND s.ts <= ${window.to}::timestamptz
      AND (s.action = ANY(${actions}::text[]) OR ('health_status' = ANY(${actions}::text[]) AND s.action LIKE 'health_status:%'))
      AND NOT (${options.excludeBerthActions} AND s.action = 'die' AND EXISTS (
        SELECT 1 FROM actions a
         WHERE a.host_id = s.host_id AND a.container_short_id = s.container_id
           AND a.verb IN ('stop', 'restart', 'kill')
           AND a.created_at <= s.ts + interval '10 seconds'
           AND coalesce(a.finished_at, a.deadline) >= s.ts - interval '10 seconds'))
    ORDER BY s.host_id, s.container_id, s.ts LIMIT ${options.limit}`;
}

export type HistoryLogMatch = { host_id: string; container_id: string; ts: Date };

/** Times of stored log lines matching a log rule (as the alerter matches them), oldest first. */
export async function readLogMatches(
  tx: Tx,
  containers: readonly { hostId: string; containerId: string }[],
  window: HistoryWindow,
  rule: { match: 'regex' | 'substring'; caseSensitive: boolean; pattern: string; stream: string | null },
  limit: number,
): Promise<HistoryLogMatch[]> {
  if (containers.length === 0) return [];
  const pattern =
    rule.match === 'substring' && !rule.caseSensitive ? likeLiteral(rule.pattern) : rule.pattern;
  const match =
    rule.match === 'regex'
      ? rule.caseSensitive
        ? Prisma.sql`s.line ~ ${pattern}`
        : Prisma.sql`s.line ~* ${pattern}`
      : rule.caseSensitive
        ? Prisma.sql`position(${pattern} in s.line) > 0`
        : Prisma.sql`s.line ILIKE '%' || ${pattern} || '%'`;
  return tx.$queryRaw<HistoryLogMatch[]>`
    SELECT s.host_id, s.container_id, s.ts FROM container_logs s
    WHERE ${ofContainers(containerKeys(containers))}
      AND s.ts > ${window.from}::timestamptz AND s.ts <= ${window.to}::timestamptz AND s.dropped = 0
      AND (${rule.stream}::text IS NULL OR s.stream = ${rule.stream}) AND ${match}
    ORDER BY s.host_id, s.container_id, s.ts LIMIT ${limit}`;
}

/** LIKE's own metacharacters taken literally (the default escape is the backslash). */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

export type HistoryCheckRun = {
  host_id: string;
  container_name: string;
  check_name: string;
  ts: Date;
  status: string;
  slow: boolean;
  latency_ms: number;
  cert_expiring: boolean;
  cert_expires_at: Date | null;
  error: string | null;
};

/**
 * Health-check runs of these containers (by host and name, as checks follow a container across
 * a recreate) in the window, the check names matching `nameRegex` when given, oldest first per
 * check.
 */
export async function readCheckRuns(
  tx: Tx,
  containers: readonly { hostId: string; name: string }[],
  window: HistoryWindow,
  nameRegex: string | undefined,
  limit: number,
): Promise<HistoryCheckRun[]> {
  if (containers.length === 0) return [];
  return tx.$queryRaw<HistoryCheckRun[]>`
    SELECT s.host_id, s.container_name, s.check_name, s.ts, s.status, s.slow, s.latency_ms, s.cert_expiring,
           s.cert_expires_at, s.error
      FROM check_results s
     WHERE (s.host_id, s.container_name) IN (
             SELECT * FROM unnest(${containers.map((c) => c.hostId)}::uuid[], ${containers.map((c) => c.name)}::text[]))
       AND s.ts > ${window.from}::timestamptz AND s.ts <= ${window.to}::timestamptz
       AND (${nameRegex ?? null}::text IS NULL OR s.check_name ~ ${nameRegex ?? null})
     ORDER BY s.host_id, s.container_name, s.check_name, s.ts LIMIT ${limit}`;
}
