import { Prisma } from '../generated/prisma/client.js';
import type { Tx } from '../with-org.js';
import { rollupSource } from './rollup-source.js';
import { rate, round2, type SeriesColumn, type SeriesWindow, seriesQuery, whole } from './series-sql.js';

/** Columns of a container chart, equally long; `t` in epoch ms; rates in bytes/s (null: unknown). */
export type ContainerSeries = {
  t: number[];
  cpu: number[];
  cpuMax: number[];
  memory: number[];
  memoryMax: number[];
  memoryLimit: number[];
  netRx: (number | null)[];
  netTx: (number | null)[];
  blkRead: (number | null)[];
  blkWrite: (number | null)[];
};

export type ContainerSeriesTarget = { orgId: string; hostId: string; containerId: string };

// Raw rows average within a bin; rollup rows merge exactly as sum / samples. Counters keep their
// maximum either way (they only grow between resets), rates come from bin-to-bin differences.
const RAW = Prisma.sql`avg(cpu_pct)::float8 AS cpu, max(cpu_pct)::float8 AS cpu_max,
  avg(mem_bytes)::float8 AS mem, max(mem_bytes)::float8 AS mem_max, max(mem_limit)::float8 AS mem_limit,
  max(net_rx) AS net_rx, max(net_tx) AS net_tx, max(blk_read) AS blk_read, max(blk_write) AS blk_write`;

const ROLLUP = Prisma.sql`(sum(cpu_sum) / sum(samples))::float8 AS cpu, max(cpu_max)::float8 AS cpu_max,
  (sum(mem_sum) / sum(samples))::float8 AS mem, max(mem_max)::float8 AS mem_max,
  max(mem_limit)::float8 AS mem_limit, max(net_rx) AS net_rx, max(net_tx) AS net_tx,
  max(blk_read) AS blk_read, max(blk_write) AS blk_write`;

const COLUMNS: SeriesColumn[] = [
  { key: 'cpu', expression: round2('cpu') },
  { key: 'cpuMax', expression: round2('cpu_max') },
  { key: 'memory', expression: whole('mem') },
  { key: 'memoryMax', expression: whole('mem_max') },
  { key: 'memoryLimit', expression: whole('mem_limit') },
  { key: 'netRx', expression: rate('net_rx') },
  { key: 'netTx', expression: rate('net_tx') },
  { key: 'blkRead', expression: rate('blk_read') },
  { key: 'blkWrite', expression: rate('blk_write') },
];

export function containerSeriesSql(target: ContainerSeriesTarget, window: SeriesWindow): Prisma.Sql {
  const where = (alias: string) => Prisma.sql`${Prisma.raw(alias)}.org_id = ${target.orgId}::uuid
    AND ${Prisma.raw(alias)}.host_id = ${target.hostId}::uuid AND ${Prisma.raw(alias)}.container_id = ${target.containerId}`;
  if (window.resolution === 'raw') {
    return seriesQuery({
      from: Prisma.sql`container_samples s`,
      binned: RAW,
      where: where('s'),
      columns: COLUMNS,
      window,
    });
  }
  const from = rollupSource({
    kind: 'container',
    resolution: window.resolution,
    where,
    hostId: target.hostId,
    window,
  });
  return seriesQuery({ from, binned: ROLLUP, where: Prisma.sql`TRUE`, columns: COLUMNS, window });
}

/** One container's chart over the planned window (index: host_id, container_id, time). */
export async function queryContainerSeries(
  tx: Tx,
  target: ContainerSeriesTarget,
  window: SeriesWindow,
): Promise<ContainerSeries> {
  const rows = await tx.$queryRaw<{ series: ContainerSeries }[]>(containerSeriesSql(target, window));
  const series = rows[0]?.series;
  if (!series) throw new Error('series query returned no row');
  return series;
}
