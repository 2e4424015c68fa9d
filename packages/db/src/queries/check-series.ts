import { Prisma } from '../generated/prisma/client.js';
import type { Tx } from '../with-org.js';
import { rollupSource } from './rollup-source.js';
import { round2, type SeriesColumn, type SeriesWindow, seriesQuery } from './series-sql.js';

/** A check's chart columns, equally long; `t` in epoch ms; latency in ms over all runs of the bin. */
export type CheckSeries = {
  t: number[];
  runs: number[];
  down: number[];
  latencyAvg: number[];
  latencyMin: number[];
  latencyMax: number[];
};

export type CheckSeriesTarget = { orgId: string; hostId: string; checkId: string };

// Raw runs aggregate within a bin; rollup rows merge exactly (avg = latency_sum / runs).
const RAW = Prisma.sql`count(*)::int AS runs, count(*) FILTER (WHERE status = 'down')::int AS down,
  avg(latency_ms)::float8 AS latency_avg, min(latency_ms)::float8 AS latency_min,
  max(latency_ms)::float8 AS latency_max`;

const ROLLUP = Prisma.sql`sum(runs)::int AS runs, sum(down)::int AS down,
  (sum(latency_sum)::float8 / sum(runs)) AS latency_avg, min(latency_min)::float8 AS latency_min,
  max(latency_max)::float8 AS latency_max`;

const COLUMNS: SeriesColumn[] = [
  { key: 'runs', expression: Prisma.sql`runs` },
  { key: 'down', expression: Prisma.sql`down` },
  { key: 'latencyAvg', expression: round2('latency_avg') },
  { key: 'latencyMin', expression: Prisma.sql`latency_min` },
  { key: 'latencyMax', expression: Prisma.sql`latency_max` },
];

/** Raw runs for short windows, 1-minute / 1-hour rollups (with their unrolled tail) for long ones. */
export function checkSeriesSql(target: CheckSeriesTarget, window: SeriesWindow): Prisma.Sql {
  const where = (alias: string) => Prisma.sql`${Prisma.raw(alias)}.org_id = ${target.orgId}::uuid
    AND ${Prisma.raw(alias)}.check_id = ${target.checkId}::uuid`;
  if (window.resolution === 'raw') {
    return seriesQuery({
      from: Prisma.sql`check_results s`,
      binned: RAW,
      where: where('s'),
      columns: COLUMNS,
      window,
    });
  }
  const from = rollupSource({
    kind: 'check',
    resolution: window.resolution,
    where,
    hostId: target.hostId,
    window,
  });
  return seriesQuery({ from, binned: ROLLUP, where: Prisma.sql`TRUE`, columns: COLUMNS, window });
}

/** One check's chart over the planned window (index: check_id, time). */
export async function queryCheckSeries(
  tx: Tx,
  target: CheckSeriesTarget,
  window: SeriesWindow,
): Promise<CheckSeries> {
  const rows = await tx.$queryRaw<{ series: CheckSeries }[]>(checkSeriesSql(target, window));
  const series = rows[0]?.series;
  if (!series) throw new Error('series query returned no row');
  return series;
}
