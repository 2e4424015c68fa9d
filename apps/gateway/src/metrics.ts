import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { GroupResult } from './ingest/write-group.js';

export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;

/** One registry per gateway instance (tests run several in one process). */
export function createGatewayMetrics() {
  const registry = new Registry();
  const agentsConnected = new Gauge({
    name: 'berth_gateway_agents_connected',
    help: 'Agent sockets past hello',
    registers: [registry],
  });
  const frames = new Counter({
    name: 'berth_gateway_frames_total',
    help: 'Frames received, by type',
    labelNames: ['type'],
    registers: [registry],
  });
  const rejects = new Counter({
    name: 'berth_gateway_rejects_total',
    help: 'Connections closed or frames refused, by reason',
    labelNames: ['reason'],
    registers: [registry],
  });
  const rows = new Counter({
    name: 'berth_gateway_rows_written_total',
    help: 'Rows committed, by table',
    labelNames: ['table'],
    registers: [registry],
  });
  const batches = new Counter({
    name: 'berth_gateway_batches_total',
    help: 'Batches by outcome',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const writeSeconds = new Histogram({
    name: 'berth_gateway_write_seconds',
    help: 'Ingest transaction latency',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const writeErrors = new Counter({
    name: 'berth_gateway_write_errors_total',
    help: 'Failed ingest transactions',
    labelNames: ['transient'],
    registers: [registry],
  });
  const ingestQueueItems = new Gauge({
    name: 'berth_gateway_ingest_queue_items',
    help: 'Batch items waiting for the database',
    registers: [registry],
  });
  const outOfWindow = new Counter({
    name: 'berth_gateway_items_out_of_window_total',
    help: 'Items outside the accepted time window (not stored)',
    registers: [registry],
  });
  return {
    registry,
    agentsConnected,
    frames,
    rejects,
    writeErrors,
    ingestQueueItems,
    batches,
    recordWrite(result: GroupResult, seconds: number): void {
      writeSeconds.observe(seconds);
      for (const [table, count] of Object.entries(result.rows)) if (count > 0) rows.inc({ table }, count);
      for (const outcome of result.outcomes) batches.inc({ outcome });
      if (result.outOfWindow > 0) outOfWindow.inc(result.outOfWindow);
    },
  };
}
