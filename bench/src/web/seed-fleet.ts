import { createDb, seedDemo } from '@berth/db';
import { ownerQuery } from '../shared/bench-database.js';

export type SeededFleet = {
  email: string;
  password: string;
  orgId: string;
  chart: { hostId: string; containerId: string };
};

/** The container whose page the bench opens: 24 hours of samples every 10 s. */
const CHART_CONTAINER = 'be0c4a11c0de';
const SAMPLE_S = 10;

/**
 * An owner with a password, `hosts` hosts (labels, agent versions, a few offline, one
 * outdated in ten), 6 containers each with a current reading, and one container with 24 h
 * of raw samples and their 1-minute rollups, inserted in bulk as the table owner.
 */
export async function seedFleet(adminUrl: string, appUrl: string, hosts: number): Promise<SeededFleet> {
  const db = createDb(appUrl, { max: 2 });
  const seed = await seedDemo(db, 'bench@berth.local', 'Bench fleet').finally(() => db.$disconnect());
  if (!seed.created) throw new Error('the bench database already had its owner');
  const { orgId } = seed;
  await ownerQuery(
    adminUrl,
    `INSERT INTO hosts (org_id, name, hostname, labels, status, agent_version, os, kernel, arch, cpus, mem_total,
                        docker_version, capabilities, credential_hash, last_seen_at)
     SELECT $1::uuid, 'bench-' || lpad(n::text, 4, '0'), 'bench-' || n || '.example.test',
            jsonb_build_object('env', CASE WHEN n % 4 = 0 THEN 'staging' ELSE 'prod' END, 'az', 'eu-' || (n % 3 + 1)),
            (CASE WHEN n % 50 = 0 THEN 'offline' ELSE 'online' END)::host_status,
            CASE WHEN n % 10 = 0 THEN '0.9.0' ELSE '1.0.0' END, 'Debian 13', '6.12.0', 'x86_64', 8,
            34359738368, '28.0.1', ARRAY['actions','logs','live_logs'], md5(random()::text),
            now() - (n % 30) * interval '1 second'
     FROM generate_series(1, $2::int) AS n`,
    [orgId, hosts],
  );
  await ownerQuery(
    adminUrl,
    `INSERT INTO containers (host_id, short_id, org_id, docker_id, name, image, image_id, state, health,
                             restart_count, created_at, started_at)
     SELECT h.id, substr(md5(h.id::text || c), 1, 12), h.org_id, md5(h.id::text || c) || md5(c::text || h.id::text),
            (ARRAY['web','api','worker','redis','postgres','cron'])[c], 'ghcr.io/acme/' || c || ':1.' || c,
            'sha256:' || md5(c::text), (CASE WHEN c = 6 THEN 'exited' ELSE 'running' END)::container_state,
            (CASE WHEN c = 2 THEN 'healthy' ELSE 'none' END)::container_health, c % 3, now() - interval '3 days',
            now() - interval '2 days'
     FROM hosts h CROSS JOIN generate_series(1, 6) AS c WHERE h.org_id = $1::uuid`,
    [orgId],
  );
  await ownerQuery(
    adminUrl,
    `INSERT INTO host_samples
     SELECT h.org_id, h.id, now() - interval '5 seconds', 5 + random() * 60, random() * 4, 1, 1,
            (4 + random() * 20) * 1073741824, 34359738368, 0, 0, 107374182400, 536870912000, 0, 0, '[]'
     FROM hosts h WHERE h.org_id = $1::uuid`,
    [orgId],
  );
  const [first] = await ownerQuery<{ id: string }>(
    adminUrl,
    `SELECT id FROM hosts WHERE org_id = $1 ORDER BY name LIMIT 1`,
    [orgId],
  );
  if (!first) throw new Error('no host was inserted');
  await insertChartContainer(adminUrl, orgId, first.id);
  return {
    email: seed.email,
    password: seed.password,
    orgId,
    chart: { hostId: first.id, containerId: CHART_CONTAINER },
  };
}

async function insertChartContainer(adminUrl: string, orgId: string, hostId: string): Promise<void> {
  await ownerQuery(
    adminUrl,
    `INSERT INTO containers (host_id, short_id, org_id, docker_id, name, image, image_id, state, created_at, started_at)
     VALUES ($2, $3, $1, repeat('b', 64), 'bench-chart', 'ghcr.io/acme/chart:1', 'sha256:c', 'running',
             now() - interval '2 days', now() - interval '2 days')`,
    [orgId, hostId, CHART_CONTAINER],
  );
  // A daily wave plus noise; counters grow steadily (network ~1 MB/s, disk ~100 kB/s).
  await ownerQuery(
    adminUrl,
    `INSERT INTO container_samples
     SELECT $1::uuid, $2::uuid, $3, ts, 40 + 30 * sin(i / 400.0) + random() * 15,
            (300 + 100 * sin(i / 900.0) + random() * 20) * 1048576, 1073741824,
            i::bigint * 1000000 * ${SAMPLE_S}, i::bigint * 400000 * ${SAMPLE_S}, i::bigint * 100000 * ${SAMPLE_S},
            i::bigint * 50000 * ${SAMPLE_S}, 12
     FROM generate_series(0, 86400 / ${SAMPLE_S}) AS i,
          LATERAL (SELECT now() - interval '24 hours' + i * interval '${SAMPLE_S} seconds' AS ts) t`,
    [orgId, hostId, CHART_CONTAINER],
  );
  await ownerQuery(
    adminUrl,
    `INSERT INTO container_samples_1m
     SELECT org_id, host_id, container_id, date_trunc('minute', ts), count(*), sum(cpu_pct), max(cpu_pct),
            sum(mem_bytes), max(mem_bytes), max(mem_limit), max(net_rx), max(net_tx), max(blk_read), max(blk_write),
            max(pids)
     FROM container_samples WHERE host_id = $1::uuid AND container_id = $2
     GROUP BY 1, 2, 3, 4`,
    [hostId, CHART_CONTAINER],
  );
}
