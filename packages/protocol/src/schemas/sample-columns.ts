import * as z from 'zod/mini';
import { timestampMicros } from '../timestamp-micros.js';
import { containerIdColumn, equalLengths, numberColumn } from './columns.js';
import { COUNT_BOUNDS, type NumberBounds } from './primitives.js';
import { CONTAINER_SAMPLE_NUMBERS, type ContainerSample } from './samples.js';

/**
 * Microseconds since the Unix epoch: what the database stores for a v1 ISO `ts`
 * (timestampMicros rounds it as PostgreSQL does), so the gateway parses no time text per row.
 */
export const TS_MICROS_BOUNDS: NumberBounds = COUNT_BOUNDS;

const N = CONTAINER_SAMPLE_NUMBERS;

/**
 * Container samples as equal-length arrays, one per ContainerSample field (`ts` as `tsMicros`):
 * sample i is every array's element i. Sent only to a gateway whose welcome listed the
 * `columnar` encoding (docs/protocol.md). `cpuSeconds` is optional as a whole, and null for a
 * sample without it, as the row form's field is optional.
 */
export const ZContainerSampleColumnsSchema = z
  .object({
    containerId: containerIdColumn,
    tsMicros: numberColumn(TS_MICROS_BOUNDS),
    cpuPct: numberColumn(N.cpuPct),
    memBytes: numberColumn(N.memBytes),
    memLimit: numberColumn(N.memLimit),
    netRx: numberColumn(N.netRx),
    netTx: numberColumn(N.netTx),
    blkRead: numberColumn(N.blkRead),
    blkWrite: numberColumn(N.blkWrite),
    pids: numberColumn(N.pids),
    cpuSeconds: z.optional(numberColumn<number | null>(N.cpuSeconds, true)),
  })
  .check(equalLengths('containerId'));
export type ContainerSampleColumns = z.infer<typeof ZContainerSampleColumnsSchema>;

/** How many samples the columns hold. */
export function countSampleColumns(columns: ContainerSampleColumns | undefined): number {
  return columns ? columns.containerId.length : 0;
}

/** The columnar form of `samples` (what an agent sends once the gateway accepted `columnar`). */
export function toContainerSampleColumns(samples: readonly ContainerSample[]): ContainerSampleColumns {
  const n = samples.length;
  const columns: ContainerSampleColumns = {
    containerId: new Array<string>(n),
    tsMicros: new Array<number>(n),
    cpuPct: new Array<number>(n),
    memBytes: new Array<number>(n),
    memLimit: new Array<number>(n),
    netRx: new Array<number>(n),
    netTx: new Array<number>(n),
    blkRead: new Array<number>(n),
    blkWrite: new Array<number>(n),
    pids: new Array<number>(n),
  };
  const cpuSeconds = new Array<number | null>(n);
  let anyCpuSeconds = false;
  samples.forEach((s, i) => {
    columns.containerId[i] = s.containerId;
    columns.tsMicros[i] = timestampMicros(s.ts);
    columns.cpuPct[i] = s.cpuPct;
    columns.memBytes[i] = s.memBytes;
    columns.memLimit[i] = s.memLimit;
    columns.netRx[i] = s.netRx;
    columns.netTx[i] = s.netTx;
    columns.blkRead[i] = s.blkRead;
    columns.blkWrite[i] = s.blkWrite;
    columns.pids[i] = s.pids;
    cpuSeconds[i] = s.cpuSeconds ?? null;
    if (s.cpuSeconds !== undefined) anyCpuSeconds = true;
  });
  if (anyCpuSeconds) columns.cpuSeconds = cpuSeconds;
  return columns;
}
