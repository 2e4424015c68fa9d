import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../cli/logger.js';
import { gapsCover, removeGap } from './merge-gaps.js';
import { type SpoolEntry, scanSpoolDir } from './scan-spool-dir.js';
import { batchFileName } from './spool-files.js';
import { readSpoolMeta, type SpoolMeta } from './spool-meta.js';

/** Rebuilds a consistent state from the meta and the batch files after any kind of stop. */
export async function recoverSpool(
  dir: string,
  log: Logger,
): Promise<{ entries: SpoolEntry[]; meta: SpoolMeta }> {
  const { meta: stored, problem } = await readSpoolMeta(dir);
  if (problem) log.error({ dir, problem }, 'spool meta unreadable; rebuilding it from the batch files');
  const scan = await scanSpoolDir(dir);
  for (const removed of scan.removed) log.warn({ dir, ...removed }, 'removed an incomplete spool file');
  let gaps = [...stored.gaps];
  const entries: SpoolEntry[] = [];
  for (const entry of scan.entries) {
    if (entry.seq <= stored.lastAckedSeq || gapsCover(gaps, entry.seq)) {
      await unlink(join(dir, batchFileName(entry.seq)));
    } else {
      entries.push(entry);
    }
  }
  // A batch written just before a crash may carry a gap the meta still lists as unreported.
  for (const entry of entries) if (entry.gap) gaps = removeGap(gaps, entry.gap);
  const highest = Math.max(stored.lastAckedSeq, entries.at(-1)?.seq ?? 0, ...gaps.map((gap) => gap.toSeq));
  const nextSeq = Math.max(stored.nextSeq, highest + 1);
  return { entries, meta: { version: 1, nextSeq, lastAckedSeq: stored.lastAckedSeq, gaps } };
}
