import { type CheckResultColumns, timestampMicros } from '@berth/db/ingest';
import type { BatchFrame } from '@berth/protocol';
import type { TimeWindow } from './batch-rows.js';

/**
 * Appends a batch's check results (issue 16) to the transaction's check columns, those inside
 * the accepted time window; returns how many fell outside it (counted and logged, never stored).
 */
export function appendCheckResults(
  into: CheckResultColumns,
  hostId: string,
  batch: BatchFrame,
  window: TimeWindow,
): number {
  const results = batch.checkResults;
  if (!results || results.length === 0) return 0;
  const host = into.host(hostId);
  let outOfWindow = 0;
  for (const result of results) {
    const at = timestampMicros(result.ts);
    if (at >= window.fromUs && at <= window.toUs) into.result(host, result);
    else outOfWindow += 1;
  }
  return outOfWindow;
}
