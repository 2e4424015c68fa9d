// SQL that generates the benchmark fleet, run as the owner. Samples are produced on the
// server (generate_series) into the gateway's staging tables and promoted by the gateway's own
// statements (@berth/db/ingest: raw INSERT … SELECT, then the 1-minute and 1-hour rollup
// upserts from the same staged rows), one time slice at a time, so the heap is time-major
// like real ingest.

/** One org (`$1`) and its owner (`$2`). */
export const CREATE_ORG = `
  WITH o AS (INSERT INTO organizations (id, name, slug)
             VALUES ($1::uuid, 'Bench query org', 'bench-query-' || left($1::text, 8)) RETURNING id),
       u AS (INSERT INTO users (id, email, name)
             VALUES ($2::uuid, 'bench-query-' || left($2::text, 8) || '@example.test', 'Bench') RETURNING id)
  INSERT INTO memberships (org_id, user_id, role) SELECT o.id, u.id, 'owner' FROM o, u`;

/** `$2` hosts in org `$1`; then (next statement) `$2` containers on each host of org `$1`. */
export const CREATE_HOSTS = `INSERT INTO hosts (id, org_id, name, hostname, labels, status, agent_version, os, kernel, arch, cpus, mem_total,
    docker_version, credential_hash, last_seen_at, last_seq)
  SELECT gen_random_uuid(), $1::uuid, 'host-' || lpad(n::text, 5, '0'), 'host-' || n || '.bench.test',
    jsonb_build_object('env', (ARRAY['prod', 'staging', 'dev'])[1 + n % 3],
                       'region', (ARRAY['eu', 'us', 'ap', 'sa'])[1 + n % 4]),
    (CASE WHEN n % 50 = 0 THEN 'offline' ELSE 'online' END)::host_status, '1.0.0', 'linux', '6.1.0', 'x86_64',
    8, 34359738368, '27.3.1', encode(sha256(('bench-host-' || $1::text || n)::bytea), 'hex'), now(), 1
  FROM generate_series(1, $2::int) AS n`;

export const CREATE_CONTAINERS = `INSERT INTO containers (host_id, short_id, org_id, docker_id, name, image, image_id, labels, state, health,
    restart_count, created_at, started_at)
  SELECT h.id, left(d.id, 12), h.org_id, d.id, 'app-' || k || '-' || h.name,
    'registry.example/app-' || (k % 7) || ':1.' || (k % 3), 'sha256:' || md5('image' || (k % 7)),
    jsonb_build_object('app', 'app-' || (k % 10), 'tier', (ARRAY['web', 'db', 'worker', 'cache'])[1 + k % 4]),
    (CASE WHEN r.s < 85 THEN 'running' WHEN r.s < 93 THEN 'exited' WHEN r.s < 96 THEN 'paused'
      WHEN r.s < 98 THEN 'restarting' ELSE 'created' END)::container_state,
    (CASE WHEN r.h < 50 THEN 'none' WHEN r.h < 90 THEN 'healthy' WHEN r.h < 95 THEN 'unhealthy'
      ELSE 'starting' END)::container_health,
    r.s % 4, now() - interval '40 days', now() - interval '31 days'
  FROM hosts h CROSS JOIN generate_series(1, $2::int) AS k
  CROSS JOIN LATERAL (SELECT md5(h.id::text || k) || md5(k || h.id::text) AS id) d
  CROSS JOIN LATERAL (SELECT abs(hashtext(d.id)) % 100 AS s, abs(hashtext(d.id || 'h')) % 100 AS h) r
  WHERE h.org_id = $1::uuid`;

/** Per-series shape of the synthetic load (owner-only helper tables, dropped after loading). */
export const CREATE_SHAPES = `
  DROP TABLE IF EXISTS bench_container_shapes, bench_host_shapes;
  CREATE UNLOGGED TABLE bench_container_shapes AS
  SELECT org_id, host_id, short_id::text AS container_id, 5 + random() * 60 AS cpu_base,
    (64 + random() * 1024) * 1048576 AS mem_base, 1000 + random() * 200000 AS rx_rate,
    500 + random() * 50000 AS tx_rate, random() * 20000 AS rd_rate, random() * 40000 AS wr_rate
  FROM containers WHERE state NOT IN ('exited', 'created');
  CREATE UNLOGGED TABLE bench_host_shapes AS
  SELECT org_id, id AS host_id, 10 + random() * 50 AS cpu_base, (4 + random() * 20) * 1073741824.0 AS mem_base,
    100000 + random() * 1000000 AS rx_rate, 50000 + random() * 500000 AS tx_rate
  FROM hosts;
  ANALYZE bench_container_shapes; ANALYZE bench_host_shapes;`;

/** What was generated, so a later run can reuse the database and top it up to the present. */
export const CREATE_META = `
  CREATE TABLE bench_query_meta (org_id uuid NOT NULL, user_id uuid NOT NULL, origin timestamptz NOT NULL,
    raw_to timestamptz NOT NULL, shape jsonb NOT NULL)`;

/** `$1`..`$2` every `$4` s; counters grow from the origin `$3`, so they are monotonic. */
export const STAGE_SLICE = [
  `INSERT INTO stage_container_samples
  SELECT s.org_id, s.host_id, s.container_id, t,
    greatest(0, s.cpu_base + 15 * sin(extract(epoch FROM t) / 900 + s.rx_rate) + random() * 5)::real,
    (s.mem_base * (1 + 0.1 * sin(extract(epoch FROM t) / 3600 + s.tx_rate)))::bigint, 2147483648,
    (s.rx_rate * extract(epoch FROM t - $3::timestamptz))::bigint,
    (s.tx_rate * extract(epoch FROM t - $3::timestamptz))::bigint,
    (s.rd_rate * extract(epoch FROM t - $3::timestamptz))::bigint,
    (s.wr_rate * extract(epoch FROM t - $3::timestamptz))::bigint, 12
  FROM generate_series($1::timestamptz, $2::timestamptz - interval '1 microsecond', make_interval(secs => $4)) AS t
  CROSS JOIN bench_container_shapes s ORDER BY t`,
  `INSERT INTO stage_host_samples
  SELECT s.org_id, s.host_id, t, least(100, s.cpu_base + random() * 10)::real, (s.cpu_base / 12)::real,
    (s.cpu_base / 13)::real, (s.cpu_base / 14)::real, s.mem_base::bigint, 34359738368, 0, 0,
    200000000000 + (extract(epoch FROM t - $3::timestamptz) * 1000)::bigint, 500000000000,
    (s.rx_rate * extract(epoch FROM t - $3::timestamptz))::bigint,
    (s.tx_rate * extract(epoch FROM t - $3::timestamptz))::bigint, '[]'
  FROM generate_series($1::timestamptz, $2::timestamptz - interval '1 microsecond', make_interval(secs => $4)) AS t
  CROSS JOIN bench_host_shapes s ORDER BY t`,
];

/**
 * One day of 1-hour rollups older than the raw window (what a month of ingest leaves behind
 * once raw and 1-minute partitions have been dropped): `samples` per bucket as the interval
 * implies, sums = average × samples, counters at the bucket's end.
 */
export const HOURLY_DAY = [
  `INSERT INTO container_samples_1h (org_id, host_id, container_id, bucket, samples, cpu_sum, cpu_max, mem_sum,
    mem_max, mem_limit, net_rx, net_tx, blk_read, blk_write, pids_max)
  SELECT s.org_id, s.host_id, s.container_id, b, $4::int,
    $4::int * (s.cpu_base + 15 * sin(extract(epoch FROM b) / 900 + s.rx_rate) + 2.5), s.cpu_base + 25,
    $4::int * s.mem_base, (s.mem_base * 1.1)::bigint, 2147483648,
    (s.rx_rate * extract(epoch FROM b + interval '1 hour' - $3::timestamptz))::bigint,
    (s.tx_rate * extract(epoch FROM b + interval '1 hour' - $3::timestamptz))::bigint,
    (s.rd_rate * extract(epoch FROM b + interval '1 hour' - $3::timestamptz))::bigint,
    (s.wr_rate * extract(epoch FROM b + interval '1 hour' - $3::timestamptz))::bigint, 12
  FROM generate_series($1::timestamptz, $2::timestamptz - interval '1 hour', interval '1 hour') AS b
  CROSS JOIN bench_container_shapes s ORDER BY b`,
  `INSERT INTO host_samples_1h (org_id, host_id, bucket, samples, cpu_sum, cpu_max, load1_sum, load1_max,
    mem_used_sum, mem_used_max, mem_total, swap_used_max, disk_used_max, disk_total, net_rx, net_tx)
  SELECT s.org_id, s.host_id, b, $4::int, $4::int * (s.cpu_base + 5), s.cpu_base + 10, $4::int * s.cpu_base / 12,
    s.cpu_base / 10, $4::int * s.mem_base, s.mem_base::bigint, 34359738368, 0, 200000000000, 500000000000,
    (s.rx_rate * extract(epoch FROM b + interval '1 hour' - $3::timestamptz))::bigint,
    (s.tx_rate * extract(epoch FROM b + interval '1 hour' - $3::timestamptz))::bigint
  FROM generate_series($1::timestamptz, $2::timestamptz - interval '1 hour', interval '1 hour') AS b
  CROSS JOIN bench_host_shapes s ORDER BY b`,
];
