// The rollup job's statements, run in one org-scoped transaction. $1/$2: the claimed markers
// (or hours) as parallel arrays: host ids, minutes (hours); $3/$4: the start of the first and the
// end of the last claimed minute (hour), constants the planner prunes partitions (chunks) by — without them every
// statement planned every partition of its tables, milliseconds each (measured in bench:ingest); $5: each claimed
// minute's (hour's) end, beside $2. Every rollup row is recomputed whole (DO UPDATE sets
// every column from the fresh aggregate), never incremented: rolling a minute twice gives the
// same row, so a late or re-sent batch only has to mark its minute again.

// A claim locks its markers in a MATERIALIZED CTE, evaluated once. As a subquery of the DELETE
// (the first version) the planner may put it on the inner side of a nested loop and run it again
// for every marker the DELETE scans — it does when the table's statistics say it holds one row —
// and each rerun skips the markers this statement has already deleted (LockRows ignores tuples
// the current command changed) and locks the next ones: LIMIT 1 claimed every marker there was.

/** Takes up to $2 markers that closed before $1, skipping those an ingest transaction holds. */
export const CLAIM_DIRTY_MINUTES = `
  WITH c AS MATERIALIZED (
    SELECT host_id, minute FROM rollup_dirty_minutes WHERE minute < $1::timestamptz
    ORDER BY minute LIMIT $2 FOR UPDATE SKIP LOCKED
  ), claimed AS (
    DELETE FROM rollup_dirty_minutes d USING c
    WHERE d.host_id = c.host_id AND d.minute = c.minute
    RETURNING d.host_id, d.minute)
  SELECT coalesce(array_agg(host_id), '{}') AS hosts, coalesce(array_agg(minute), '{}') AS minutes FROM claimed`;

const CLAIMED = `unnest($1::uuid[], $2::timestamptz[]) AS c(host_id, minute)`;
/** Claimed markers with the rows they cover: a minute's raw rows (`s`), an hour's 1-minute rows (`m`). */
type Span = { claimed: string; marker: string; rows: 's' | 'm'; within: string };

// Each marker's end travels beside its start ($5): `ts < c.minute_end` bounds the index scan on
// both engines, where TimescaleDB left `ts < c.minute + interval '1 minute'` as a filter and read
// every row from the minute to the claim's end ($4). $3/$4 stay for partition and chunk exclusion.
const MINUTE_SPAN: Span = {
  claimed: 'unnest($1::uuid[], $2::timestamptz[], $5::timestamptz[]) AS c(host_id, minute, minute_end)',
  marker: 'c.host_id, c.minute',
  rows: 's',
  within: `s.host_id = c.host_id AND s.ts >= c.minute AND s.ts < c.minute_end
      AND s.ts >= $3::timestamptz AND s.ts < $4::timestamptz`,
};
const HOUR_SPAN: Span = {
  claimed: 'unnest($1::uuid[], $2::timestamptz[], $5::timestamptz[]) AS h(host_id, hour, hour_end)',
  marker: 'h.host_id, h.hour',
  rows: 'm',
  within: `m.host_id = h.host_id AND m.bucket >= h.hour AND m.bucket < h.hour_end
      AND m.bucket >= $3::timestamptz AND m.bucket < $4::timestamptz`,
};

/** A rollup table's shape: its key besides host and bucket (none for a host), columns, conflict target. */
type RollupShape = { key?: string; columns: string; conflict: string; set: string };

/**
 * Recomputes `into`'s rows of every claimed marker from `from`'s rows in the marker's span,
 * aggregated in a LATERAL subquery per marker: each marker is one range scan of a `(host_id,
 * time)` index. Joined flat (the first version), the planner chose a hash join fed by one scan of
 * the whole time range, every organisation's rows, filtered by the policy afterwards: on a new
 * TimescaleDB chunk without statistics each claim read all 500,000 rows of the range to keep its
 * organisation's 50,000, and sorted them on disk (docs/benchmarks.md, "Seventh session").
 * `aggregates` list `shape.columns` in order, over the span's row alias.
 */
function rollUpPerMarker(
  span: Span,
  into: string,
  from: string,
  shape: RollupShape,
  aggregates: string,
): string {
  const key = shape.key ? `, ${span.rows}.${shape.key}` : '';
  return `
  INSERT INTO ${into} AS t (org_id${shape.key ? `, ${shape.key}` : ''}, ${shape.columns}, host_id, bucket)
  SELECT a.*, ${span.marker}
  FROM ${span.claimed}
  CROSS JOIN LATERAL (
    SELECT ${span.rows}.org_id${key}, ${aggregates}
    FROM ${from} ${span.rows}
    WHERE ${span.within}
    GROUP BY ${span.rows}.org_id${key}) AS a
  ON CONFLICT (${shape.conflict}) DO UPDATE SET ${shape.set}`;
}

/**
 * Marks the hours of the claimed minutes (their 1-minute rows are about to change), with the
 * same lock-don't-write conflict as the ingest's minute markers: a concurrent hour claim skips a
 * marker this transaction holds, and recomputes the hour only after these minutes commit.
 */
export const MARK_DIRTY_HOURS = `
  INSERT INTO rollup_dirty_hours (org_id, host_id, hour)
  SELECT DISTINCT current_setting('app.org_id')::uuid, host_id, date_trunc('hour', minute, 'UTC') FROM ${CLAIMED}
  ON CONFLICT (host_id, hour) DO UPDATE SET hour = excluded.hour WHERE false`;

/** Takes up to $2 hour markers of hours that closed before $1 (an hour before it), skipping held ones. */
export const CLAIM_DIRTY_HOURS = `
  WITH c AS MATERIALIZED (
    SELECT host_id, hour FROM rollup_dirty_hours WHERE hour <= $1::timestamptz - interval '1 hour'
    ORDER BY hour LIMIT $2 FOR UPDATE SKIP LOCKED
  ), claimed AS (
    DELETE FROM rollup_dirty_hours d USING c
    WHERE d.host_id = c.host_id AND d.hour = c.hour
    RETURNING d.host_id, d.hour)
  SELECT coalesce(array_agg(host_id), '{}') AS hosts, coalesce(array_agg(hour), '{}') AS hours FROM claimed`;

const CONTAINER_COLUMNS = `samples, cpu_sum, cpu_max, mem_sum, mem_max, mem_limit, net_rx, net_tx, blk_read,
  blk_write, pids_max`;
const CONTAINER_SET = `samples = excluded.samples, cpu_sum = excluded.cpu_sum, cpu_max = excluded.cpu_max,
  mem_sum = excluded.mem_sum, mem_max = excluded.mem_max, mem_limit = excluded.mem_limit, net_rx = excluded.net_rx,
  net_tx = excluded.net_tx, blk_read = excluded.blk_read, blk_write = excluded.blk_write, pids_max = excluded.pids_max`;

/** One container-minute from raw rows (shared with the charts' not-yet-rolled tail). */
export const CONTAINER_MINUTE_AGGREGATES = `count(*)::int, sum(s.cpu_pct::float8), max(s.cpu_pct),
  sum(s.mem_bytes::float8), max(s.mem_bytes), max(s.mem_limit), max(s.net_rx), max(s.net_tx), max(s.blk_read),
  max(s.blk_write), max(s.pids)`;

const CONTAINER: RollupShape = {
  key: 'container_id',
  columns: CONTAINER_COLUMNS,
  conflict: 'host_id, container_id, bucket',
  set: CONTAINER_SET,
};

export const ROLL_CONTAINER_MINUTES = rollUpPerMarker(
  MINUTE_SPAN,
  'container_samples_1m',
  'container_samples',
  CONTAINER,
  CONTAINER_MINUTE_AGGREGATES,
);

export const ROLL_CONTAINER_HOURS = rollUpPerMarker(
  HOUR_SPAN,
  'container_samples_1h',
  'container_samples_1m',
  CONTAINER,
  `sum(m.samples)::int, sum(m.cpu_sum), max(m.cpu_max), sum(m.mem_sum), max(m.mem_max), max(m.mem_limit),
    max(m.net_rx), max(m.net_tx), max(m.blk_read), max(m.blk_write), max(m.pids_max)`,
);

const HOST_COLUMNS = `samples, cpu_sum, cpu_max, load1_sum, load1_max, mem_used_sum, mem_used_max, mem_total,
  swap_used_max, disk_used_max, disk_total, net_rx, net_tx`;
const HOST_SET = `samples = excluded.samples, cpu_sum = excluded.cpu_sum, cpu_max = excluded.cpu_max,
  load1_sum = excluded.load1_sum, load1_max = excluded.load1_max, mem_used_sum = excluded.mem_used_sum,
  mem_used_max = excluded.mem_used_max, mem_total = excluded.mem_total, swap_used_max = excluded.swap_used_max,
  disk_used_max = excluded.disk_used_max, disk_total = excluded.disk_total, net_rx = excluded.net_rx,
  net_tx = excluded.net_tx`;

/** One host-minute from raw rows (shared with the charts' not-yet-rolled tail). */
export const HOST_MINUTE_AGGREGATES = `count(*)::int, sum(s.cpu_pct::float8), max(s.cpu_pct),
  sum(s.load1::float8), max(s.load1), sum(s.mem_used::float8), max(s.mem_used), max(s.mem_total),
  max(s.swap_used), max(s.disk_used), max(s.disk_total), max(s.net_rx), max(s.net_tx)`;

const HOST: RollupShape = { columns: HOST_COLUMNS, conflict: 'host_id, bucket', set: HOST_SET };

export const ROLL_HOST_MINUTES = rollUpPerMarker(
  MINUTE_SPAN,
  'host_samples_1m',
  'host_samples',
  HOST,
  HOST_MINUTE_AGGREGATES,
);

export const ROLL_HOST_HOURS = rollUpPerMarker(
  HOUR_SPAN,
  'host_samples_1h',
  'host_samples_1m',
  HOST,
  `sum(m.samples)::int, sum(m.cpu_sum), max(m.cpu_max), sum(m.load1_sum), max(m.load1_max), sum(m.mem_used_sum),
    max(m.mem_used_max), max(m.mem_total), max(m.swap_used_max), max(m.disk_used_max), max(m.disk_total),
    max(m.net_rx), max(m.net_tx)`,
);

// Health-check runs (check_results) per check: counts by status, slow runs, latency sum/min/max
// and the bucket's newest run. Ties on ts (one check cannot run twice in a millisecond, but a
// re-sent batch could carry a copy) are broken by status and error so both paths agree.
const CHECK_COLUMNS = `container_name, check_name, runs, up, pending, down, slow, latency_sum, latency_min,
  latency_max, last_ts, last_status, last_error`;
const CHECK_SET = `host_id = excluded.host_id, container_name = excluded.container_name,
  check_name = excluded.check_name, runs = excluded.runs, up = excluded.up, pending = excluded.pending,
  down = excluded.down, slow = excluded.slow, latency_sum = excluded.latency_sum,
  latency_min = excluded.latency_min, latency_max = excluded.latency_max, last_ts = excluded.last_ts,
  last_status = excluded.last_status, last_error = excluded.last_error`;
const NEWEST_RUN = 'ORDER BY s.ts DESC, s.status, s.error';

/** One check-minute from raw runs (shared with the series' not-yet-rolled tail). */
export const CHECK_MINUTE_AGGREGATES = `(array_agg(s.container_name ${NEWEST_RUN}))[1],
  (array_agg(s.check_name ${NEWEST_RUN}))[1], count(*)::int, count(*) FILTER (WHERE s.status = 'up')::int,
  count(*) FILTER (WHERE s.status = 'pending')::int, count(*) FILTER (WHERE s.status = 'down')::int,
  count(*) FILTER (WHERE s.slow)::int, sum(s.latency_ms)::bigint, min(s.latency_ms), max(s.latency_ms), max(s.ts),
  (array_agg(s.status ${NEWEST_RUN}))[1], (array_agg(s.error ${NEWEST_RUN}))[1]`;

const CHECK: RollupShape = {
  key: 'check_id',
  columns: CHECK_COLUMNS,
  conflict: 'check_id, bucket',
  set: CHECK_SET,
};

export const ROLL_CHECK_MINUTES = rollUpPerMarker(
  MINUTE_SPAN,
  'check_results_1m',
  'check_results',
  CHECK,
  CHECK_MINUTE_AGGREGATES,
);

const NEWEST_MINUTE = 'ORDER BY m.last_ts DESC, m.last_status, m.last_error';

export const ROLL_CHECK_HOURS = rollUpPerMarker(
  HOUR_SPAN,
  'check_results_1h',
  'check_results_1m',
  CHECK,
  `(array_agg(m.container_name ${NEWEST_MINUTE}))[1], (array_agg(m.check_name ${NEWEST_MINUTE}))[1],
    sum(m.runs)::int, sum(m.up)::int, sum(m.pending)::int, sum(m.down)::int, sum(m.slow)::int,
    sum(m.latency_sum)::bigint, min(m.latency_min), max(m.latency_max), max(m.last_ts),
    (array_agg(m.last_status ${NEWEST_MINUTE}))[1], (array_agg(m.last_error ${NEWEST_MINUTE}))[1]`,
);
