import type { BatchFrame } from '@berth/protocol';
import { containerSampleRow } from './container-sample-row.js';
import { copyRow, jsonField } from './copy-text.js';

/** COPY text per staging table, for the batches of one transaction. */
export type StagedRows = {
  containerSamples: string[];
  hostSamples: string[];
  events: string[];
  logs: string[];
  counts: { containerSamples: number; hostSamples: number; events: number; logs: number };
  /** Items outside the accepted time window, by kind: counted and logged, never stored. */
  outOfWindow: number;
};

export type TimeWindow = { fromMs: number; toMs: number };

const HOUR = 3_600_000;

/**
 * Time-series rows are accepted from 6 days back (raw partitions keep 7) to 1 hour ahead
 * (clock skew): outside that PostgreSQL has no partition for them, and one stray sample
 * must not make the whole batch fail forever. See docs/data-model.md.
 */
export function acceptedWindow(nowMs: number): TimeWindow {
  return { fromMs: nowMs - 6 * 24 * HOUR, toMs: nowMs + HOUR };
}

export function emptyStagedRows(): StagedRows {
  return {
    containerSamples: [],
    hostSamples: [],
    events: [],
    logs: [],
    counts: { containerSamples: 0, hostSamples: 0, events: 0, logs: 0 },
    outOfWindow: 0,
  };
}

export function stageBatch(
  into: StagedRows,
  orgId: string,
  hostId: string,
  batch: BatchFrame,
  window: TimeWindow,
): void {
  const inWindow = (ts: string): boolean => {
    const ms = Date.parse(ts);
    if (ms >= window.fromMs && ms <= window.toMs) return true;
    into.outOfWindow += 1;
    return false;
  };
  const prefix = `${orgId}\t${hostId}\t`;
  for (const s of batch.containerSamples) {
    if (!inWindow(s.ts)) continue;
    into.containerSamples.push(containerSampleRow(prefix, s));
  }
  for (const s of batch.hostSamples) {
    if (!inWindow(s.ts)) continue;
    let diskUsed = 0;
    let diskTotal = 0;
    for (const disk of s.disks) {
      diskUsed += disk.used;
      diskTotal += disk.total;
    }
    into.hostSamples.push(
      copyRow([
        orgId,
        hostId,
        s.ts,
        s.cpuPct,
        s.load1,
        s.load5,
        s.load15,
        s.memUsed,
        s.memTotal,
        s.swapUsed,
        s.swapTotal,
        diskUsed,
        diskTotal,
        s.netRx,
        s.netTx,
        jsonField(s.disks),
      ]),
    );
  }
  for (const e of batch.events) {
    if (!inWindow(e.ts)) continue;
    into.events.push(
      copyRow([orgId, hostId, e.containerId, e.ts, e.action, jsonField(e.attributes), e.count]),
    );
  }
  // Health-check results are stored as events so one timeline shows both.
  for (const h of batch.health) {
    if (!inWindow(h.ts)) continue;
    const attributes = { exitCode: String(h.exitCode), output: h.output };
    into.events.push(
      copyRow([orgId, hostId, h.containerId, h.ts, `health_check: ${h.status}`, jsonField(attributes), 1]),
    );
  }
  batch.logs.forEach((entry, lineNo) => {
    if (!inWindow(entry.ts)) return;
    const line = 'line' in entry && entry.line !== undefined ? entry.line : '';
    const dropped = 'dropped' in entry && entry.dropped !== undefined ? entry.dropped : 0;
    into.logs.push(
      copyRow([orgId, hostId, entry.containerId, entry.ts, entry.stream, line, dropped, batch.seq, lineNo]),
    );
  });
  into.counts = {
    containerSamples: into.containerSamples.length,
    hostSamples: into.hostSamples.length,
    events: into.events.length,
    logs: into.logs.length,
  };
}
