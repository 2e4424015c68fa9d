// The write path of telemetry: the gateway runs these in its ingest transaction; tests and
// benchmarks that need realistic data run the same statements.

const STAGED = ['container_samples', 'host_samples', 'container_events', 'container_logs'] as const;
export type StagedTable = (typeof STAGED)[number];

/** Session temp tables: COPY into a table under RLS is refused for the runtime role. */
export const STAGING_DDL = STAGED.map(
  (table) => `CREATE TEMP TABLE IF NOT EXISTS stage_${table} (LIKE ${table}) ON COMMIT DELETE ROWS;`,
).join('\n');

export const copyInto = (table: StagedTable) => `COPY stage_${table} FROM STDIN`;

// Locked in id order so two transactions that share hosts cannot deadlock.
export const LOCK_HOSTS = `
  SELECT id, last_seq, revoked_at IS NOT NULL AS revoked FROM hosts
  WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`;

const containerRollup = (unit: 'minute' | 'hour', table: string) => `
  INSERT INTO ${table} AS t (org_id, host_id, container_id, bucket, samples, cpu_sum, cpu_max, mem_sum, mem_max,
    mem_limit, net_rx, net_tx, blk_read, blk_write, pids_max)
  SELECT org_id, host_id, container_id, date_trunc('${unit}', ts, 'UTC'), count(*), sum(cpu_pct), max(cpu_pct),
    sum(mem_bytes), max(mem_bytes), max(mem_limit), max(net_rx), max(net_tx), max(blk_read), max(blk_write), max(pids)
  FROM stage_container_samples GROUP BY 1, 2, 3, 4
  ON CONFLICT (host_id, container_id, bucket) DO UPDATE SET
    samples = t.samples + excluded.samples, cpu_sum = t.cpu_sum + excluded.cpu_sum,
    cpu_max = greatest(t.cpu_max, excluded.cpu_max), mem_sum = t.mem_sum + excluded.mem_sum,
    mem_max = greatest(t.mem_max, excluded.mem_max), mem_limit = excluded.mem_limit,
    net_rx = greatest(t.net_rx, excluded.net_rx), net_tx = greatest(t.net_tx, excluded.net_tx),
    blk_read = greatest(t.blk_read, excluded.blk_read), blk_write = greatest(t.blk_write, excluded.blk_write),
    pids_max = greatest(t.pids_max, excluded.pids_max);`;

const hostRollup = (unit: 'minute' | 'hour', table: string) => `
  INSERT INTO ${table} AS t (org_id, host_id, bucket, samples, cpu_sum, cpu_max, load1_sum, load1_max,
    mem_used_sum, mem_used_max, mem_total, swap_used_max, disk_used_max, disk_total, net_rx, net_tx)
  SELECT org_id, host_id, date_trunc('${unit}', ts, 'UTC'), count(*), sum(cpu_pct), max(cpu_pct), sum(load1),
    max(load1), sum(mem_used), max(mem_used), max(mem_total), max(swap_used), max(disk_used), max(disk_total),
    max(net_rx), max(net_tx)
  FROM stage_host_samples GROUP BY 1, 2, 3
  ON CONFLICT (host_id, bucket) DO UPDATE SET
    samples = t.samples + excluded.samples, cpu_sum = t.cpu_sum + excluded.cpu_sum,
    cpu_max = greatest(t.cpu_max, excluded.cpu_max), load1_sum = t.load1_sum + excluded.load1_sum,
    load1_max = greatest(t.load1_max, excluded.load1_max), mem_used_sum = t.mem_used_sum + excluded.mem_used_sum,
    mem_used_max = greatest(t.mem_used_max, excluded.mem_used_max), mem_total = excluded.mem_total,
    swap_used_max = greatest(t.swap_used_max, excluded.swap_used_max),
    disk_used_max = greatest(t.disk_used_max, excluded.disk_used_max), disk_total = excluded.disk_total,
    net_rx = greatest(t.net_rx, excluded.net_rx), net_tx = greatest(t.net_tx, excluded.net_tx);`;

/** Moves staged rows into the partitioned tables (RLS WITH CHECK validates each) and rolls up. */
export function promoteStaged(present: ReadonlySet<StagedTable>): string {
  const statements: string[] = [];
  if (present.has('container_samples')) {
    statements.push(
      'INSERT INTO container_samples SELECT * FROM stage_container_samples;',
      containerRollup('minute', 'container_samples_1m'),
      containerRollup('hour', 'container_samples_1h'),
    );
  }
  if (present.has('host_samples')) {
    statements.push(
      'INSERT INTO host_samples SELECT * FROM stage_host_samples;',
      hostRollup('minute', 'host_samples_1m'),
      hostRollup('hour', 'host_samples_1h'),
    );
  }
  if (present.has('container_events'))
    statements.push('INSERT INTO container_events SELECT * FROM stage_container_events;');
  if (present.has('container_logs'))
    statements.push('INSERT INTO container_logs SELECT * FROM stage_container_logs;');
  return statements.join('\n');
}

export const UPSERT_CONTAINERS = `
  INSERT INTO containers AS c (host_id, short_id, org_id, docker_id, name, image, image_id, labels, state, health,
    restart_count, ports, created_at, started_at, finished_at, exit_code, removed_at, updated_at)
  SELECT $1::uuid, left(r.id, 12), $2::uuid, r.id, r.name, r.image, r."imageId", r.labels,
    r.state::container_state, r.health::container_health, r."restartCount", r.ports, r."createdAt", r."startedAt",
    r."finishedAt", r."exitCode", NULL, now()
  FROM jsonb_to_recordset($3::jsonb) AS r(id text, name text, image text, "imageId" text, labels jsonb, state text,
    health text, "restartCount" int, ports jsonb, "createdAt" timestamptz, "startedAt" timestamptz,
    "finishedAt" timestamptz, "exitCode" int)
  ON CONFLICT (host_id, short_id) DO UPDATE SET docker_id = excluded.docker_id, name = excluded.name,
    image = excluded.image, image_id = excluded.image_id, labels = excluded.labels, state = excluded.state,
    health = excluded.health, restart_count = excluded.restart_count, ports = excluded.ports,
    created_at = excluded.created_at, started_at = excluded.started_at, finished_at = excluded.finished_at,
    exit_code = excluded.exit_code, removed_at = NULL, updated_at = now()`;

export const MARK_REMOVED = `
  UPDATE containers SET removed_at = now(), updated_at = now()
  WHERE host_id = $1 AND removed_at IS NULL AND short_id = ANY($2::text[])`;

/** After a full inventory: whatever the agent no longer lists is gone. */
export const MARK_ABSENT_REMOVED = `
  UPDATE containers SET removed_at = now(), updated_at = now()
  WHERE host_id = $1 AND removed_at IS NULL AND NOT (short_id = ANY($2::text[]))`;

export const INSERT_GAPS = `
  INSERT INTO ingest_gaps (org_id, host_id, from_seq, to_seq, dropped)
  SELECT $1::uuid, g.host_id, g.from_seq, g.to_seq, (g.to_seq - g.from_seq + 1)::int
  FROM unnest($2::uuid[], $3::bigint[], $4::bigint[]) AS g(host_id, from_seq, to_seq)`;

export const ADVANCE_HOSTS = `
  UPDATE hosts SET last_seq = v.seq, last_seen_at = now(), status = 'online'
  FROM unnest($1::uuid[], $2::bigint[]) AS v(id, seq) WHERE hosts.id = v.id`;
