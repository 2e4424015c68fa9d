import { Prisma } from '../generated/prisma/client.js';
import type { Tx } from '../with-org.js';
import { inAnyGroupCondition } from './container-groups.js';
import { allOf, type HostScope, type LabelMatch, labelConditions, scopeCondition } from './sql-helpers.js';

/**
 * What an alert rule's scope matches now, for the rule form's preview: the hosts and (for
 * container rules) the containers, with the current reading of the rule's metric. Readings are
 * the newest raw samples of the last five minutes (rates from the newest two), so a user sees
 * the number the rule would compare with its threshold.
 */

/** A rule's scope as SQL sees it (the container name glob already a POSIX regex). */
export type PreviewScope = {
  hostIds?: readonly string[] | undefined;
  hostLabels?: readonly LabelMatch[] | undefined;
  containerNameRegex?: string | undefined;
  containerLabels?: readonly LabelMatch[] | undefined;
  groupIds?: readonly string[] | undefined;
};

export type PreviewTarget = {
  orgId: string;
  /** The caller's host scope (team restrictions). */
  scope: HostScope;
  rule: PreviewScope;
  limit: number;
};

export type PreviewHostRow = {
  id: string;
  name: string;
  status: string;
  total: number;
  value: number | null;
  mount: string | null;
};

export type PreviewContainerRow = {
  hostId: string;
  hostName: string;
  containerId: string;
  name: string;
  state: string;
  total: number;
  value: number | null;
};

/** How a host metric is read from one `host_samples` row `s` (null: no metric). */
function hostValueSql(
  metric: string | null,
  mount: string | undefined,
): { value: Prisma.Sql; mount: Prisma.Sql } {
  const none = { value: Prisma.sql`NULL::float8`, mount: Prisma.sql`NULL::text` };
  switch (metric) {
    case 'cpu_pct':
      return { ...none, value: Prisma.sql`s.cpu_pct::float8` };
    case 'mem_pct':
      return { ...none, value: Prisma.sql`(s.mem_used * 100.0 / NULLIF(s.mem_total, 0))::float8` };
    case 'swap_pct':
      return { ...none, value: Prisma.sql`(s.swap_used * 100.0 / NULLIF(s.swap_total, 0))::float8` };
    case 'load1':
    case 'load5':
    case 'load15':
      return { ...none, value: Prisma.sql`s.${Prisma.raw(metric)}::float8` };
    case 'disk_pct': {
      // The named mount, or the fullest one (what an "every mount" rule fires on first).
      const disk = Prisma.sql`(SELECT d FROM jsonb_array_elements(s.disks) d
        WHERE ${mount === undefined ? Prisma.sql`TRUE` : Prisma.sql`d->>'mount' = ${mount}`}
        ORDER BY (d->>'used')::float8 / NULLIF((d->>'total')::float8, 0) DESC NULLS LAST LIMIT 1)`;
      return {
        value: Prisma.sql`(SELECT (x->>'used')::float8 * 100 / NULLIF((x->>'total')::float8, 0) FROM (SELECT ${disk} AS x) y)`,
        mount: Prisma.sql`(SELECT x->>'mount' FROM (SELECT ${disk} AS x) y)`,
      };
    }
    default:
      return none;
  }
}

export function hostConditions(target: PreviewTarget, hostAlias: string): Prisma.Sql {
  const h = Prisma.raw(hostAlias);
  const conditions = [
    Prisma.sql`${h}.org_id = ${target.orgId}::uuid`,
    Prisma.sql`${h}.revoked_at IS NULL`,
    ...labelConditions(Prisma.sql`${h}.labels`, target.rule.hostLabels ?? []),
  ];
  if (target.rule.hostIds?.length)
    conditions.push(Prisma.sql`${h}.id = ANY(${[...target.rule.hostIds]}::uuid[])`);
  return Prisma.sql`${allOf(conditions)} ${scopeCondition(Prisma.sql`${h}.id`, target.scope)}`;
}

/** Matching hosts by name (first `limit`), each with the metric's current value. */
export async function previewRuleHosts(
  tx: Tx,
  target: PreviewTarget,
  metric: { name: string | null; mount?: string | undefined },
): Promise<PreviewHostRow[]> {
  const read = hostValueSql(metric.name, metric.mount);
  return tx.$queryRaw<PreviewHostRow[]>`
    SELECT h.id, h.name, h.status::text AS status, count(*) OVER ()::int AS total, r.value, r.mount
    FROM hosts h
    LEFT JOIN LATERAL (
      SELECT ${read.value} AS value, ${read.mount} AS mount FROM host_samples s
      WHERE s.host_id = h.id AND s.ts >= now() - interval '5 minutes'
      ORDER BY s.ts DESC LIMIT 1) r ON ${metric.name === null ? Prisma.sql`FALSE` : Prisma.sql`TRUE`}
    WHERE ${hostConditions(target, 'h')}
    ORDER BY h.name, h.id
    LIMIT ${target.limit}`;
}

/** Cumulative counters the agent reports, per rate metric. */
const RATE_COLUMNS: Record<string, string> = {
  net_rx_bps: 'net_rx',
  net_tx_bps: 'net_tx',
  blk_read_bps: 'blk_read',
  blk_write_bps: 'blk_write',
};

/** How a container metric is read from the newest sample `l` (and the one before, `p`). */
function containerValueSql(metric: string | null, windowS: number): Prisma.Sql {
  if (metric === null) return Prisma.sql`NULL::float8`;
  const rate = RATE_COLUMNS[metric];
  if (rate !== undefined) {
    const column = Prisma.raw(rate);
    // A counter that went down (container restarted) has no rate for this interval.
    return Prisma.sql`CASE WHEN p.ts IS NULL OR l.${column} < p.${column} THEN NULL
      ELSE ((l.${column} - p.${column}) / NULLIF(extract(epoch FROM l.ts - p.ts), 0))::float8 END`;
  }
  switch (metric) {
    case 'cpu_pct':
      return Prisma.sql`l.cpu_pct::float8`;
    case 'mem_pct':
      return Prisma.sql`(l.mem_bytes * 100.0 / NULLIF(l.mem_limit, 0))::float8`;
    case 'mem_bytes':
      return Prisma.sql`l.mem_bytes::float8`;
    case 'restarts':
      // Every restart, by policy or by hand, begins with a `die` event.
      return Prisma.sql`(SELECT COALESCE(sum(e.count), 0)::float8 FROM container_events e
        WHERE e.host_id = c.host_id AND e.container_id = c.short_id::text AND e.action = 'die'
          AND e.ts >= now() - make_interval(secs => ${windowS}))`;
    default:
      return Prisma.sql`NULL::float8`;
  }
}

/** A rule's container scope over `c` (a containers row), with `presence` (present, or since when). */
export function containerConditions(target: PreviewTarget, presence: Prisma.Sql): Prisma.Sql[] {
  const conditions = [presence, ...labelConditions(Prisma.sql`c.labels`, target.rule.containerLabels ?? [])];
  if (target.rule.containerNameRegex !== undefined)
    conditions.push(Prisma.sql`c.name ~ ${target.rule.containerNameRegex}`);
  if (target.rule.groupIds?.length) conditions.push(inAnyGroupCondition(target.rule.groupIds));
  return conditions;
}

/** Matching present containers by host and name (first `limit`), each with the metric's value. */
export async function previewRuleContainers(
  tx: Tx,
  target: PreviewTarget,
  metric: { name: string | null; windowS: number },
): Promise<PreviewContainerRow[]> {
  const conditions = containerConditions(target, Prisma.sql`c.removed_at IS NULL`);
  const samples =
    metric.name === null || metric.name === 'restarts'
      ? Prisma.sql`SELECT ${containerValueSql(metric.name, metric.windowS)} AS value`
      : Prisma.sql`SELECT ${containerValueSql(metric.name, metric.windowS)} AS value
        FROM (SELECT * FROM container_samples s WHERE s.host_id = c.host_id AND s.container_id = c.short_id::text
              AND s.ts >= now() - interval '5 minutes' ORDER BY s.ts DESC LIMIT 1) l
        LEFT JOIN LATERAL (SELECT * FROM container_samples s WHERE s.host_id = c.host_id
              AND s.container_id = c.short_id::text AND s.ts < l.ts AND s.ts >= now() - interval '10 minutes'
              ORDER BY s.ts DESC LIMIT 1) p ON TRUE`;
  return tx.$queryRaw<PreviewContainerRow[]>`
    SELECT c.host_id AS "hostId", h.name AS "hostName", c.short_id::text AS "containerId", c.name,
      c.state::text AS state, count(*) OVER ()::int AS total, r.value
    FROM containers c JOIN hosts h ON h.id = c.host_id
    LEFT JOIN LATERAL (${samples}) r ON TRUE
    WHERE ${hostConditions(target, 'h')} AND ${allOf(conditions)}
    ORDER BY h.name, c.name, c.short_id
    LIMIT ${target.limit}`;
}

export type PreviewCheckRow = {
  hostId: string;
  hostName: string;
  containerName: string;
  checkName: string;
  status: string;
  slow: boolean;
  latencyMs: number;
  certExpiring: boolean;
  certExpiresAt: Date | null;
  error: string | null;
  ts: Date;
  total: number;
};

/**
 * The health checks a check rule's scope matches now: the newest run of each check of the
 * matching present containers within `freshS` (older runs are no data to the alerter too), by
 * host, container and check name (first `limit`).
 */
export async function previewRuleChecks(
  tx: Tx,
  target: PreviewTarget,
  checks: { nameRegex: string | undefined; freshS: number },
): Promise<PreviewCheckRow[]> {
  const conditions = containerConditions(target, Prisma.sql`c.removed_at IS NULL`);
  if (checks.nameRegex !== undefined) conditions.push(Prisma.sql`r.check_name ~ ${checks.nameRegex}`);
  return tx.$queryRaw<PreviewCheckRow[]>`
    SELECT c.host_id AS "hostId", h.name AS "hostName", c.name AS "containerName", r.check_name AS "checkName",
      r.status, r.slow, r.latency_ms AS "latencyMs", r.cert_expiring AS "certExpiring",
      r.cert_expires_at AS "certExpiresAt", r.error, r.ts, count(*) OVER ()::int AS total
    FROM containers c JOIN hosts h ON h.id = c.host_id
    JOIN LATERAL (
      SELECT DISTINCT ON (cr.check_id) cr.check_name, cr.status, cr.slow, cr.latency_ms, cr.cert_expiring,
             cr.cert_expires_at, cr.error, cr.ts
        FROM check_results cr
       WHERE cr.host_id = c.host_id AND cr.container_name = c.name
         AND cr.ts >= now() - make_interval(secs => ${checks.freshS})
       ORDER BY cr.check_id, cr.ts DESC) r ON TRUE
    WHERE ${hostConditions(target, 'h')} AND ${allOf(conditions)}
    ORDER BY h.name, c.name, r.check_name
    LIMIT ${target.limit}`;
}
