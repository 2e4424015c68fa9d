import {
  BatchColumns,
  CheckResultColumns,
  LOCK_HOSTS,
  MARK_ABSENT_REMOVED,
  MARK_REMOVED,
  type RowTable,
  UPSERT_CONTAINERS,
  WRITE_BATCH_ROWS,
  WRITE_BATCH_ROWS_NAME,
  WRITE_CHECK_RESULTS,
  WRITE_CHECK_RESULTS_NAME,
} from '@berth/db/ingest';
import { withOrgOn } from '@berth/db/sql';
import type { BatchFrame } from '@berth/protocol';
import type pg from 'pg';
import { acceptedWindow, appendBatch } from './batch-rows.js';
import { appendCheckResults } from './check-result-rows.js';
import { jsonField } from './json-field.js';

export type GroupBatch = { hostId: string; frame: BatchFrame };
export type BatchOutcome = 'committed' | 'duplicate' | 'revoked';
export type GroupResult = {
  outcomes: BatchOutcome[];
  rows: Record<RowTable | 'check_results', number>;
  outOfWindow: number;
  gaps: number;
};

/**
 * Writes one organisation's batches in one transaction. Exactly once: each host's row
 * is locked and its `last_seq` (the committed high-water mark) decides which batches
 * are new; rows and the new mark commit together. `batches` must hold each host's
 * batches in ascending seq order.
 */
export function writeGroup(
  client: pg.ClientBase,
  orgId: string,
  batches: GroupBatch[],
): Promise<GroupResult> {
  // One round trip opens the scoped transaction (BEGIN and the org scope together): this runs
  // once per group of batches, on the path bench:ingest measures.
  return withOrgOn(client, orgId, (scoped) => writeInTransaction(scoped, orgId, batches));
}

async function writeInTransaction(
  client: pg.ClientBase,
  orgId: string,
  batches: GroupBatch[],
): Promise<GroupResult> {
  const hostIds = [...new Set(batches.map((batch) => batch.hostId))];
  const locked = await client.query<{ id: string; last_seq: string; revoked: boolean }>(LOCK_HOSTS, [
    hostIds,
  ]);
  const marks = new Map(
    locked.rows.map((row) => [row.id, { seq: Number(row.last_seq), revoked: row.revoked, advanced: false }]),
  );
  const columns = new BatchColumns();
  const checks = new CheckResultColumns();
  const window = acceptedWindow(Date.now());
  let outOfWindow = 0;
  let gaps = 0;
  const accepted: GroupBatch[] = [];
  const outcomes = batches.map((batch): BatchOutcome => {
    const mark = marks.get(batch.hostId);
    // A host deleted or moved away is refused like a revoked one: its credential is dead.
    if (!mark || mark.revoked) return 'revoked';
    if (batch.frame.seq <= mark.seq) return 'duplicate';
    if (batch.frame.seq > mark.seq + 1) {
      columns.gap(columns.host(batch.hostId), mark.seq + 1, batch.frame.seq - 1);
      gaps += 1;
    }
    mark.seq = batch.frame.seq;
    mark.advanced = true;
    outOfWindow += appendBatch(columns, batch.hostId, batch.frame, window);
    outOfWindow += appendCheckResults(checks, batch.hostId, batch.frame, window);
    accepted.push(batch);
    return 'committed';
  });
  if (accepted.length === 0) {
    return { outcomes, rows: { ...columns.rows, check_results: 0 }, outOfWindow: 0, gaps: 0 };
  }
  for (const [hostId, mark] of marks) if (mark.advanced) columns.advance(columns.host(hostId), mark.seq);
  // Rows, markers, gaps and the hosts' new marks: one prepared statement, one round trip.
  await client.query({ name: WRITE_BATCH_ROWS_NAME, text: WRITE_BATCH_ROWS, values: columns.params(orgId) });
  // Check results only where there are any: one more round trip for those batches, none for others.
  if (checks.count > 0) {
    await client.query({
      name: WRITE_CHECK_RESULTS_NAME,
      text: WRITE_CHECK_RESULTS,
      values: checks.params(orgId),
    });
  }
  for (const batch of accepted) await applyInventory(client, orgId, batch);
  return { outcomes, rows: { ...columns.rows, check_results: checks.count }, outOfWindow, gaps };
}

async function applyInventory(
  client: pg.ClientBase,
  orgId: string,
  { hostId, frame }: GroupBatch,
): Promise<void> {
  const inventory = frame.inventory;
  if (!inventory) return;
  if (inventory.containers.length > 0) {
    await client.query(UPSERT_CONTAINERS, [hostId, orgId, jsonField(inventory.containers)]);
  }
  if (inventory.full) {
    await client.query(MARK_ABSENT_REMOVED, [hostId, inventory.containers.map((c) => c.id.slice(0, 12))]);
  }
  if (inventory.removed.length > 0) await client.query(MARK_REMOVED, [hostId, inventory.removed]);
}
