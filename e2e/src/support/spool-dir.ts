import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { type BatchCounts, countBatchItems } from './batch-counts.js';
import { waitFor } from './wait-for.js';

const BATCH_FILE = /^(\d{16})\.json$/;

/** Seqs of the batches waiting in an agent's spool (written, not yet acked), oldest first. */
export async function pendingSeqs(stateDir: string): Promise<number[]> {
  const names = await readdir(path.join(stateDir, 'spool')).catch(() => []);
  return names
    .map((name) => BATCH_FILE.exec(name)?.[1])
    .filter((seq): seq is string => seq !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** Total size of the pending batch files: what the agent weighs against BERTH_SPOOL_MAX_BYTES. */
export async function spooledBytes(stateDir: string): Promise<number> {
  let total = 0;
  for (const seq of await pendingSeqs(stateDir)) {
    const file = path.join(stateDir, 'spool', `${String(seq).padStart(16, '0')}.json`);
    total += await stat(file).then(
      (info) => info.size,
      () => 0,
    );
  }
  return total;
}

/**
 * What the pending batch files hold. After a SIGKILL the agent's last "batch spooled" line may
 * not have reached its log while the batch did reach the disk: the file is the evidence then.
 */
export async function readSpooledBatches(stateDir: string): Promise<Map<number, BatchCounts>> {
  const found = new Map<number, BatchCounts>();
  for (const seq of await pendingSeqs(stateDir)) {
    const file = path.join(stateDir, 'spool', `${String(seq).padStart(16, '0')}.json`);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined) found.set(seq, countBatchItems(JSON.parse(text) as Record<string, unknown>));
  }
  return found;
}

/** Every spooled batch acked: the spool directory holds no batch file. */
export async function waitForEmptySpool(stateDir: string, timeoutMs = 60_000): Promise<void> {
  await waitFor(async () => (await pendingSeqs(stateDir)).length === 0, {
    what: `the spool in ${stateDir} to empty (every batch acked)`,
    timeoutMs,
  });
}
