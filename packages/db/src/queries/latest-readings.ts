import { Prisma } from '../generated/prisma/client.js';
import { type HostScope, scopeCondition } from './sql-helpers.js';

/**
 * "Current" readings in lists and the overview are the newest 1-minute rollup bucket of each
 * series among the last three minutes (an average over the samples of that minute; nothing newer
 * than that means the series is stale and shows no reading). Three, not two: the rollup job
 * (../rollups) rolls a minute up once it has been closed for 30 s and runs every 10 s, so for up
 * to ~40 s after a minute starts the newest rolled-up bucket is the one two minutes back.
 *
 * Why the rollup: one row per series and minute, reachable for a whole organisation through
 * the (org_id, bucket DESC) index — measured 20 ms for 20,000 containers, where a LATERAL
 * probe of the raw table per container took 240 ms (docs/benchmarks.md, "Query").
 */
export function freshSince(now = Date.now()): Date {
  return new Date(Math.floor(now / 60_000) * 60_000 - 120_000);
}

// The bound is a parameter, not now(): a constant lets the planner prune partitions while
// planning; with now() every partition (~35 of the 1-minute tables) was planned and then
// pruned at run time — 10–30 ms of planning per statement, measured.
const since = () => Prisma.sql`${freshSince()}::timestamptz`;

/** Newest fresh bucket per container of the organisation: host_id, container_id, bucket, cpu, mem, mem_limit. */
export function latestContainerBucketsSql(orgId: string, scope: HostScope): Prisma.Sql {
  return Prisma.sql`
    SELECT DISTINCT ON (host_id, container_id) host_id, container_id, bucket,
      (cpu_sum / samples)::float8 AS cpu, (mem_sum / samples)::float8 AS mem, mem_limit::float8 AS mem_limit
    FROM container_samples_1m
    WHERE org_id = ${orgId}::uuid AND bucket >= ${since()} ${scopeCondition(Prisma.sql`host_id`, scope)}
    ORDER BY host_id, container_id, bucket DESC`;
}

/**
 * The same reading for one container of a page: LATERAL on the primary key. Deliberately no
 * ORDER BY … LIMIT 1: with it the planner preferred the (org_id, bucket) index (ordered by
 * bucket, the RLS predicate pins org_id) and filtered the whole org's fresh buckets for every
 * container — 1.2 ms a probe, measured. Picking the newest of the ≤ 2 rows by aggregate keeps
 * the probe on the key (microseconds).
 */
export function latestContainerBucketLateral(hostId: Prisma.Sql, shortId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`LATERAL (
    SELECT (x.r).bucket, ((x.r).cpu_sum / (x.r).samples)::float8 AS cpu, ((x.r).mem_sum / (x.r).samples)::float8 AS mem,
      (x.r).mem_limit::float8 AS mem_limit
    FROM (SELECT (array_agg(m ORDER BY m.bucket DESC))[1] AS r FROM container_samples_1m m
          WHERE m.host_id = ${hostId} AND m.container_id = ${shortId}::text AND m.bucket >= ${since()}) x
    WHERE x.r IS NOT NULL)`;
}

/** Newest fresh bucket per host: host_id, bucket, cpu, load1, mem_used, mem_total. */
export function latestHostBucketsSql(orgId: string, scope: HostScope): Prisma.Sql {
  return Prisma.sql`
    SELECT DISTINCT ON (host_id) host_id, bucket, (cpu_sum / samples)::float8 AS cpu,
      (load1_sum / samples)::float8 AS load1, (mem_used_sum / samples)::float8 AS mem_used,
      mem_total::float8 AS mem_total
    FROM host_samples_1m
    WHERE org_id = ${orgId}::uuid AND bucket >= ${since()} ${scopeCondition(Prisma.sql`host_id`, scope)}
    ORDER BY host_id, bucket DESC`;
}
