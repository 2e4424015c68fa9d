// What the checks list's "latest run per check" costs (docs/benchmarks.md, "Checks list: the
// latest run"): CHECKS checks in two organisations, one run a minute for 8 days and their 1-hour
// rollup rows, then EXPLAIN ANALYZE of the previous statement (DISTINCT ON over 7 days of raw
// runs) and of latestRunCtes, side by side in the same run, for the whole organisation and for
// one container (what the container page asks on every view), then of the whole list statement.
// Usage: npm run check-list -w @berth/bench -- [checks=100]; PLAN=latest (or list) prints that plan.

import { Prisma } from '@berth/db';
import { type CheckListQuery, checkListSql, latestRunCtes } from '@berth/db/queries';
import { withOrgOn } from '@berth/db/sql';
import { createTestDatabase } from '@berth/db/testing';
import pg from 'pg';

const CHECKS = Number(process.argv[2] ?? 100);
const HOSTS = 10;
const DAY_MS = 86_400_000;

/** The statement before this change, kept as the baseline. */
function previousLatest(query: CheckListQuery, since: Date): Prisma.Sql {
  const where = [Prisma.sql`r.org_id = ${query.orgId}::uuid`, Prisma.sql`r.ts >= ${since}::timestamptz`];
  if (query.hostId) where.push(Prisma.sql`r.host_id = ${query.hostId}::uuid`);
  if (query.containerName) where.push(Prisma.sql`r.container_name = ${query.containerName}`);
  return Prisma.sql`latest AS (
    SELECT DISTINCT ON (r.check_id) r.check_id, r.host_id, r.container_name, r.container_id, r.check_name,
      r.kind, r.ts, r.status, r.latency_ms, r.status_code, r.error, r.target, r.cert_expires_at, r.cert_expiring
    FROM check_results r WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY r.check_id, r.ts DESC)`;
}

const database = await createTestDatabase();
const owner = new pg.Client({ connectionString: database.adminUrl });
await owner.connect();
try {
  const orgs = (
    await owner.query<{ id: string }>(
      `INSERT INTO organizations (name, slug) SELECT 'o' || i, 'check-list-' || i FROM generate_series(1, 2) i
       RETURNING id`,
    )
  ).rows.map((row) => row.id);
  // Hosts and checks: check i of an organisation runs on host i % HOSTS, container 'c' || i.
  await owner.query(
    `INSERT INTO hosts (org_id, name, hostname, credential_hash)
     SELECT o, 'h' || h, 'h' || h, md5(o::text || h) FROM unnest($1::uuid[]) o, generate_series(0, $2 - 1) h`,
    [orgs, HOSTS],
  );
  await owner.query('SELECT count(*) FROM berth_maintenance.maintain_partitions()');
  const started = performance.now();
  await owner.query(
    `INSERT INTO check_results (org_id, host_id, check_id, container_name, check_name, kind, ts, status, latency_ms, target)
     SELECT h.org_id, h.id, md5(h.id::text || '/c' || i || '/default')::uuid, 'c' || i, 'default', 'http',
       date_trunc('minute', now()) - make_interval(mins => m), CASE WHEN m % 97 = 0 THEN 'down' ELSE 'up' END,
       10 + m % 50, 'http://127.0.0.1/health'
     FROM generate_series(0, $1 - 1) i
     JOIN hosts h ON h.name = 'h' || (i % $2)
     CROSS JOIN generate_series(0, 8 * 24 * 60 - 1) m`,
    [CHECKS, HOSTS],
  );
  await owner.query(
    `INSERT INTO check_results_1h (org_id, host_id, check_id, bucket, container_name, check_name, runs, up, pending,
       down, slow, latency_sum, latency_min, latency_max, last_ts, last_status, last_error)
     SELECT org_id, host_id, check_id, date_trunc('hour', ts, 'UTC'), container_name, check_name, count(*)::int,
       count(*) FILTER (WHERE status = 'up')::int, 0, count(*) FILTER (WHERE status = 'down')::int, 0,
       sum(latency_ms), min(latency_ms), max(latency_ms), max(ts), 'up', NULL
     FROM check_results GROUP BY 1, 2, 3, 4, 5, 6`,
  );
  await owner.query('VACUUM ANALYZE');
  const rows = (await owner.query<{ n: string }>('SELECT count(*) AS n FROM check_results')).rows[0]?.n;
  console.log(`seeded ${rows} runs in ${Math.round((performance.now() - started) / 1000)} s`);

  const app = new pg.Client({ connectionString: database.appUrl });
  await app.connect();
  const orgId = orgs[0] as string;
  const host = (
    await owner.query<{ id: string }>(`SELECT id FROM hosts WHERE org_id = $1 AND name = 'h3'`, [orgId])
  ).rows[0]?.id as string;
  const explain = async (sql: Prisma.Sql) => {
    // Through the tenant door, as listChecks runs it (and without JIT's compile time hiding the
    // plans' own cost).
    const plan = await withOrgOn(app, orgId, async (client) => {
      await client.query('SET LOCAL jit = off');
      return (await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql.text}`, sql.values)).rows[0][
        'QUERY PLAN'
      ][0];
    });
    const buffers = plan.Plan['Shared Hit Blocks'] + plan.Plan['Shared Read Blocks'];
    return { ms: plan['Execution Time'] as number, buffers: buffers as number };
  };
  const best = async (sql: Prisma.Sql) => {
    const runs = [];
    for (let i = 0; i < 5; i += 1) runs.push(await explain(sql));
    return runs.sort((a, b) => a.ms - b.ms)[0] as { ms: number; buffers: number };
  };
  const now = new Date();
  const since = new Date(now.getTime() - 7 * DAY_MS);
  const cases: [string, CheckListQuery][] = [
    ['org', { orgId, scope: null, now, after: null, limit: 50 }],
    ['container', { orgId, scope: null, now, after: null, limit: 50, hostId: host, containerName: 'c3' }],
  ];
  for (const [name, query] of cases) {
    const before = await best(Prisma.sql`WITH ${previousLatest(query, since)} SELECT count(*) FROM latest`);
    const after = await best(Prisma.sql`WITH ${latestRunCtes(query, since)} SELECT count(*) FROM latest`);
    const list = await best(checkListSql(query));
    if (process.env.PLAN) {
      const sql =
        process.env.PLAN === 'list'
          ? checkListSql(query)
          : Prisma.sql`WITH ${latestRunCtes(query, since)} SELECT count(*) FROM latest`;
      const plan = await withOrgOn(app, orgId, (client) =>
        client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql.text}`, sql.values),
      );
      console.log(plan.rows.map((row) => row['QUERY PLAN']).join('\n'));
    }
    console.log(
      `bench check-list ${name}: checks=${CHECKS} before_ms=${before.ms.toFixed(1)} before_buffers=${before.buffers}` +
        ` after_ms=${after.ms.toFixed(1)} after_buffers=${after.buffers} list_ms=${list.ms.toFixed(1)}`,
    );
  }
  await app.end();
} finally {
  await owner.end();
  await database.drop();
}
