import { Prisma } from '../generated/prisma/client.js';
import type { Tx } from '../with-org.js';
import { hostRunsGroupCondition, inAnyGroupCondition } from './container-groups.js';
import { type HostScope, type LabelMatch, labelConditions, scopeCondition } from './sql-helpers.js';

/**
 * What the Prometheus export reads: the newest raw sample of every present container and of
 * every host, no older than `since`. Raw, not the 1-minute rollup the fleet pages read: a
 * rollup bucket's average changes while its minute fills, and Prometheus refuses a second,
 * different value under the same timestamp; the raw sample is exactly what the container
 * endpoint shows, under its own time. Cost: one index probe per container on
 * (host_id, container_id, ts DESC) — measured in docs/benchmarks.md, "Prometheus export".
 */
export type PrometheusSelection = {
  scope: HostScope;
  /** Only this host. */
  hostId?: string | undefined;
  /** All must match the host's labels. */
  hostLabels: readonly LabelMatch[];
  /** Containers that are members of any of these groups (hosts: that run one); empty: no filter. */
  groupIds: readonly string[];
  /** Samples older than this are stale and not exported. */
  since: Date;
  /**
   * Bound above (now plus the clock skew the ingest accepts): prunes the partitions premade
   * for the coming days while planning, instead of probing each of them per container.
   */
  until: Date;
};

export type PrometheusContainerRow = {
  name: string;
  image: string;
  dockerId: string;
  host: string;
  state: string;
  health: string;
  restarts: number;
  /** Epoch ms of the newest fresh sample; null (and every reading null) when there is none. */
  ts: number | null;
  cpuPct: number | null;
  memBytes: number | null;
  memLimit: number | null;
  netRx: number | null;
  netTx: number | null;
  blkRead: number | null;
  blkWrite: number | null;
  pids: number | null;
  /** Cumulative CPU seconds; null also when the sample's agent predates the field. */
  cpuSeconds: number | null;
};

export type PrometheusHostRow = {
  id: string;
  name: string;
  online: boolean;
  ts: number | null;
  cpuPct: number | null;
  load1: number | null;
  load5: number | null;
  load15: number | null;
  memUsed: number | null;
  memTotal: number | null;
  swapUsed: number | null;
  swapTotal: number | null;
  netRx: number | null;
  netTx: number | null;
  disks: { mount: string; used: number; total: number }[] | null;
};

export type PrometheusCounts = { containers: number; alertsFiring: number };

export type PrometheusRuleRow = {
  ruleId: string;
  name: string;
  /** The firing alerts' severity (the rule's own when none fires). */
  severity: string;
  firing: number;
};

/** The newest fresh run of a health check (issue 16) of a container in the selection. */
export type PrometheusCheckRow = {
  checkId: string;
  check: string;
  /** The container's name (checks follow it across a recreate). */
  name: string;
  host: string;
  kind: string | null;
  status: 'up' | 'pending' | 'down';
  latencyMs: number;
  ts: number;
  /** Unix seconds; null when the check is not over TLS. */
  certExpiresAt: number | null;
};

/** A container whose image reference was checked (issue 17): its own verdict. */
export type PrometheusUpdateRow = { name: string; image: string; host: string; outdated: boolean };

function hostConditions(selection: PrometheusSelection): Prisma.Sql {
  const conditions = [
    Prisma.sql`h.revoked_at IS NULL`,
    ...labelConditions(Prisma.sql`h.labels`, selection.hostLabels),
  ];
  if (selection.hostId !== undefined) conditions.push(Prisma.sql`h.id = ${selection.hostId}::uuid`);
  return Prisma.sql`${Prisma.join(conditions, ' AND ')} ${scopeCondition(Prisma.sql`h.id`, selection.scope)}`;
}

function containerConditions(orgId: string, selection: PrometheusSelection): Prisma.Sql {
  const groups =
    selection.groupIds.length > 0 ? Prisma.sql`AND ${inAnyGroupCondition(selection.groupIds)}` : Prisma.empty;
  return Prisma.sql`c.org_id = ${orgId}::uuid AND c.removed_at IS NULL AND ${hostConditions(selection)} ${groups}`;
}

/** Hosts of the selection with their newest fresh sample (hosts are few: one probe each). */
export async function queryPrometheusHosts(
  tx: Tx,
  orgId: string,
  selection: PrometheusSelection,
): Promise<PrometheusHostRow[]> {
  const groups =
    selection.groupIds.length > 0
      ? Prisma.sql`AND ${hostRunsGroupCondition(selection.groupIds)}`
      : Prisma.empty;
  return tx.$queryRaw<PrometheusHostRow[]>`
    SELECT h.id::text AS id, h.name, h.status = 'online' AS online,
      (extract(epoch FROM s.ts) * 1000)::float8 AS ts, s.cpu_pct::float8 AS "cpuPct",
      s.load1::float8 AS load1, s.load5::float8 AS load5, s.load15::float8 AS load15,
      s.mem_used::float8 AS "memUsed", s.mem_total::float8 AS "memTotal",
      s.swap_used::float8 AS "swapUsed", s.swap_total::float8 AS "swapTotal",
      s.net_rx::float8 AS "netRx", s.net_tx::float8 AS "netTx", s.disks
    FROM hosts h
    LEFT JOIN LATERAL (
      SELECT * FROM host_samples s
      WHERE s.host_id = h.id AND s.ts >= ${selection.since}::timestamptz AND s.ts < ${selection.until}::timestamptz
      ORDER BY s.ts DESC LIMIT 1) s ON TRUE
    WHERE h.org_id = ${orgId}::uuid AND ${hostConditions(selection)} ${groups}
    ORDER BY h.name, h.id`;
}

/** Containers of the selection (for the series cap, before reading them) and the firing alerts. */
export async function countPrometheusContainers(
  tx: Tx,
  orgId: string,
  selection: PrometheusSelection,
): Promise<PrometheusCounts> {
  const rows = await tx.$queryRaw<PrometheusCounts[]>`
    SELECT (SELECT count(*) FROM containers c JOIN hosts h ON h.id = c.host_id
              WHERE ${containerConditions(orgId, selection)})::int AS containers,
      (SELECT count(*) FROM alerts a WHERE a.org_id = ${orgId}::uuid AND a.state = 'firing')::int AS "alertsFiring"`;
  return rows[0] ?? { containers: 0, alertsFiring: 0 };
}

/**
 * Firing alerts per rule and severity: every enabled rule (0 when nothing fires, so a panel
 * has a series to draw), and a disabled one while alerts of it still fire. Alerts as the alerts
 * list shows them to the caller (about no host, or about a host in their scope); not narrowed
 * by the scrape's filters: alerts are the organisation's, so every shard has them.
 */
export async function queryPrometheusAlertRules(
  tx: Tx,
  orgId: string,
  scope: HostScope,
): Promise<PrometheusRuleRow[]> {
  const visible =
    scope === null
      ? Prisma.empty
      : Prisma.sql`AND (a.host_id IS NULL OR a.host_id = ANY(${[...scope]}::uuid[]))`;
  return tx.$queryRaw<PrometheusRuleRow[]>`
    SELECT r.id::text AS "ruleId", r.name, coalesce(a.severity, r.severity) AS severity,
      coalesce(a.firing, 0)::int AS firing
    FROM alert_rules r
    LEFT JOIN (
      SELECT a.rule_id, a.severity, count(*) AS firing FROM alerts a
      WHERE a.org_id = ${orgId}::uuid AND a.state = 'firing' ${visible}
      GROUP BY a.rule_id, a.severity) a ON a.rule_id = r.id
    WHERE r.org_id = ${orgId}::uuid AND (r.enabled OR a.firing > 0)
    ORDER BY r.name, r.id, 3`;
}

/**
 * Present containers of the selection with their newest fresh raw sample (in no particular
 * order: Prometheus needs none, and sorting 20,000 wide rows spilled to disk).
 *
 * The containers are materialised first with their id already as `text`: written inline as
 * `s.container_id = c.short_id::text`, the cast (bpchar → text, not leakproof) kept the
 * comparison out of the index condition under row-level security, and each probe read every
 * sample of the host in the window (1.8 ms a container, 36 s for 20,000). As a plain column the
 * probe is one descent of (host_id, container_id, ts DESC).
 */
export function prometheusContainersSql(orgId: string, selection: PrometheusSelection): Prisma.Sql {
  return Prisma.sql`
    WITH c AS MATERIALIZED (
      SELECT c.host_id, c.short_id::text AS container_id, c.name, c.image, c.docker_id, h.name AS host,
        c.state, c.health, c.restart_count
      FROM containers c JOIN hosts h ON h.id = c.host_id
      WHERE ${containerConditions(orgId, selection)})
    SELECT c.name, c.image, c.docker_id AS "dockerId", c.host, c.state::text AS state,
      c.health::text AS health, c.restart_count AS restarts,
      (extract(epoch FROM s.ts) * 1000)::float8 AS ts, s.cpu_pct::float8 AS "cpuPct",
      s.mem_bytes::float8 AS "memBytes", s.mem_limit::float8 AS "memLimit",
      s.net_rx::float8 AS "netRx", s.net_tx::float8 AS "netTx",
      s.blk_read::float8 AS "blkRead", s.blk_write::float8 AS "blkWrite", s.pids, s.cpu_seconds AS "cpuSeconds"
    FROM c
    LEFT JOIN LATERAL (
      SELECT s.ts, s.cpu_pct, s.mem_bytes, s.mem_limit, s.net_rx, s.net_tx, s.blk_read, s.blk_write, s.pids,
        s.cpu_seconds
      FROM container_samples s
      WHERE s.host_id = c.host_id AND s.container_id = c.container_id
        AND s.ts >= ${selection.since}::timestamptz AND s.ts < ${selection.until}::timestamptz
      ORDER BY s.ts DESC LIMIT 1) s ON TRUE`;
}

export async function queryPrometheusContainers(
  tx: Tx,
  orgId: string,
  selection: PrometheusSelection,
): Promise<PrometheusContainerRow[]> {
  // The plan's cost (one probe per container) crosses jit_above_cost, and compiling it took
  // 2.8 s of a 3.8 s statement for 20,000 containers (docs/benchmarks.md): off for this one.
  await tx.$executeRaw`SET LOCAL jit = off`;
  return tx.$queryRaw<PrometheusContainerRow[]>(prometheusContainersSql(orgId, selection));
}

/**
 * Each check's newest run in the freshness window, for containers in the selection (host
 * scope, labels, host, groups). DISTINCT ON walks (check_id, ts DESC); checks are few next to
 * samples (a handful per labelled container), so one pass over the window's runs is cheap.
 */
export async function queryPrometheusChecks(
  tx: Tx,
  orgId: string,
  selection: PrometheusSelection,
): Promise<PrometheusCheckRow[]> {
  const groups =
    selection.groupIds.length > 0
      ? Prisma.sql`AND EXISTS (SELECT 1 FROM container_group_members m WHERE m.host_id = r.host_id
          AND m.container_name = r.container_name AND m.group_id = ANY(${[...selection.groupIds]}::uuid[]))`
      : Prisma.empty;
  return tx.$queryRaw<PrometheusCheckRow[]>`
    SELECT * FROM (
      SELECT DISTINCT ON (r.check_id) r.check_id::text AS "checkId", r.check_name AS "check",
        r.container_name AS name, h.name AS host, r.kind, r.status, r.latency_ms AS "latencyMs",
        (extract(epoch FROM r.ts) * 1000)::float8 AS ts,
        extract(epoch FROM r.cert_expires_at)::float8 AS "certExpiresAt"
      FROM check_results r JOIN hosts h ON h.id = r.host_id
      WHERE r.org_id = ${orgId}::uuid AND h.org_id = ${orgId}::uuid
        AND r.ts >= ${selection.since}::timestamptz AND r.ts < ${selection.until}::timestamptz
        AND ${hostConditions(selection)} ${groups}
      ORDER BY r.check_id, r.ts DESC) latest
    ORDER BY host, name, "check"`;
}

/**
 * Containers of the selection whose reference has a verdict of up to date or update available
 * (container_image_updates); the others (not checked yet, pinned, no local digest, error) have
 * no series rather than a 0 that would read as "up to date".
 */
export async function queryPrometheusUpdates(
  tx: Tx,
  orgId: string,
  selection: PrometheusSelection,
): Promise<PrometheusUpdateRow[]> {
  return tx.$queryRaw<PrometheusUpdateRow[]>`
    SELECT c.name, c.image, h.name AS host, (v.status = 'update_available') AS outdated
    FROM container_image_updates v
    JOIN containers c ON c.host_id = v.host_id AND c.short_id = v.short_id
    JOIN hosts h ON h.id = c.host_id
    WHERE ${containerConditions(orgId, selection)} AND v.status IN ('up_to_date', 'update_available')
    ORDER BY host, c.name`;
}
