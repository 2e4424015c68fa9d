/**
 * bench:ingest-decode — the gateway's CPU path for a batch, in process, without sockets or
 * PostgreSQL: decodeAgentFrame (size, UTF-8, JSON.parse, zod) → appendBatch (time window, binary
 * columns) → BatchColumns.params (the Bind buffers), for the same batches sent as v1 JSON rows,
 * with only their container samples as columns (`samples`, the first step of issue 20), and in
 * the `columnar` encoding (samples and log entries as columns). Rounds rotate the three so drift
 * in the machine's load weighs on all alike. Per row: µs of the process's CPU time (user + system,
 * GC threads included; steadier than wall time on a shared machine) and heap bytes allocated (v8.GCProfiler: heap used after,
 * plus what every GC in between freed).
 *
 * Last line: `bench ingest-decode: rows=N json_us_per_row=A samples_us_per_row=S columnar_us_per_row=B ratio=B/A`.
 * Options: --hosts (default 200), --batches (10), --containers (20), --rounds (9), --log-lines (2).
 */
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import { BatchColumns } from '@berth/db/ingest';
import { acceptedWindow, appendBatch } from '@berth/gateway/ingest-rows';
import {
  type BatchFrame,
  decodeAgentFrame,
  encodeFrame,
  toColumnarBatch,
  toContainerSampleColumns,
} from '@berth/protocol';
import { makeBatchFrame } from '@berth/protocol/testing';
import { readOption } from '../shared/read-option.js';

const hosts = readOption('hosts', 200);
const batches = readOption('batches', 10);
const containers = readOption('containers', 20);
const rounds = readOption('rounds', 9);
// Log lines per container per batch (bench:ingest's batches carry 2); 0 isolates the samples.
const logLines = readOption('log-lines', 2);
// The gateway's default INGEST_ROWS_PER_TX: one BatchColumns per transaction's worth of rows.
const ROWS_PER_TX = 20_000;
const ORG_ID = '00000000-0000-4000-8000-000000000001';

type Plan = { hostId: string; frame: Buffer }[];
type Variant = 'json' | 'samples' | 'columnar';
const VARIANTS: Variant[] = ['json', 'samples', 'columnar'];

function sentAs(variant: Variant, frame: BatchFrame): BatchFrame {
  if (variant === 'columnar') return toColumnarBatch(frame);
  if (variant === 'json') return frame;
  return {
    ...frame,
    containerSamples: [],
    containerSampleColumns: toContainerSampleColumns(frame.containerSamples),
  };
}

function plan(variant: Variant, baseTime: number): Plan {
  const frames: Plan = [];
  for (let seq = 1; seq <= batches; seq += 1) {
    for (let host = 0; host < hosts; host += 1) {
      const frame = makeBatchFrame({
        seq,
        seed: host + 1,
        containers,
        baseTime,
        inventory: 'none',
        logLinesPerContainer: logLines,
      });
      const sent = sentAs(variant, frame);
      const hostId = `00000000-0000-4000-8000-${String(host).padStart(12, '0')}`;
      frames.push({ hostId, frame: Buffer.from(encodeFrame(sent)) });
    }
  }
  return frames;
}

type Pass = { rows: number; ms: number; allocated: number };

function pass(frames: Plan, window: ReturnType<typeof acceptedWindow>): Pass {
  const profiler = new v8.GCProfiler();
  const heapBefore = v8.getHeapStatistics().used_heap_size;
  profiler.start();
  const started = process.cpuUsage();
  let rows = 0;
  let columns = new BatchColumns();
  let bytes = 0;
  const flush = () => {
    for (const param of columns.params(ORG_ID)) bytes += param.length;
    const r = columns.rows;
    rows += r.container_samples + r.host_samples + r.container_events + r.container_logs;
    columns = new BatchColumns();
  };
  for (const { hostId, frame } of frames) {
    const decoded = decodeAgentFrame(frame);
    if (!decoded.ok || decoded.frame.type !== 'batch') throw new Error(`refused: ${JSON.stringify(decoded)}`);
    const outside = appendBatch(columns, hostId, decoded.frame, window);
    if (outside !== 0) throw new Error(`${outside} items outside the time window`);
    const r = columns.rows;
    if (r.container_samples + r.host_samples + r.container_events + r.container_logs >= ROWS_PER_TX) flush();
  }
  flush();
  const cpu = process.cpuUsage(started);
  const ms = (cpu.user + cpu.system) / 1000;
  const heapAfter = v8.getHeapStatistics().used_heap_size;
  const stats = profiler.stop();
  let freed = 0;
  for (const gc of stats.statistics) {
    freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
  }
  if (bytes === 0) throw new Error('no parameters built');
  return { rows, ms, allocated: heapAfter - heapBefore + freed };
}

function main(): void {
  const baseTime = Date.now() - 10 * 60_000;
  const window = acceptedWindow(Date.now());
  const plans = Object.fromEntries(VARIANTS.map((v) => [v, plan(v, baseTime)])) as Record<Variant, Plan>;
  const mib = (v: Variant) => (plans[v].reduce((n, f) => n + f.frame.length, 0) / 1048576).toFixed(1);
  console.log(
    `bench ingest-decode: ${hosts} hosts × ${batches} batches × ${containers} containers, ${logLines} log lines each, ${rounds} rounds ` +
      `per variant (rotating); frames ${VARIANTS.map((v) => `${v} ${mib(v)} MiB`).join(', ')}; load ${loadavg()}`,
  );
  // One warm-up pass each (JIT, zod's compiled validators), not counted.
  for (const variant of VARIANTS) pass(plans[variant], window);
  const totals = Object.fromEntries(VARIANTS.map((v) => [v, { rows: 0, ms: 0, allocated: 0 }])) as Record<
    Variant,
    Pass
  >;
  for (let round = 0; round < rounds; round += 1) {
    const order = [...VARIANTS.slice(round % 3), ...VARIANTS.slice(0, round % 3)];
    for (const variant of order) {
      const result = pass(plans[variant], window);
      const total = totals[variant];
      total.rows += result.rows;
      total.ms += result.ms;
      total.allocated += result.allocated;
      console.log(
        `  round ${round + 1} ${variant.padEnd(8)} ${((result.ms * 1000) / result.rows).toFixed(3)} µs/row, ` +
          `${Math.round(result.allocated / result.rows)} B/row`,
      );
    }
  }
  const perRow = (p: Pass) => (p.ms * 1000) / p.rows;
  if (new Set(VARIANTS.map((v) => totals[v].rows)).size !== 1) {
    throw new Error('the variants stored different row counts');
  }
  const bytes = (v: Variant) => `${v} ${Math.round(totals[v].allocated / totals[v].rows)} B`;
  console.log(`  heap allocated per row: ${VARIANTS.map(bytes).join(', ')}; load ${loadavg()}`);
  const json = perRow(totals.json);
  const columnar = perRow(totals.columnar);
  console.log(
    `bench ingest-decode: rows=${totals.json.rows / rounds} json_us_per_row=${json.toFixed(3)} ` +
      `samples_us_per_row=${perRow(totals.samples).toFixed(3)} ` +
      `columnar_us_per_row=${columnar.toFixed(3)} ratio=${(columnar / json).toFixed(3)}`,
  );
}

function loadavg(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

main();
