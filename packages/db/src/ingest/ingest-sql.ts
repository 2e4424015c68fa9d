// The write path of telemetry: the gateway runs these in its ingest transaction (parameters from
// batch-columns.ts); tests that need realistic data run the same statements.

// Locked in id order so two transactions that share hosts cannot deadlock.
export const LOCK_HOSTS = `
  SELECT id, last_seq, revoked_at IS NOT NULL AS revoked FROM hosts
  WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`;

// Row tables of a batch, in the order of WRITE_BATCH_ROWS' parameter groups below.
export const ROW_TABLES = [
  'container_samples',
  'host_samples',
  'container_events',
  'container_logs',
] as const;
export type RowTable = (typeof ROW_TABLES)[number];

/**
 * Everything an ingest transaction writes once its hosts are locked and its batches sorted into
 * new, duplicate and revoked — raw rows, dirty-minute markers, gaps and the hosts' new `last_seq`
 * — in one statement, so one round trip, prepared once per connection (WRITE_BATCH_ROWS_NAME).
 * Rows go straight into their tables, written once: the runtime role may not `COPY` into a table
 * under RLS, so the parameters are columns (one array per column) instead of a staging table
 * filled by `COPY` and copied again by `INSERT … SELECT`. Each row's policy WITH CHECK still runs.
 * The arrays are unnested in the select list, where set-returning functions advance in lockstep
 * value by value: `FROM unnest(a, b, …)` first materialises every array in a tuplestore of its
 * own, which cost more PostgreSQL CPU per row than the staged path did (measured: 14.5 vs 13.3
 * µs/row, select list 12.0; docs/benchmarks.md). $1 is the organisation, $2 the transaction's hosts; rows name their host by
 * its 1-based position in $2 (an int per row instead of a uuid). Column groups, in order:
 * container samples $3–$14, host samples $15–$29, events $30–$35, logs $36–$43, gaps $44–$46,
 * host marks $47–$48, sampled times $49–$50 (every sample's host and time, a repeat of the previous
 * one left out: a batch's samples mostly share one time). Empty arrays write nothing. Auto-restart
 * events (`autoheal_restart`, `autoheal_gave_up`, actor `auto-restart`) are also audit rows (docs/autoheal.md).
 *
 * Rollups are recomputed by a job (../rollups); this only marks each distinct (host, minute) it
 * wrote samples for. DO UPDATE … WHERE false writes nothing but locks an existing marker until
 * commit, so a job cannot claim (delete) that marker and roll the minute up from a snapshot
 * without these rows: the job skips locked markers and takes them on its next run. DISTINCT: one
 * command may not touch a row twice. All parts of one statement commit together, so their order
 * inside it does not matter.
 */
export const WRITE_BATCH_ROWS = `
  WITH container_rows AS (
    INSERT INTO container_samples (org_id, host_id, container_id, ts, cpu_pct, mem_bytes, mem_limit, net_rx, net_tx,
      blk_read, blk_write, pids, cpu_seconds)
    SELECT $1::uuid, ($2::uuid[])[r.h], r.c, r.ts, r.cpu, r.mem, r.lim, r.rx, r.tx, r.br, r.bw, r.pids, r.cpus
    FROM (SELECT unnest($3::int[]) AS h, unnest($4::text[]) AS c, unnest($5::timestamptz[]) AS ts,
      unnest($6::real[]) AS cpu, unnest($7::bigint[]) AS mem, unnest($8::bigint[]) AS lim,
      unnest($9::bigint[]) AS rx, unnest($10::bigint[]) AS tx, unnest($11::bigint[]) AS br,
      unnest($12::bigint[]) AS bw, unnest($13::int[]) AS pids, unnest($14::float8[]) AS cpus) AS r
  ), host_rows AS (
    INSERT INTO host_samples (org_id, host_id, ts, cpu_pct, load1, load5, load15, mem_used, mem_total, swap_used,
      swap_total, disk_used, disk_total, net_rx, net_tx, disks)
    SELECT $1::uuid, ($2::uuid[])[r.h], r.ts, r.cpu, r.l1, r.l5, r.l15, r.mu, r.mt, r.su, r.st, r.du, r.dt, r.rx,
      r.tx, r.disks
    FROM (SELECT unnest($15::int[]) AS h, unnest($16::timestamptz[]) AS ts, unnest($17::real[]) AS cpu,
      unnest($18::real[]) AS l1, unnest($19::real[]) AS l5, unnest($20::real[]) AS l15,
      unnest($21::bigint[]) AS mu, unnest($22::bigint[]) AS mt, unnest($23::bigint[]) AS su,
      unnest($24::bigint[]) AS st, unnest($25::bigint[]) AS du, unnest($26::bigint[]) AS dt,
      unnest($27::bigint[]) AS rx, unnest($28::bigint[]) AS tx, unnest($29::jsonb[]) AS disks) AS r
  ), dirty AS (
    INSERT INTO rollup_dirty_minutes (org_id, host_id, minute)
    SELECT DISTINCT $1::uuid, ($2::uuid[])[s.h], date_trunc('minute', s.ts, 'UTC')
    FROM (SELECT unnest($49::int[]) AS h, unnest($50::timestamptz[]) AS ts) AS s
    ON CONFLICT (host_id, minute) DO UPDATE SET minute = excluded.minute WHERE false
  ), event_rows AS (
    INSERT INTO container_events (org_id, host_id, container_id, ts, action, attributes, count)
    SELECT $1::uuid, ($2::uuid[])[r.h], r.c, r.ts, r.action, r.attributes, r.n
    FROM (SELECT unnest($30::int[]) AS h, unnest($31::text[]) AS c, unnest($32::timestamptz[]) AS ts,
      unnest($33::text[]) AS action, unnest($34::jsonb[]) AS attributes, unnest($35::int[]) AS n) AS r
  ), autoheal_audit AS (
    -- The agent's own restarts (apps/agent/src/autoheal) arrive as container events; each also
    -- becomes an audit row here, so it is written exactly when the batch is (once per sequence).
    INSERT INTO audit_logs (org_id, action, target_type, target_id, details, created_at)
    SELECT $1::uuid, 'container.' || r.action, 'container', ($2::uuid[])[r.h]::text || '/' || r.c,
      r.attributes || jsonb_build_object('actor', 'auto-restart', 'hostId', ($2::uuid[])[r.h]), r.ts
    FROM (SELECT unnest($30::int[]) AS h, unnest($31::text[]) AS c, unnest($32::timestamptz[]) AS ts,
      unnest($33::text[]) AS action, unnest($34::jsonb[]) AS attributes) AS r
    WHERE r.action IN ('autoheal_restart', 'autoheal_gave_up') AND r.attributes->>'actor' = 'auto-restart'
  ), log_rows AS (
    INSERT INTO container_logs (org_id, host_id, container_id, ts, stream, line, dropped, batch_seq, line_no)
    SELECT $1::uuid, ($2::uuid[])[r.h], r.c, r.ts, r.stream, r.line, r.dropped, r.seq, r.line_no
    FROM (SELECT unnest($36::int[]) AS h, unnest($37::text[]) AS c, unnest($38::timestamptz[]) AS ts,
      unnest($39::text[]) AS stream, unnest($40::text[]) AS line, unnest($41::int[]) AS dropped,
      unnest($42::bigint[]) AS seq, unnest($43::int[]) AS line_no) AS r
  ), gaps AS (
    INSERT INTO ingest_gaps (org_id, host_id, from_seq, to_seq, dropped)
    SELECT $1::uuid, ($2::uuid[])[g.h], g.from_seq, g.to_seq, (g.to_seq - g.from_seq + 1)::int
    FROM (SELECT unnest($44::int[]) AS h, unnest($45::bigint[]) AS from_seq,
      unnest($46::bigint[]) AS to_seq) AS g
  ), advanced AS (
    UPDATE hosts SET last_seq = v.seq, last_seen_at = now(), status = 'online'
    FROM (SELECT unnest($47::int[]) AS h, unnest($48::bigint[]) AS seq) AS v WHERE hosts.id = ($2::uuid[])[v.h]
  )
  SELECT 1`;

/** node-postgres prepares a named statement once per connection and reuses its plan. */
export const WRITE_BATCH_ROWS_NAME = 'berth_ingest_write_batch_rows';

/**
 * `repoDigests` and `platform` (issue 17) are absent from older agents' records: NULL, unknown.
 * The platform is kept as `os/architecture[/variant]`, the key image update checks are made by.
 */
export const UPSERT_CONTAINERS = `
  INSERT INTO containers AS c (host_id, short_id, org_id, docker_id, name, image, image_id, labels, state, health,
    restart_count, ports, created_at, started_at, finished_at, exit_code, removed_at, updated_at, repo_digests,
    image_platform)
  SELECT $1::uuid, left(r.id, 12), $2::uuid, r.id, r.name, r.image, r."imageId", r.labels,
    r.state::container_state, r.health::container_health, r."restartCount", r.ports, r."createdAt", r."startedAt",
    r."finishedAt", r."exitCode", NULL, now(),
    CASE WHEN r."repoDigests" IS NULL THEN NULL
         ELSE ARRAY(SELECT jsonb_array_elements_text(r."repoDigests")) END,
    CASE WHEN r.platform IS NULL THEN NULL
         ELSE concat_ws('/', r.platform->>'os', r.platform->>'architecture', r.platform->>'variant') END
  FROM jsonb_to_recordset($3::jsonb) AS r(id text, name text, image text, "imageId" text, labels jsonb, state text,
    health text, "restartCount" int, ports jsonb, "createdAt" timestamptz, "startedAt" timestamptz,
    "finishedAt" timestamptz, "exitCode" int, "repoDigests" jsonb, platform jsonb)
  ON CONFLICT (host_id, short_id) DO UPDATE SET docker_id = excluded.docker_id, name = excluded.name,
    image = excluded.image, image_id = excluded.image_id, labels = excluded.labels, state = excluded.state,
    health = excluded.health, restart_count = excluded.restart_count, ports = excluded.ports,
    created_at = excluded.created_at, started_at = excluded.started_at, finished_at = excluded.finished_at,
    exit_code = excluded.exit_code, removed_at = NULL, updated_at = now(), repo_digests = excluded.repo_digests,
    image_platform = excluded.image_platform`;

export const MARK_REMOVED = `
  UPDATE containers SET removed_at = now(), updated_at = now()
  WHERE host_id = $1 AND removed_at IS NULL AND short_id = ANY($2::text[])`;

/** After a full inventory: whatever the agent no longer lists is gone. */
export const MARK_ABSENT_REMOVED = `
  UPDATE containers SET removed_at = now(), updated_at = now()
  WHERE host_id = $1 AND removed_at IS NULL AND NOT (short_id = ANY($2::text[]))`;
