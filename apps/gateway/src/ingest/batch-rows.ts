import { type BatchColumns, timestampMicros } from '@berth/db/ingest';
import type { BatchFrame } from '@berth/protocol';
import { jsonField } from './json-field.js';

/** Bounds in microseconds since the Unix epoch (timestampMicros). */
export type TimeWindow = { fromUs: number; toUs: number };

const HOUR = 3_600_000;

/**
 * Time-series rows are accepted from 6 days back (raw partitions keep 7) to 1 hour ahead
 * (clock skew): outside that PostgreSQL has no partition for them, and one stray sample
 * must not make the whole batch fail forever. See docs/data-model.md.
 */
export function acceptedWindow(nowMs: number): TimeWindow {
  return { fromUs: (nowMs - 6 * 24 * HOUR) * 1000, toUs: (nowMs + HOUR) * 1000 };
}

/**
 * Appends a batch's rows to the transaction's columns, straight from the decoded frame (the
 * values its schema accepted). Returns how many items fell outside the accepted time window:
 * counted and logged, never stored.
 */
export function appendBatch(
  into: BatchColumns,
  hostId: string,
  batch: BatchFrame,
  window: TimeWindow,
): number {
  let outOfWindow = 0;
  // Each time is parsed once, for the window and as the value stored (NaN is never inside); a
  // batch's samples share their time, so a repeat of the previous text is not parsed again.
  let at = 0;
  let last = '';
  const inWindow = (ts: string): boolean => {
    if (ts !== last) {
      at = timestampMicros(ts);
      last = ts;
    }
    if (at >= window.fromUs && at <= window.toUs) return true;
    outOfWindow += 1;
    return false;
  };
  const host = into.host(hostId);
  for (const s of batch.containerSamples) {
    if (inWindow(s.ts)) into.containerSample(host, s, at);
  }
  // Columnar samples carry the stored microseconds: the same window, per element, no parsing.
  const columns = batch.containerSampleColumns;
  if (columns) {
    const times = columns.tsMicros;
    for (let i = 0; i < times.length; i += 1) {
      const us = times[i] as number;
      if (us >= window.fromUs && us <= window.toUs) into.containerSampleColumn(host, columns, i, us);
      else outOfWindow += 1;
    }
  }
  for (const s of batch.hostSamples) {
    if (!inWindow(s.ts)) continue;
    let diskUsed = 0;
    let diskTotal = 0;
    for (const disk of s.disks) {
      diskUsed += disk.used;
      diskTotal += disk.total;
    }
    into.hostSample(host, s, at, diskUsed, diskTotal, jsonField(s.disks));
  }
  for (const e of batch.events) {
    if (inWindow(e.ts)) into.event(host, e.containerId, at, e.action, jsonField(e.attributes), e.count);
  }
  // Health-check results are stored as events so one timeline shows both.
  for (const h of batch.health) {
    if (!inWindow(h.ts)) continue;
    const attributes = { exitCode: String(h.exitCode), output: h.output };
    into.event(host, h.containerId, at, `health_check: ${h.status}`, jsonField(attributes), 1);
  }
  batch.logs.forEach((entry, lineNo) => {
    if (!inWindow(entry.ts)) return;
    const line = 'line' in entry && entry.line !== undefined ? entry.line : '';
    const dropped = 'dropped' in entry && entry.dropped !== undefined ? entry.dropped : 0;
    into.log(host, entry.containerId, at, entry.stream, line, dropped, batch.seq, lineNo);
  });
  // Columnar log entries follow the rows (their line numbers continue after them), with the
  // same per-element window; a marker's line is null in the column, stored empty as a row's.
  const logs = batch.logColumns;
  if (logs) {
    const { containerId, tsMicros, stream, line, dropped } = logs;
    const first = batch.logs.length;
    for (let i = 0; i < tsMicros.length; i += 1) {
      const us = tsMicros[i] as number;
      if (us < window.fromUs || us > window.toUs) {
        outOfWindow += 1;
        continue;
      }
      const text = line[i] ?? '';
      const count = dropped?.[i] ?? 0;
      into.log(host, containerId[i] as string, us, stream[i] as string, text, count, batch.seq, first + i);
    }
  }
  return outOfWindow;
}
