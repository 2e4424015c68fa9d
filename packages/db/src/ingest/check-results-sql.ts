/**
 * Check results of an ingest transaction, in one statement beside WRITE_BATCH_ROWS (parameters
 * from check-result-columns.ts), run only when the transaction's batches carry any: batches from
 * agents without checks cost nothing more. It runs after the hosts are locked and the batches
 * sorted into new and duplicate, in the same transaction, so a replayed batch writes none again.
 * Columns as one array each, unnested in the select list (see WRITE_BATCH_ROWS for why). $1 is the
 * organisation, $2 the hosts (rows name theirs by 1-based position), then $3–$16 the columns.
 * `check_id` is derived here from the authenticated host, never taken from the agent. The runs'
 * (host, minute)s are marked for the rollup job like the samples' (WRITE_BATCH_ROWS' `dirty`, same
 * lock-don't-write conflict), so check_results_1m/1h are recomputed from the raw runs.
 */
export const WRITE_CHECK_RESULTS = `
  WITH written AS (
  INSERT INTO check_results (org_id, host_id, check_id, container_name, container_id, check_name, kind, ts,
    status, latency_ms, slow, status_code, cert_expires_at, cert_expiring, error, target)
  SELECT $1::uuid, h.id, md5(h.id::text || '/' || r.container_name || '/' || r.check_name)::uuid,
    r.container_name, r.container_id, r.check_name, r.kind, r.ts, r.status, r.latency_ms, r.slow, r.status_code,
    r.cert_expires_at, r.cert_expiring, r.error, r.target
  FROM (SELECT unnest($3::int[]) AS h, unnest($4::text[]) AS container_name, unnest($5::text[]) AS container_id,
    unnest($6::text[]) AS check_name, unnest($7::text[]) AS kind, unnest($8::timestamptz[]) AS ts,
    unnest($9::text[]) AS status, unnest($10::int[]) AS latency_ms, unnest($11::boolean[]) AS slow,
    unnest($12::smallint[]) AS status_code, unnest($13::timestamptz[]) AS cert_expires_at,
    unnest($14::boolean[]) AS cert_expiring, unnest($15::text[]) AS error, unnest($16::text[]) AS target) AS r
  CROSS JOIN LATERAL (SELECT ($2::uuid[])[r.h] AS id) AS h
  RETURNING host_id, ts)
  INSERT INTO rollup_dirty_minutes (org_id, host_id, minute)
  SELECT DISTINCT $1::uuid, host_id, date_trunc('minute', ts, 'UTC') FROM written
  ON CONFLICT (host_id, minute) DO UPDATE SET minute = excluded.minute WHERE false`;

/** node-postgres prepares a named statement once per connection and reuses its plan. */
export const WRITE_CHECK_RESULTS_NAME = 'berth_ingest_write_check_results';
