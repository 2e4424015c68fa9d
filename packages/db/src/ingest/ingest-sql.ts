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

// Rollups are recomputed by a job (../rollups); the ingest transaction only marks the minutes
// it wrote samples for, one row per distinct (host, minute) of the batch. DO UPDATE … WHERE false
// writes nothing but locks an existing marker until commit, so a job cannot claim (delete) that
// marker and roll the minute up from a snapshot without this batch's rows: the job skips
// locked markers and takes them on its next run. DISTINCT: one command may not touch a row twice.
const markDirty = (tables: readonly string[]) => `
  INSERT INTO rollup_dirty_minutes (org_id, host_id, minute)
  SELECT DISTINCT org_id, host_id, date_trunc('minute', ts, 'UTC') FROM (
    ${tables.map((table) => `SELECT org_id, host_id, ts FROM ${table}`).join(' UNION ALL ')}) AS sampled
  ON CONFLICT (host_id, minute) DO UPDATE SET minute = excluded.minute WHERE false;`;

/** Moves staged rows into the partitioned tables (RLS WITH CHECK validates each), marks minutes to roll up. */
export function promoteStaged(present: ReadonlySet<StagedTable>): string {
  const statements: string[] = [];
  const sampled: string[] = [];
  if (present.has('container_samples')) {
    statements.push('INSERT INTO container_samples SELECT * FROM stage_container_samples;');
    sampled.push('stage_container_samples');
  }
  if (present.has('host_samples')) {
    statements.push('INSERT INTO host_samples SELECT * FROM stage_host_samples;');
    sampled.push('stage_host_samples');
  }
  if (sampled.length > 0) statements.push(markDirty(sampled));
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
