/**
 * bench:ingest-decode — the gateway's CPU path for a batch, in process, without sockets or
 * PostgreSQL: decodeAgentFrame (size, UTF-8, JSON.parse, zod) → appendBatch (time window, binary
 * columns) → BatchColumns.params (the Bind buffers), for the same batches sent as v1 JSON rows
 * and as columnar container samples (issue 20). Rounds alternate the two encodings so drift in
 * the machine's load weighs on both alike. Per row: µs of the process's CPU time (user + system,
 * GC threads included; steadier than wall time on a shared machine) and heap bytes allocated (v8.GCProfiler: heap used after,
 * plus what every GC in between freed).
 *
 * Last line: `bench ingest-decode: rows=N json_us_per_row=A columnar_us_per_row=B ratio=B/A`.
 * Options: --hosts (default 200), --batches (10), --containers (20), --rounds (8), --log-lines (2).
 */
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import { BatchColumns } from '@berth/db/ingest';
import { acceptedWindow, appendBatch } from '@berth/gateway/ingest-rows';
import {
  type BatchFrame,
  decodeAgentFrame,
  type Encoding,
  encodeFrame,
  toContainerSampleColumns,
} from '@berth/protocol';
import { makeBatchFrame } from '@berth/protocol/testing';
import { readOption } from '../shared/read-option.js';

const hosts = readOption('hosts', 200);
const batches = readOption('batches', 10);
const containers = readOption('containers', 20);
const rounds = readOption('rounds', 8);
// Log lines per container per batch (bench:ingest's batches carry 2); 0 isolates the samples.
const logLines = readOption('log-lines', 2);
// The gateway's default INGEST_ROWS_PER_TX: one BatchColumns per transaction's worth of rows.
const ROWS_PER_TX = 20_000;
const ORG_ID = '00000000-0000-4000-8000-000000000001';

type Plan = { hostId: string; frame: Buffer }[];

function plan(encoding: Encoding, baseTime: number): Plan {
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
      const sent: BatchFrame =
        encoding === 'columnar'
          ? {
              ...frame,
              containerSamples: [],
              containerSampleColumns: toContainerSampleColumns(frame.containerSamples),
            }
          : frame;
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
  const plans: Record<Encoding, Plan> = {
    json: plan('json', baseTime),
    columnar: plan('columnar', baseTime),
  };
  const sizes = Object.fromEntries(
    Object.entries(plans).map(([name, frames]) => [name, frames.reduce((n, f) => n + f.frame.length, 0)]),
  );
  console.log(
    `bench ingest-decode: ${hosts} hosts × ${batches} batches × ${containers} containers, ${logLines} log lines each, ${rounds} rounds ` +
      `per encoding (alternating); frames json ${((sizes.json ?? 0) / 1048576).toFixed(1)} MiB, ` +
      `columnar ${((sizes.columnar ?? 0) / 1048576).toFixed(1)} MiB; load ${loadavg()}`,
  );
  // One warm-up pass each (JIT, zod's compiled validators), not counted.
  pass(plans.json, window);
  pass(plans.columnar, window);
  const totals: Record<Encoding, Pass> = {
    json: { rows: 0, ms: 0, allocated: 0 },
    columnar: { rows: 0, ms: 0, allocated: 0 },
  };
  for (let round = 0; round < rounds; round += 1) {
    const order: Encoding[] = round % 2 === 0 ? ['json', 'columnar'] : ['columnar', 'json'];
    for (const encoding of order) {
      const result = pass(plans[encoding], window);
      const total = totals[encoding];
      total.rows += result.rows;
      total.ms += result.ms;
      total.allocated += result.allocated;
      console.log(
        `  round ${round + 1} ${encoding.padEnd(8)} ${((result.ms * 1000) / result.rows).toFixed(3)} µs/row, ` +
          `${Math.round(result.allocated / result.rows)} B/row`,
      );
    }
  }
  const perRow = (p: Pass) => (p.ms * 1000) / p.rows;
  const json = perRow(totals.json);
  const columnar = perRow(totals.columnar);
  if (totals.json.rows !== totals.columnar.rows) throw new Error('the encodings stored different row counts');
  console.log(
    `  heap allocated per row: json ${Math.round(totals.json.allocated / totals.json.rows)} B, ` +
      `columnar ${Math.round(totals.columnar.allocated / totals.columnar.rows)} B; load ${loadavg()}`,
  );
  console.log(
    `bench ingest-decode: rows=${totals.json.rows / rounds} json_us_per_row=${json.toFixed(3)} ` +
      `columnar_us_per_row=${columnar.toFixed(3)} ratio=${(columnar / json).toFixed(3)}`,
  );
}

function loadavg(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

main();
