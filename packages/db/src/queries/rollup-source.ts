import { Prisma } from '../generated/prisma/client.js';
import {
  CHECK_MINUTE_AGGREGATES,
  CONTAINER_MINUTE_AGGREGATES,
  HOST_MINUTE_AGGREGATES,
} from '../rollups/rollup-sql.js';
import type { SeriesWindow } from './series-sql.js';

/**
 * What a 1-minute or 1-hour chart reads: the rollup rows the job has written, and — for the
 * minutes it has not rolled up yet (the open minute, late batches' minutes: every minute still
 * marked in rollup_dirty_minutes) — the same columns aggregated from the raw rows. One shape
 * for the charts, exact at every moment: a marked minute's rollup row (if any) is ignored, its
 * raw rows are read instead; an hour with a marked minute is rebuilt from its 1-minute rows
 * plus that raw tail. Marked minutes are few (the job runs every few seconds), so the tail is
 * a handful of index range scans.
 */
export type RollupSeries = {
  kind: 'container' | 'host' | 'check';
  resolution: '1m' | '1h';
  /** Conditions on org_id, host_id (and container_id) of a rollup or raw table, by its alias. */
  where: (alias: string) => Prisma.Sql;
  /** The host whose markers apply: an id, or an SQL expression (a column of an outer query). */
  hostId: string | Prisma.Sql;
  /** The chart's window: its bounds are repeated on the raw rows as constants (partition pruning). */
  window: SeriesWindow;
};

const COLUMNS = {
  container: `samples, cpu_sum, cpu_max, mem_sum, mem_max, mem_limit, net_rx, net_tx, blk_read, blk_write, pids_max`,
  host: `samples, cpu_sum, cpu_max, load1_sum, load1_max, mem_used_sum, mem_used_max, mem_total, swap_used_max,
    disk_used_max, disk_total, net_rx, net_tx`,
  check: `container_name, check_name, runs, up, pending, down, slow, latency_sum, latency_min, latency_max,
    last_ts, last_status, last_error`,
} as const;

const AGGREGATES = {
  container: CONTAINER_MINUTE_AGGREGATES,
  host: HOST_MINUTE_AGGREGATES,
  check: CHECK_MINUTE_AGGREGATES,
} as const;
const TABLES = { container: 'container_samples', host: 'host_samples', check: 'check_results' } as const;

/** A FROM item `src (bucket, <rollup columns>)`, already limited by `where`. */
export function rollupSource(series: RollupSeries): Prisma.Sql {
  const columns = Prisma.raw(COLUMNS[series.kind]);
  const table = (suffix: string) => Prisma.raw(`${TABLES[series.kind]}${suffix}`);
  const hostId = typeof series.hostId === 'string' ? Prisma.sql`${series.hostId}::uuid` : series.hostId;
  const dirty = Prisma.sql`rollup_dirty_minutes d WHERE d.host_id = ${hostId}`;
  const lower = new Date(series.window.from.getTime() - series.window.binSeconds * 1000);
  const rawTail = Prisma.sql`
    SELECT d.minute AS bucket, ${Prisma.raw(AGGREGATES[series.kind])}
    FROM rollup_dirty_minutes d
    JOIN ${table('')} s ON s.host_id = d.host_id AND s.ts >= d.minute AND s.ts < d.minute + interval '1 minute'
    WHERE d.host_id = ${hostId} AND ${series.where('s')}
      AND s.ts >= ${lower}::timestamptz AND s.ts < ${series.window.to}::timestamptz + interval '1 minute'
    GROUP BY d.minute`;
  const minutesNotMarked = Prisma.sql`
    SELECT bucket, ${columns} FROM ${table('_1m')} m
    WHERE ${series.where('m')} AND NOT EXISTS (SELECT 1 FROM ${dirty} AND d.minute = m.bucket)`;
  if (series.resolution === '1m') {
    return Prisma.sql`(${minutesNotMarked} UNION ALL ${rawTail}) src`;
  }
  // An hour is stale while one of its minutes is marked, or it is marked itself (minutes rolled
  // up since the hour was last recomputed).
  const markedHour = (bucket: Prisma.Sql) =>
    Prisma.sql`(EXISTS (SELECT 1 FROM ${dirty} AND d.minute >= ${bucket} AND d.minute < ${bucket} + interval '1 hour')
      OR EXISTS (SELECT 1 FROM rollup_dirty_hours dh WHERE dh.host_id = ${hostId} AND dh.hour = ${bucket}))`;
  return Prisma.sql`(
    SELECT bucket, ${columns} FROM ${table('_1h')} h WHERE ${series.where('h')} AND NOT ${markedHour(Prisma.sql`h.bucket`)}
    UNION ALL
    SELECT * FROM (${minutesNotMarked}) m1 WHERE ${markedHour(Prisma.sql`date_trunc('hour', m1.bucket, 'UTC')`)}
    UNION ALL ${rawTail}) src`;
}
