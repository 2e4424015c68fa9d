import { Prisma } from '../generated/prisma/client.js';
import type { Tx } from '../with-org.js';
import { rollupSource } from './rollup-source.js';
import { rate, round2, type SeriesColumn, type SeriesWindow, seriesQuery, whole } from './series-sql.js';

/** Columns of a host chart, equally long; `t` in epoch ms; network rates in bytes/s (null: unknown). */
export type HostSeries = {
  t: number[];
  cpu: number[];
  cpuMax: number[];
  load1: number[];
  memUsed: number[];
  memUsedMax: number[];
  memTotal: number[];
  diskUsed: number[];
  diskTotal: number[];
  netRx: (number | null)[];
  netTx: (number | null)[];
};

export type HostSeriesTarget = { orgId: string; hostId: string };

// Disk usage has only a maximum in the rollups, so raw bins use the maximum too (one meaning).
const RAW = Prisma.sql`avg(cpu_pct)::float8 AS cpu, max(cpu_pct)::float8 AS cpu_max, avg(load1)::float8 AS load1,
  avg(mem_used)::float8 AS mem_used, max(mem_used)::float8 AS mem_used_max, max(mem_total)::float8 AS mem_total,
  max(disk_used)::float8 AS disk_used, max(disk_total)::float8 AS disk_total,
  max(net_rx) AS net_rx, max(net_tx) AS net_tx`;

const ROLLUP = Prisma.sql`(sum(cpu_sum) / sum(samples))::float8 AS cpu, max(cpu_max)::float8 AS cpu_max,
  (sum(load1_sum) / sum(samples))::float8 AS load1, (sum(mem_used_sum) / sum(samples))::float8 AS mem_used,
  max(mem_used_max)::float8 AS mem_used_max, max(mem_total)::float8 AS mem_total,
  max(disk_used_max)::float8 AS disk_used, max(disk_total)::float8 AS disk_total,
  max(net_rx) AS net_rx, max(net_tx) AS net_tx`;

const COLUMNS: SeriesColumn[] = [
  { key: 'cpu', expression: round2('cpu') },
  { key: 'cpuMax', expression: round2('cpu_max') },
  { key: 'load1', expression: round2('load1') },
  { key: 'memUsed', expression: whole('mem_used') },
  { key: 'memUsedMax', expression: whole('mem_used_max') },
  { key: 'memTotal', expression: whole('mem_total') },
  { key: 'diskUsed', expression: whole('disk_used') },
  { key: 'diskTotal', expression: whole('disk_total') },
  { key: 'netRx', expression: rate('net_rx') },
  { key: 'netTx', expression: rate('net_tx') },
];

export function hostSeriesSql(target: HostSeriesTarget, window: SeriesWindow): Prisma.Sql {
  const where = (alias: string) =>
    Prisma.sql`${Prisma.raw(alias)}.org_id = ${target.orgId}::uuid AND ${Prisma.raw(alias)}.host_id = ${target.hostId}::uuid`;
  if (window.resolution === 'raw') {
    return seriesQuery({
      from: Prisma.sql`host_samples s`,
      binned: RAW,
      where: where('s'),
      columns: COLUMNS,
      window,
    });
  }
  const from = rollupSource({
    kind: 'host',
    resolution: window.resolution,
    where,
    hostId: target.hostId,
    window,
  });
  return seriesQuery({ from, binned: ROLLUP, where: Prisma.sql`TRUE`, columns: COLUMNS, window });
}

/** One host's chart over the planned window (index: host_id, time). */
export async function queryHostSeries(
  tx: Tx,
  target: HostSeriesTarget,
  window: SeriesWindow,
): Promise<HostSeries> {
  const rows = await tx.$queryRaw<{ series: HostSeries }[]>(hostSeriesSql(target, window));
  const series = rows[0]?.series;
  if (!series) throw new Error('series query returned no row');
  return series;
}
