import { Prisma } from '../generated/prisma/client.js';
import type { Tx } from '../with-org.js';
import { latestContainerBucketsSql, latestHostBucketsSql } from './latest-readings.js';
import { type HostScope, scopeCondition } from './sql-helpers.js';

export type TopContainerRow = {
  hostId: string;
  hostName: string;
  containerId: string;
  name: string;
  cpuPct: number;
  memBytes: number;
  memLimit: number;
  /** Epoch ms of the reading's 1-minute bucket. */
  sampledAt: number;
};

export type FleetOverviewRow = {
  hosts: { total: number; online: number; offline: number; pending: number; revoked: number };
  containers: { total: number; byState: Record<string, number>; byHealth: Record<string, number> };
  topCpu: TopContainerRow[];
  topMemory: TopContainerRow[];
  totals: {
    cpus: number;
    memTotal: number;
    hostsReporting: number;
    hostCpuPct: number | null;
    hostMemUsed: number;
    containersReporting: number;
    containerCpuPct: number;
    containerMemBytes: number;
  };
};

// Ranked on the readings alone, then joined for names: joining all ~20k readings first cost
// ~5× more. Candidates beyond 10 absorb containers removed within the freshness window.
const top = (value: Prisma.Sql) => Prisma.sql`
  SELECT c.host_id AS "hostId", h.name AS "hostName", c.short_id AS "containerId", c.name,
    round(l.cpu::numeric, 2)::float8 AS "cpuPct", round(l.mem)::float8 AS "memBytes", l.mem_limit AS "memLimit",
    (extract(epoch FROM l.bucket) * 1000)::float8 AS "sampledAt"
  FROM (SELECT * FROM lc l ORDER BY ${value} DESC LIMIT 50) l
  JOIN containers c ON c.host_id = l.host_id AND c.short_id = l.container_id::char(12)
  JOIN hosts h ON h.id = c.host_id
  WHERE c.removed_at IS NULL ORDER BY ${value} DESC, c.host_id, c.short_id LIMIT 10`;

/**
 * The fleet at a glance in one statement: host and container counts, the ten busiest
 * containers by CPU and by memory, and totals — readings from the newest fresh 1-minute buckets.
 */
export function fleetOverviewSql(orgId: string, scope: HostScope): Prisma.Sql {
  const hostScope = scopeCondition(Prisma.sql`h.id`, scope);
  const containerScope = scopeCondition(Prisma.sql`c.host_id`, scope);
  return Prisma.sql`
    WITH hs AS (
      SELECT count(*) AS total,
        count(*) FILTER (WHERE revoked_at IS NULL AND status = 'online') AS online,
        count(*) FILTER (WHERE revoked_at IS NULL AND status = 'offline') AS offline,
        count(*) FILTER (WHERE revoked_at IS NULL AND status = 'pending') AS pending,
        count(*) FILTER (WHERE revoked_at IS NOT NULL) AS revoked,
        coalesce(sum(cpus) FILTER (WHERE revoked_at IS NULL), 0) AS cpus,
        coalesce(sum(mem_total) FILTER (WHERE revoked_at IS NULL), 0)::float8 AS mem_total
      FROM hosts h WHERE h.org_id = ${orgId}::uuid ${hostScope}
    ), cs AS (
      SELECT c.state::text AS state, c.health::text AS health, count(*) AS n FROM containers c
      WHERE c.org_id = ${orgId}::uuid AND c.removed_at IS NULL ${containerScope} GROUP BY 1, 2
    ), lc AS (${latestContainerBucketsSql(orgId, scope)}),
    lh AS (${latestHostBucketsSql(orgId, scope)})
    SELECT json_build_object(
      'hosts', (SELECT json_build_object('total', total, 'online', online, 'offline', offline, 'pending', pending,
                 'revoked', revoked) FROM hs),
      'containers', json_build_object(
        'total', (SELECT coalesce(sum(n), 0) FROM cs),
        'byState', (SELECT coalesce(json_object_agg(state, n), '{}'::json) FROM (SELECT state, sum(n) AS n FROM cs GROUP BY 1) x),
        'byHealth', (SELECT coalesce(json_object_agg(health, n), '{}'::json) FROM (SELECT health, sum(n) AS n FROM cs GROUP BY 1) x)),
      'topCpu', (SELECT coalesce(json_agg(t), '[]'::json) FROM (${top(Prisma.sql`l.cpu`)}) t),
      'topMemory', (SELECT coalesce(json_agg(t), '[]'::json) FROM (${top(Prisma.sql`l.mem`)}) t),
      'totals', json_build_object(
        'cpus', (SELECT cpus FROM hs), 'memTotal', (SELECT mem_total FROM hs),
        'hostsReporting', (SELECT count(*) FROM lh), 'hostCpuPct', (SELECT round(avg(cpu)::numeric, 2) FROM lh),
        'hostMemUsed', (SELECT coalesce(round(sum(mem_used)), 0) FROM lh),
        'containersReporting', (SELECT count(*) FROM lc),
        'containerCpuPct', (SELECT coalesce(round(sum(cpu)::numeric, 2), 0) FROM lc),
        'containerMemBytes', (SELECT coalesce(round(sum(mem)), 0) FROM lc))
    ) AS overview`;
}

export async function queryFleetOverview(tx: Tx, orgId: string, scope: HostScope): Promise<FleetOverviewRow> {
  const rows = await tx.$queryRaw<{ overview: FleetOverviewRow }[]>(fleetOverviewSql(orgId, scope));
  const overview = rows[0]?.overview;
  if (!overview) throw new Error('overview query returned no row');
  return overview;
}
